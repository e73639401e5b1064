package io.earlywarning.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.domain.Channel;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedRecord;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.topology.JsonSerde;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed and hostile intake records for fuzzing, drawn by jqwik: garbage bytes, broken and deeply nested JSON,
 * huge strings, wrong encodings, and real-shaped records (from the demo generator) whose fields carry control
 * characters, right-to-left marks, emoji, HTML and script, SQL-like payloads, personal numbers, wrong types, or are
 * missing.
 */
public final class HostileRecords {

    /** One record as a producer would send it to a channel's intake topic. */
    public record Hostile(Channel channel, String kind, byte[] key, byte[] value) {
        @Override
        public String toString() {
            String shown = new String(value, 0, Math.min(value.length, 160), StandardCharsets.UTF_8);
            return channel + " " + kind + " (" + value.length + " bytes): " + shown;
        }
    }

    static final List<String> PAYLOADS = List.of(
            "<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>",
            "'; DROP TABLE cases; --", "1 OR 1=1", "admin'--", "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd",
            "\u202E\u0645\u0631\u062D\u0628\u0627 abc", "\u200F\u200E\u2066\u2069", "😀👨‍👩‍👧‍👦🔥💣", "\uD83D",
            "\u0000\u0001\u0007\u001B[31m\u007F", "\r\n\r\nHTTP/1.1 200", "\uFEFF\uFFFE\uFFFF", "ｆｕｌｌ　ｗｉｄｔｈ１２３",
            "电话13812345678，身份证110101199003071234", "我要跳楼", "　", "", " ", "null", "true", "-1e309",
            "9".repeat(400), "江北区".repeat(200));

    private static final List<GeneratedRecord> VALID = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY))
            .generate(11, 3, OffsetDateTime.of(2026, 5, 4, 0, 0, 0, 0, ZoneOffset.ofHours(8)), 60).records();

    private HostileRecords() {
    }

    public static Arbitrary<Hostile> any() {
        Arbitrary<Channel> channels = Arbitraries.of(Channel.values());
        return Arbitraries.frequencyOf(
                Tuple.of(10, Combinators.combine(channels, Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
                        .as((c, b) -> new Hostile(c, "garbage bytes", null, b))),
                Tuple.of(10, Combinators.combine(channels, Arbitraries.strings().all().ofMaxLength(300))
                        .as((c, s) -> new Hostile(c, "any text", null, s.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(4, Combinators.combine(channels, Arbitraries.integers().between(50, 50_000), Arbitraries.of("[", "{\"a\":"))
                        .as((c, n, open) -> new Hostile(c, "deep nesting " + n, null, nested(open, n)))),
                Tuple.of(30, Combinators.combine(Arbitraries.of(VALID), Arbitraries.of(PAYLOADS),
                                Arbitraries.strings().all().ofMaxLength(80), Arbitraries.integers().between(0, 6))
                        .as(HostileRecords::poisoned)),
                Tuple.of(8, Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 1000))
                        .as((r, cut) -> truncated(r, cut))),
                Tuple.of(8, Combinators.combine(Arbitraries.of(VALID), Arbitraries.of("GBK", "UTF-16LE", "UTF-16BE", "UTF-32", "ISO-8859-1", "BOM"))
                        .as(HostileRecords::reencoded)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(100_000, 1_500_000))
                        .as(HostileRecords::huge)),
                Tuple.of(28, Arbitraries.of(VALID).map(r -> new Hostile(r.channel(), "valid", null,
                        r.json().getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] nested(String open, int depth) {
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    /** A real record with one field's value replaced (payload, random text, wrong type) or removed. */
    private static Hostile poisoned(GeneratedRecord r, String payload, String random, int how) {
        try {
            ObjectNode o = (ObjectNode) JsonSerde.MAPPER.readTree(r.json());
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            String field = fields.get(Math.floorMod((payload + random).hashCode(), fields.size()));
            String kind = switch (how) {
                case 0 -> { o.put(field, payload); yield "payload in " + field; }
                case 1 -> { o.put(field, o.path(field).asText() + payload + random); yield "payload appended to " + field; }
                case 2 -> { o.put(field, 12345678901L); yield "number for " + field; }
                case 3 -> { o.putArray(field).add(payload); yield "array for " + field; }
                case 4 -> { o.putNull(field); yield "null " + field; }
                case 5 -> { o.remove(field); yield "missing " + field; }
                default -> { o.putObject(field).put("x", payload); yield "object for " + field; }
            };
            poisonText(o, payload);
            return new Hostile(r.channel(), kind, random.getBytes(StandardCharsets.UTF_8),
                    JsonSerde.MAPPER.writeValueAsBytes(o));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload also lands in the free text, where it reaches every stage. */
    private static void poisonText(ObjectNode o, String payload) {
        for (String f : List.of("summary", "body", "request")) {
            JsonNode v = o.get(f);
            if (v != null && v.isTextual()) {
                o.put(f, v.asText() + payload);
            }
        }
    }

    private static Hostile truncated(GeneratedRecord r, int cut) {
        byte[] b = r.json().getBytes(StandardCharsets.UTF_8);
        int n = Math.min(cut, b.length - 1);
        return new Hostile(r.channel(), "truncated at " + n, null, java.util.Arrays.copyOf(b, n));
    }

    private static Hostile reencoded(GeneratedRecord r, String encoding) {
        byte[] b = encoding.equals("BOM")
                ? ("\uFEFF" + r.json()).getBytes(StandardCharsets.UTF_8)
                : r.json().getBytes(Charset.forName(encoding));
        return new Hostile(r.channel(), "encoded " + encoding, null, b);
    }

    private static Hostile huge(GeneratedRecord r, int chars) {
        try {
            ObjectNode o = (ObjectNode) JsonSerde.MAPPER.readTree(r.json());
            String text = "业主反映".repeat(chars / 4);
            for (String f : List.of("summary", "body", "request")) {
                if (o.has(f)) {
                    o.put(f, text);
                }
            }
            return new Hostile(r.channel(), "huge text " + chars, null, JsonSerde.MAPPER.writeValueAsBytes(o));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
