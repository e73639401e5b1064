package io.earlywarning.rulesfile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an analyst-edited YAML file into a record, with errors a person can act on: the file, the key and the line
 * ({@code unknown key 'minObserverd' at rules[2].when}), never a stack trace. Every rules file goes through here.
 */
public final class YamlFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private YamlFile() {
    }

    /** Thrown for a file that cannot be used; the message names the file and what is wrong. */
    public static final class InvalidFileException extends IllegalArgumentException {
        public InvalidFileException(String kind, String source, String message) {
            super("invalid " + kind + " (" + source + "): " + message);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code yaml} as {@code type}; {@code kind} names the file type in errors ("warning rules"). */
    public static <T> T parse(String yaml, Class<T> type, String kind, String source) {
        T value;
        try {
            value = YAML.readValue(yaml, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidFileException(kind, source, "unknown key '" + e.getPropertyName() + "' at "
                    + path(e, type) + " (line " + line(e) + ")");
        } catch (JacksonException e) {
            throw new InvalidFileException(kind, source, e.getOriginalMessage() + " at " + path(e, type)
                    + " (line " + line(e) + ")");
        }
        if (value == null) {
            throw new InvalidFileException(kind, source, "empty file");
        }
        return value;
    }

    private static String path(JacksonException e, Class<?> type) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    b.append('[').append(r.getIndex()).append(']');
                }
            }
            return b.isEmpty() ? "top level" : b.toString();
        }
        return "top level";
    }

    private static String line(JacksonException e) {
        return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
    }
}
