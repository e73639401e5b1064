package io.earlywarning.fault;

import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedRecord;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.topology.Topics;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake of a fault test: {@code cases} generated demo-city records in time order, every 40th source record
 * sent a second time (as a source system resends), and every 500th position a record intake must reject (bad JSON,
 * a missing field, a wrong type, GBK bytes, a control character), each with a caller's phone number in it.
 */
public record CrashFeed(List<ReplayRecord> records, IntakeLedger ledger, PrivacyScan privacy) {

    static final int RESEND_EVERY = 40;
    static final int BAD_EVERY = 500;

    public static CrashFeed generate(long seed, int cases) {
        int perDay = Math.max(80, cases / 120);
        int days = (int) Math.ceil(cases * 1.1 / perDay) + 1;
        List<GeneratedRecord> generated = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY))
                .generate(seed, days, DemoStreamGenerator.DEFAULT_START, perDay).records();
        if (generated.size() < cases) {
            throw new IllegalStateException("the generator made " + generated.size() + " records, fewer than " + cases);
        }
        List<ReplayRecord> out = new ArrayList<>();
        IntakeLedger ledger = new IntakeLedger();
        PrivacyScan privacy = new PrivacyScan();
        for (int i = 0; i < cases; i++) {
            GeneratedRecord g = generated.get(i);
            add(out, ledger, privacy, g, ReplayRecord.of(g));
            if (i % RESEND_EVERY == RESEND_EVERY - 1 && i >= 13) {
                GeneratedRecord again = generated.get(i - 13);
                add(out, ledger, privacy, again, ReplayRecord.of(again));
            }
            if (i % BAD_EVERY == BAD_EVERY - 1) {
                ReplayRecord bad = bad(i / BAD_EVERY, g.at().toInstant());
                out.add(bad);
                ledger.sentBad(bad.value(), "bad record " + (i / BAD_EVERY));
                privacy.sent(bad.value());
            }
        }
        return new CrashFeed(List.copyOf(out), ledger, privacy);
    }

    private static void add(List<ReplayRecord> out, IntakeLedger ledger, PrivacyScan privacy, GeneratedRecord g,
                            ReplayRecord r) {
        out.add(r);
        ledger.sentCase(g.caseId());
        privacy.sent(r.value());
    }

    /** The n-th bad record: one of five kinds in turn, each unique by its order number. */
    static ReplayRecord bad(int n, Instant at) {
        String id = "crash-bad-" + n;
        String phone = String.format("139%08d", 10_000_000 + n);
        String ok = "{\"orderNo\":\"" + id + "\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":\"" + phone
                + "\",\"summary\":\"来电人反映：江北区小区停水\",\"district\":\"江北区\",\"category\":\"城乡建设\"}";
        byte[] value = switch (n % 5) {
            case 0 -> ok.substring(0, ok.length() / 2).getBytes(StandardCharsets.UTF_8);
            case 1 -> ok.replace(",\"callTime\":\"2026-03-03T21:00:00+08:00\"", "").getBytes(StandardCharsets.UTF_8);
            case 2 -> ok.replace("\"callTime\":\"2026-03-03T21:00:00+08:00\"", "\"callTime\":20260303").getBytes(StandardCharsets.UTF_8);
            case 3 -> ok.getBytes(Charset.forName("GBK"));
            default -> ok.replace("停水", "停\\u0000水").getBytes(StandardCharsets.UTF_8);
        };
        return new ReplayRecord(Topics.INTAKE_HOTLINE, at, id.getBytes(StandardCharsets.UTF_8), value);
    }
}
