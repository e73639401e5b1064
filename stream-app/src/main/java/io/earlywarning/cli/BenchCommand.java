package io.earlywarning.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.bench.Benchmark;
import io.earlywarning.bench.ClusterReport;
import io.earlywarning.bench.NormalizationQuality;
import io.earlywarning.bench.SurgeEvaluation;
import io.earlywarning.bench.SurgeReport;
import io.earlywarning.bench.SurgeScenario;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.category.CategoryClassifier;
import io.earlywarning.intake.CaseNormalizer;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.privacy.PetitionerPseudonymizer;
import io.earlywarning.category.CrossValidation;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.kafka.EmbeddedKafkaBroker;
import io.earlywarning.kafka.TopicProvisioner;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.OfflineIntake;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;
import io.earlywarning.topology.JsonSerde;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures end-to-end throughput and p50/p99 latency of the intake topology on the embedded "
                + "broker, side by side with a pass-through topology in the same run, and the category "
                + "classifier's 5-fold cross-validated accuracy; prints a table and writes BENCHMARKS.md.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--cases", defaultValue = "20000", description = "Backlog drained for throughput (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--rate", defaultValue = "200", description = "Records a second for the latency phase (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--repeat", defaultValue = "3", description = "Throughput drains per topology, alternating; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--surges-only", description = "Run only the surge detector comparison (no broker; a few minutes).")
    boolean surgesOnly;

    @Option(names = "--warnings-only", description = "Run only the A-city warning backtest section (no broker; seconds).")
    boolean warningsOnly;

    @Option(names = "--threats-only", description = "Run only the threat quality and speed sections on real and hand-written texts (no broker; seconds).")
    boolean threatsOnly;

    @Option(names = "--clusters-only", description = "Run only the clustering quality and speed sections (no broker; a few minutes).")
    boolean clustersOnly;

    @Option(names = "--cluster-sizes", split = ",", defaultValue = "100000,1000000",
            description = "Cases in the clustering window for the speed table (default: ${DEFAULT-VALUE}).")
    int[] clusterSizes;

    @Option(names = "--fidelity-window", defaultValue = "50000",
            description = "Cases in the window for the search-fidelity table (postings caps against an exhaustive search; 0: skip; default: ${DEFAULT-VALUE}).")
    int fidelityWindow;

    @Option(names = "--soak", converter = ShortDuration.class, paramLabel = "DURATION",
            description = "Run only the soak for this long (e.g. 10m, 90s, 1h): the full topology fed at --soak-rate; "
                    + "lag, heap and latency every 10 s. Replaces the Soak section of --out.")
    Duration soak;

    @Option(names = "--soak-rate", split = ",", defaultValue = "1000",
            description = "Records a second during the soak; several (1000,300) run one after the other (default: ${DEFAULT-VALUE}).")
    double[] soakRates;

    @Option(names = "--out", defaultValue = "BENCHMARKS.md", description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    Path out;

    /** 10m, 90s, 1h, 500ms or an ISO-8601 duration (PT10M). */
    static final class ShortDuration implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.trim());
            if (!m.matches()) {
                return Duration.parse(value.trim());
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }

    @Override
    public Integer call() throws Exception {
        if (surgesOnly) {
            System.out.println(surgeReport());
            return 0;
        }
        if (warningsOnly) {
            System.out.println(warningsReport());
            return 0;
        }
        if (clustersOnly) {
            String quality = ClusterReport.quality(A_CITY);
            String speed = ClusterReport.performance(fidelityWindow, clusterSizes);
            System.out.println(quality + speed);
            String text = Files.exists(out) ? Files.readString(out) : "";
            text = replaceSection(text, "## Similar-case clustering quality (B-cubed)", quality);
            Files.writeString(out, replaceSection(text, "## Similar-case clustering speed", speed));
            System.err.println("Clustering sections written to " + out.toAbsolutePath());
            return 0;
        }
        if (threatsOnly) {
            System.out.println(threatSection());
            return 0;
        }
        if (soak != null) {
            String section = soakSection();
            System.out.println(section);
            Files.writeString(out, replaceSection(Files.exists(out) ? Files.readString(out) : "", "## Soak", section));
            System.err.println("Soak section written to " + out.toAbsolutePath());
            return 0;
        }
        String report = onBroker((config, bootstrap, state) -> {
            DemoStreamGenerator generator = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY));
            List<ReplayRecord> backlog = records(generator, 11, cases, DemoStreamGenerator.DEFAULT_START);
            List<ReplayRecord> live = records(generator, 12, (int) (rate * seconds), DemoStreamGenerator.DEFAULT_START.plusYears(1));
            System.err.printf("bench: %d backlog records, then %d live at %.0f/s …%n", backlog.size(), live.size(), rate);
            List<Benchmark.Row> rows = new Benchmark(bootstrap, config, state).run(backlog, live, rate, repeat);
            List<CrossValidation.Result> accuracy = Benchmark.categoryAccuracy(1, 2, 3, 4, 5, 6, 7);
            var quality = NormalizationQuality.measure(
                    generator.generate(7, 30, DemoStreamGenerator.DEFAULT_START, 80),
                    new CaseNormalizer(new PlaceResolver(Gazetteer.load(config.gazetteer())), CategoryClassifier.bundled(),
                            new PetitionerPseudonymizer(config.pseudonymKey())));
            return report(rows, accuracy, quality, backlog.size(), live.size())
                    + threatSection() + surgeReport() + warningsReport()
                    + ClusterReport.quality(A_CITY) + ClusterReport.performance(fidelityWindow, clusterSizes);
        });
        System.out.println(report);
        // The soak is a run of its own (--soak): its last figures are kept.
        String soakBefore = section(Files.exists(out) ? Files.readString(out) : "", "## Soak");
        if (!soakBefore.isEmpty()) {
            report = replaceSection(report, "## Soak", soakBefore);
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.err.println("written to " + out.toAbsolutePath());
        return 0;
    }

    private static List<ReplayRecord> records(DemoStreamGenerator generator, long seed, int count, OffsetDateTime start) {
        int days = Math.max(1, count / 2000);
        int perDay = Math.max(1, (int) Math.round(count / (double) days / 0.92));
        return generator.generate(seed, days, start, perDay).records().stream().limit(count)
                .map(ReplayRecord::of)
                .toList();
    }

    /** The A-city backtest: what the shipped A-city rules raise over the real board, and a reading of it. */
    private static String warningsReport() throws IOException {
        if (!Files.exists(A_CITY)) {
            return "\n## Warnings on the A-city board\n\nNot measured (" + A_CITY + " absent).\n";
        }
        OfflineIntake intake = OfflineIntake.of(AppConfig.from(Map.of("EW_GAZETTEER", "a-city")));
        var cases = intake.normalize(ReplaySource.read(A_CITY, IntakeFormat.A_CITY_MESSAGES));
        var rules = io.earlywarning.warning.RuleBundle.load("a-city");
        var r = io.earlywarning.backtest.Backtest.run(A_CITY.toString(), cases, intake.rejected(), SurgeRules.bundled(),
                rules, null, null);
        var warnings = r.main().warnings();
        StringBuilder b = new StringBuilder("\n## Warnings on the A-city board (backtest)\n\n");
        b.append(String.format("`bin/early-warning rules backtest --input ../shared/data/a-city-messages/messages.jsonl --out DIR`: "
                + "the shipped `a-city` rules (%s v%d) over %,d cases in event time. Signals %s. **%d warnings** "
                + "(%d versions written: updates as evidence grew).%n%n", rules.rules().name(), rules.version(),
                r.cases(), r.signalCounts(), warnings.size(), r.main().versions().size()));
        b.append("| rule | warnings | red | orange | yellow | blue |\n|---|---|---|---|---|---|\n");
        for (var rule : rules.rules().rules()) {
            var mine = warnings.stream().filter(w -> w.ruleId().equals(rule.id())).toList();
            b.append("| ").append(rule.id()).append(" | ").append(mine.size());
            for (var sev : List.of("red", "orange", "yellow", "blue")) {
                b.append(" | ").append(mine.stream().filter(w -> w.severity().id().equals(sev)).count());
            }
            b.append(" |\n");
        }
        b.append("\nThe threat and surge warnings, in time order (repeat-petition warnings are in the report):\n\n")
                .append("| triggered | severity | title | units | cases |\n|---|---|---|---|---|\n");
        warnings.stream().filter(w -> !w.ruleId().equals("repeat-petition"))
                .sorted(java.util.Comparator.comparing(io.earlywarning.warning.Warning::triggeredAt))
                .forEach(w -> b.append("| ").append(w.triggeredAt().toLocalDateTime()).append(" | ")
                        .append(w.severity().label()).append(" | ").append(w.title()).append(" | ")
                        .append(String.join("、", w.units().stream().map(u -> u.name()).toList())).append(" | ")
                        .append(w.evidence().caseIds().size()).append(": ")
                        .append(String.join(" ", w.evidence().caseIds().stream().limit(4).toList()))
                        .append(w.evidence().caseIds().size() > 4 ? " …" : "").append(" |\n"));
        try (var in = BenchCommand.class.getResourceAsStream("/io/earlywarning/bench/a-city-backtest-reading.md")) {
            b.append('\n').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static String surgeReport() throws IOException {
        SurgeRules rules = SurgeRules.bundled();
        List<SurgeEvaluation.Result> results = SurgeReport.measure(rules, true);
        String report = SurgeReport.markdown(results, new SurgeScenario(rules).generate(SurgeReport.EVALUATION_SEED, true));
        if (!Files.exists(A_CITY)) {
            return report + "\nA-city surges not measured (" + A_CITY + " absent).\n";
        }
        OfflineIntake intake = OfflineIntake.of(AppConfig.fromEnvironment());
        var cases = intake.normalize(ReplaySource.read(A_CITY, IntakeFormat.A_CITY_MESSAGES));
        return report + SurgeReport.aCityMarkdown(SurgeReport.surgesIn(cases, rules), cases.size(), intake.rejected());
    }

    /** The soak on the embedded broker (or KAFKA_BOOTSTRAP_SERVERS): see {@link io.earlywarning.bench.Soak}. */
    private String soakSection() throws Exception {
        return onBroker((config, bootstrap, state) -> {
            var soakRun = new io.earlywarning.bench.Soak(new Benchmark(bootstrap, config, state), bootstrap);
            List<io.earlywarning.bench.Soak.Result> results = new java.util.ArrayList<>();
            for (double soakRate : soakRates) {
                results.add(soakRun.run(new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY)), soakRate, soak));
            }
            return io.earlywarning.bench.Soak.markdown(results, String.format(java.util.Locale.ROOT,
                    "`bin/early-warning bench --soak %ds --soak-rate %s` on %s — %d cores, Java %s, max heap %d MiB.",
                    soak.toSeconds(), java.util.Arrays.stream(soakRates).mapToObj(x -> String.format(java.util.Locale.ROOT, "%.0f", x))
                            .collect(java.util.stream.Collectors.joining(",")), LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        });
    }

    /** What runs against a broker: the embedded one (default) or KAFKA_BOOTSTRAP_SERVERS, topics ensured. */
    private interface OnBroker {
        String run(AppConfig config, String bootstrap, Path state) throws Exception;
    }

    private static String onBroker(OnBroker body) throws Exception {
        AppConfig config = AppConfig.fromEnvironment().withMetricsPort(0);
        Path state = Files.createTempDirectory("early-warning-bench-");
        EmbeddedKafkaBroker broker = config.usesEmbeddedKafka() ? EmbeddedKafkaBroker.start() : null;
        String bootstrap = broker != null ? broker.bootstrapServers() : config.bootstrapServers();
        try {
            TopicProvisioner.ensureTopics(bootstrap, config);
            return body.run(config, bootstrap, state);
        } finally {
            if (broker != null) {
                broker.close();
            }
            // The streams' state of a benchmark run is of no use afterwards (runs left 1.3 GB of it in /tmp).
            Utils.delete(state.toFile());
        }
    }

    /** {@code text} with the section that starts at {@code heading} (up to the next "## ") replaced, or appended. */
    static String replaceSection(String text, String heading, String section) {
        String body = section.strip() + "\n";
        String old = section(text, heading);
        if (old.isEmpty()) {
            return text.stripTrailing() + "\n\n" + body;
        }
        int at = text.indexOf(old);
        return text.substring(0, at) + body + text.substring(at + old.length());
    }

    /** The section of {@code text} that starts at the line {@code heading}, up to the next "## " heading; "" if none. */
    static String section(String text, String heading) {
        int at = text.indexOf("\n" + heading + "\n");
        if (at < 0) {
            return "";
        }
        int next = text.indexOf("\n## ", at + 1);
        return text.substring(at + 1, next < 0 ? text.length() : next);
    }

    private static final Path A_CITY = Path.of("..", "shared", "data", "a-city-messages", "messages.jsonl");

    /** How many real A-city messages the detector flags, as "flagged of total", or a note when the file is absent. */
    private static String aCityFlags(ThreatDetector detector) throws IOException {
        if (!Files.exists(A_CITY)) {
            return "not measured (" + A_CITY + " absent)";
        }
        int total = 0;
        int flagged = 0;
        for (String line : Files.readAllLines(A_CITY, StandardCharsets.UTF_8)) {
            var json = JsonSerde.MAPPER.readTree(line);
            total++;
            if (detector.assess(json.path("subject").asText() + "。" + json.path("body").asText()).threat()) {
                flagged++;
            }
        }
        return flagged + " of " + total;
    }

    /** The whole threat section: generated labels, hand-written sets, JMH speed, real messages. No broker. */
    private static String threatSection() throws IOException {
        var detector = new ThreatDetector(ThreatRules.bundled());
        var generator = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY));
        var threats = Benchmark.threatsAgainstTruth(generator.generate(11, 120, DemoStreamGenerator.DEFAULT_START, 80), detector);
        return threatReport(threats, aCityFlags(detector));
    }

    private static String threatReport(Map<String, int[]> byKind, String aCity) throws IOException {
        StringBuilder s = new StringBuilder("\n## Threat flags (扬言) against the generator's labels\n\n");
        s.append("Generated stream, seed 11, 120 days. The generator's threat and hard-negative phrases come from the same "
                + "hands as the rules, so this checks the mechanics, not real-world precision. On the real A-city "
                + "message board (no labels) " + aCity + " messages are flagged.\n\n");
        s.append("| label | texts | flagged | not flagged |\n|---|---:|---:|---:|\n");
        byKind.forEach((kind, n) -> s.append(String.format("| %s | %d | %d | %d |%n", kind, n[0] + n[1], n[1], n[0])));
        return s.append(handWrittenThreatSet()).append(jmhThreatSpeed()).append(realThreatLabels()).toString();
    }

    /** JMH: threat detection throughput on one thread, short hand-written texts and long real messages. */
    private static String jmhThreatSpeed() {
        try {
            var options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                    .include(io.earlywarning.bench.ThreatDetectorJmh.class.getName())
                    .shouldFailOnError(true).build();
            StringBuilder s = new StringBuilder(String.format("%nJMH (1 fork, 1 thread, 3 × 1 s warm-up, 5 × 1 s measured; "
                    + "`ThreatDetectorJmh`), texts assessed per second:%n%n| texts | texts/s | ± (99.9 %%) |%n|---|---:|---:|%n"));
            for (var r : new org.openjdk.jmh.runner.Runner(options).run()) {
                var score = r.getPrimaryResult();
                s.append(String.format(java.util.Locale.ROOT, "| %s | %.0f | %.0f |%n",
                        r.getParams().getParam("texts").equals("a-city")
                                ? "real A-city messages (subject + body, mean 373 characters, median 225)"
                                : "hand-written labelled sets (mean 21 characters)",
                        score.getScore(), score.getScoreError()));
            }
            return s.toString();
        } catch (org.openjdk.jmh.runner.RunnerException e) {
            return "\nJMH run failed: " + e.getMessage() + "\n";
        }
    }

    /** The hand-written labelled sets: the detector beside a plain keyword list (speed: {@link #jmhThreatSpeed}). */
    private static String handWrittenThreatSet() {
        ThreatRules rules = ThreatRules.bundled();
        ThreatDetector detector = new ThreatDetector(rules);
        var sets = io.earlywarning.bench.ThreatEvaluation.sets();
        StringBuilder s = new StringBuilder(String.format("%nHand-written labelled sets (threats explicit, implicit, "
                + "disguised and buried in long complaints; hard negatives: negation, figures of speech, third parties and "
                + "news, lawful escalation, hazard reports, everyday words). Each set was written, measured once, and — "
                + "except the held-out one — then used to tune the rules: figures on a tuned set are optimistic. The "
                + "held-out set was written before the last change to the rules, committed unmeasured, and has never been used to change them: "
                + "its row is the figure for text the rules have not seen.%n%n"));
        s.append("| set | texts | hard negatives | written | tuned on | method | precision | recall | tp | fp | fn |\n"
                + "|---|---:|---:|---|---|---|---:|---:|---:|---:|---:|\n");
        List<io.earlywarning.bench.ThreatEvaluation.Labelled> tuned = new java.util.ArrayList<>();
        List<io.earlywarning.bench.ThreatEvaluation.Labelled> heldOut = new java.util.ArrayList<>();
        for (var set : sets) {
            (set.tuned() ? tuned : heldOut).addAll(set.texts());
            long negatives = set.texts().stream().filter(l -> l.label().equals("none")).count();
            for (var r : List.of(io.earlywarning.bench.ThreatEvaluation.detector(set.texts(), detector),
                    io.earlywarning.bench.ThreatEvaluation.keywordList(set.texts(), rules))) {
                var any = r.scores().get("any threat");
                s.append(String.format(java.util.Locale.ROOT, "| `%s` | %d | %d (%.0f %%) | %s | %s | %s | %.3f | %.3f | %d | %d | %d |%n",
                        set.file(), set.texts().size(), negatives, 100.0 * negatives / set.texts().size(), set.written(),
                        set.tuned() ? "yes" : "**no (held out)**", r.method(), any.precision(), any.recall(),
                        any.tp(), any.fp(), any.fn()));
            }
        }
        s.append(String.format("%nPer category, the tuned sets together (%d texts) and the held-out set (%d texts):%n%n",
                tuned.size(), heldOut.size()));
        s.append("| texts | method | category | precision | recall | tp | fp | fn |\n|---|---|---|---:|---:|---:|---:|---:|\n");
        for (var group : List.of(java.util.Map.entry("tuned", tuned), java.util.Map.entry("held out", heldOut))) {
            for (var r : List.of(io.earlywarning.bench.ThreatEvaluation.detector(group.getValue(), detector),
                    io.earlywarning.bench.ThreatEvaluation.keywordList(group.getValue(), rules))) {
                r.scores().forEach((category, score) -> s.append(String.format(java.util.Locale.ROOT,
                        "| %s | %s | %s | %.3f | %.3f | %d | %d | %d |%n", group.getKey(), r.method(), category,
                        score.precision(), score.recall(), score.tp(), score.fp(), score.fn())));
            }
        }
        return s.toString();
    }

    /**
     * The real messages labelled by hand: every A-city message in which an act phrase of the lexicon appears as
     * written (the pool is the lexicon's, so it measures precision on real text, not recall of implicit threats).
     */
    private static String realThreatLabels() throws IOException {
        if (!Files.exists(A_CITY)) {
            return "";
        }
        Map<String, JsonNode> messages = new java.util.HashMap<>();
        for (String line : Files.readAllLines(A_CITY, StandardCharsets.UTF_8)) {
            JsonNode j = JsonSerde.MAPPER.readTree(line);
            messages.put(j.path("messageId").asText(), j);
        }
        ThreatDetector detector = new ThreatDetector(ThreatRules.bundled());
        int tp = 0, fp = 0, tn = 0, fn = 0;
        StringBuilder rows = new StringBuilder();
        try (var in = BenchCommand.class.getResourceAsStream("/io/earlywarning/bench/a-city-threat-labels.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode label = JsonSerde.MAPPER.readTree(line);
                JsonNode m = messages.get(label.path("messageId").asText());
                boolean flagged = detector.assess(m.path("subject").asText() + "。" + m.path("body").asText()).threat();
                boolean threat = label.path("threat").asBoolean();
                tp += threat && flagged ? 1 : 0;
                fp += !threat && flagged ? 1 : 0;
                tn += !threat && !flagged ? 1 : 0;
                fn += threat && !flagged ? 1 : 0;
                rows.append(String.format("| %s | %s | %s | %s |%n", label.path("messageId").asText(),
                        threat ? "threat" : "no threat", flagged ? "flagged" : "—", label.path("why").asText()));
            }
        }
        return String.format("%nReal A-city messages labelled by hand (`a-city-threat-labels.jsonl`: every message in which "
                + "an act phrase appears as written, so precision on real text, not recall of implicit threats): "
                + "%d flagged of %d threats, %d false flags among %d non-threats.%n%n"
                + "| message | label | detector | why |%n|---|---|---|---|%n", tp, tp + fn, fp, fp + tn) + rows;
    }

    private static String report(List<Benchmark.Row> rows, List<CrossValidation.Result> accuracy,
                                 Map<String, NormalizationQuality.Score> quality, int backlog, int live) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmarks\n\n");
        s.append("Written by `bin/early-warning bench` on ").append(LocalDate.now()).append(" — ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(ManagementFactory.getOperatingSystemMXBean().getArch()).append(", Java ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB. ")
                .append("Embedded single-node KRaft broker in the same JVM, exactly_once_v2, 3 partitions.\n\n");
        s.append("## Intake, end to end\n\n");
        s.append("Throughput: a backlog of ").append(backlog).append(" generated records drained from the intake topics, ")
                .append("by each topology in turn, repeated alternately; the median drain. ")
                .append("Latency: ").append(live).append(" records sent one by one at a steady rate to both topologies, ")
                .append("running at the same time; from send to the output record being readable (read_committed).\n\n");
        s.append("| topology | throughput (records/s, median) | each drain (records/s) | p50 latency (ms) | p99 latency (ms) | latency samples |\n");
        s.append("|---|---:|---|---:|---:|---:|\n");
        for (Benchmark.Row r : rows) {
            s.append(String.format("| %s | %.0f | %s | %.1f | %.1f | %d |%n", r.topology(), r.recordsPerSecond(),
                    String.join(", ", r.drains().stream().map(d -> String.format("%.0f", d)).toList()),
                    r.p50Ms(), r.p99Ms(), r.records()));
        }
        s.append("\nA drain includes the topology's start (until RUNNING); the pass-through drains last about a second, "
                + "so their figures vary most from run to run on this shared machine.\n");
        if (rows.size() == 2) {
            Benchmark.Row a = rows.get(0);
            Benchmark.Row b = rows.get(1);
            s.append(String.format("%nRatio intake / pass-through: throughput %.2f, p50 latency %.2f, p99 latency %.2f.%n",
                    b.recordsPerSecond() / a.recordsPerSecond(), b.p50Ms() / a.p50Ms(), b.p99Ms() / a.p99Ms()));
        }
        s.append("\n## Category inference (一级分类)\n\n");
        s.append("5-fold stratified cross-validation on the 494 labelled A-city messages "
                + "(`../shared/data/a-city-messages/categorized.jsonl`, 7 categories), repeated with 7 fold seeds. "
                + "Goal: >= 0.85.\n\n");
        s.append("| model | median accuracy | min | max | per seed |\n|---|---:|---:|---:|---|\n");
        List<Double> values = accuracy.stream().map(CrossValidation.Result::accuracy).sorted().toList();
        s.append(String.format("| complement naive Bayes, TF-IDF char 1+2-grams + lexicon | %.3f | %.3f | %.3f | %s |%n",
                values.get(values.size() / 2), values.get(0), values.get(values.size() - 1),
                String.join(", ", accuracy.stream().map(r -> String.format("%.3f", r.accuracy())).toList())));
        s.append("\n## Normalization against the generator's ground truth\n\n");
        s.append("Generated demo-city stream, seed 7, 30 days; every record normalized and compared with `truth.json`. "
                + "`wrong` is a different value, `missing` is null (unknown).\n\n");
        s.append("| field | accuracy | correct | cases with a true value | wrong | missing |\n|---|---:|---:|---:|---:|---:|\n");
        quality.values().forEach(q -> s.append(String.format("| %s | %.3f | %d | %d | %d | %d |%n", q.field(), q.accuracy(),
                q.correct(), q.total(), q.wrongValue(), q.missing())));
        s.append("\nReproduce: `bin/early-warning bench` (defaults: --cases 20000 --rate 200 --seconds 20 --repeat 3).\n");
        return s.toString();
    }
}
