package io.earlywarning.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bytes of one intake record into a {@link SourceRecord}, or says exactly why it cannot: not UTF-8, not
 * JSON, too large, control characters, or not what the format's JSON Schema (the one in {@code docs/schemas/})
 * requires. Pure: no Kafka.
 */
public final class SourceRecordReader {

    private static final int MAX_NESTING_DEPTH = 32;
    private final int maxBytes;
    private final ObjectMapper json;
    private final Map<IntakeFormat, JsonSchema> schemas = new EnumMap<>(IntakeFormat.class);

    /** @param maxBytes the largest record, and the largest text in it, that intake accepts (1 MB by default) */
    public SourceRecordReader(int maxBytes) {
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(maxBytes + 1)
                        .build())
                .build();
        this.json = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonSchemaFactory schemaFactory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (IntakeFormat format : IntakeFormat.values()) {
            try (InputStream in = SourceRecordReader.class.getResourceAsStream(format.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("schema missing from the build: " + format.schemaResource());
                }
                schemas.put(format, schemaFactory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Reads a record that arrived on {@code channelFormat}'s topic. On the online topic a record in the
     * a-city-messages format (it has {@code messageId}) is read as such.
     */
    public SourceRecord read(byte[] bytes, IntakeFormat channelFormat) {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedRecordException(RejectionReason.INVALID_JSON, "empty record: expected one JSON object");
        }
        if (bytes.length > maxBytes + 64 * 1024) {
            throw new RejectedRecordException(RejectionReason.TOO_LARGE,
                    "record of " + bytes.length + " bytes exceeds the limit of " + maxBytes + " bytes of text");
        }
        String text = decodeUtf8(bytes);
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RejectedRecordException(RejectionReason.INVALID_JSON,
                    "not valid JSON: " + e.getOriginalMessage() + locationOf(e));
        }
        if (node == null || !node.isObject()) {
            throw new RejectedRecordException(RejectionReason.INVALID_JSON,
                    "expected one JSON object, found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        IntakeFormat format = channelFormat == IntakeFormat.ONLINE && node.has("messageId") && !node.has("submissionId")
                ? IntakeFormat.A_CITY_MESSAGES : channelFormat;
        checkStrings(node, "$");
        validate(format, node);
        return new SourceRecord(format, node);
    }

    private static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer chars = decoder.decode(in);
            String s = chars.toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (MalformedInputException e) {
            throw new RejectedRecordException(RejectionReason.NOT_UTF8,
                    "bytes are not UTF-8 (invalid sequence at byte " + in.position() + ")" + encodingHint(bytes));
        } catch (CharacterCodingException e) {
            throw new RejectedRecordException(RejectionReason.NOT_UTF8, "bytes are not UTF-8: " + e.getMessage());
        }
    }

    /** Older Chinese systems send GBK; say so when the bytes read cleanly as GBK, to speed up the fix at the source. */
    private static String encodingHint(byte[] bytes) {
        try {
            Charset.forName("GBK").newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return "; they decode as GBK: the source system must send UTF-8";
        } catch (CharacterCodingException | RuntimeException e) {
            return "";
        }
    }

    private void checkStrings(JsonNode node, String path) {
        if (node.isTextual()) {
            String s = node.textValue();
            if (s.length() > maxBytes || s.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                throw new RejectedRecordException(RejectionReason.TOO_LARGE,
                        path + ": text of more than " + maxBytes + " bytes");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (isForbiddenControl(c)) {
                    throw new RejectedRecordException(RejectionReason.CONTROL_CHARACTERS, String.format(
                            "%s: control character U+%04X at position %d", path, (int) c, i));
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkStrings(e.getValue(), path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkStrings(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** C0 and C1 controls, except tab and line breaks, which people do type. */
    private static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private void validate(IntakeFormat format, JsonNode node) {
        Set<ValidationMessage> errors = schemas.get(format).validate(node);
        if (!errors.isEmpty()) {
            // Report the most telling error first: a missing field before a wrong type before the rest.
            List<ValidationMessage> sorted = errors.stream()
                    .sorted(Comparator.comparingInt(SourceRecordReader::rank).thenComparing(ValidationMessage::getMessage))
                    .toList();
            ValidationMessage first = sorted.get(0);
            String message = format.id() + ": " + String.join("; ", sorted.stream().map(ValidationMessage::getMessage).toList());
            throw new RejectedRecordException(reasonOf(first), message);
        }
        // The schema checks the shape of a date-time; the time must also exist.
        for (String field : List.of("receivedAt", "callTime", "postedAt")) {
            JsonNode t = node.get(field);
            if (t != null && t.isTextual()) {
                try {
                    OffsetDateTime.parse(t.textValue());
                } catch (DateTimeParseException e) {
                    throw new RejectedRecordException(RejectionReason.INVALID_VALUE,
                            format.id() + ": $." + field + ": '" + t.textValue()
                                    + "' is not an ISO-8601 date-time with offset (e.g. 2026-03-02T09:15:00+08:00)");
                }
            }
        }
    }

    private static int rank(ValidationMessage m) {
        return switch (m.getType()) {
            case "required" -> 0;
            case "type" -> 1;
            default -> 2;
        };
    }

    private static RejectionReason reasonOf(ValidationMessage m) {
        return switch (m.getType()) {
            case "required" -> RejectionReason.MISSING_FIELD;
            case "type" -> m.getMessage().contains("null found") ? RejectionReason.MISSING_FIELD : RejectionReason.WRONG_TYPE;
            default -> RejectionReason.INVALID_VALUE;
        };
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
