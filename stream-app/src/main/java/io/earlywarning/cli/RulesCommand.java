package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.backtest.Backtest;
import io.earlywarning.backtest.RuleTests;
import io.earlywarning.domain.Case;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.replay.OfflineIntake;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Warning;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "The analyst's tools for warning rules (docs/rules.md): validate, test, backtest, publish.",
        subcommands = {RulesCommand.Validate.class, RulesCommand.Test.class, RulesCommand.BacktestRun.class,
                RulesCommand.Publish.class})
public final class RulesCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("usage: early-warning rules validate|test|backtest|publish … (--help for each)");
    }

    /** A rule set as the commands name it: a bundled city or a file. */
    static RuleBundle bundle(String nameOrFile) {
        return RuleBundle.load(nameOrFile);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks a rules file with its routing table and threat lexicon; prints what it holds or the "
                    + "first problem (file, key, line). Exit status 1 when invalid.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Rules YAML, or demo-city / a-city for a bundled set.")
        String file;

        @Override
        public Integer call() {
            try {
                RuleBundle b = bundle(file);
                System.out.printf("ok: %s, version %d: %d rules (%s); routing table %s with %d units; threat lexicon %s%n",
                        b.rules().name(), b.version(), b.rules().rules().size(),
                        String.join(", ", b.rules().rules().stream().map(r -> r.id()).toList()), b.routing().city(),
                        b.routing().units().size(), b.threatsText() == null ? "bundled" : b.rules().threats());
                return 0;
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Runs rule unit tests (given signals or cases, the expected warnings), offline. Prints each "
                    + "test and, for a failure, what differs. Exit status 1 when any test fails.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Rule test YAML files.")
        List<Path> files;

        @Option(names = "--rules", paramLabel = "FILE", description = "Test this rules file instead of the one each test file names.")
        String rules;

        @Override
        public Integer call() {
            int failed = 0;
            int total = 0;
            for (Path f : files) {
                List<RuleTests.Outcome> outcomes;
                try {
                    outcomes = RuleTests.run(f, rules);
                } catch (RuntimeException e) {
                    System.err.println(f + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                for (RuleTests.Outcome o : outcomes) {
                    total++;
                    System.out.println((o.passed() ? "PASS " : "FAIL ") + f.getFileName() + " · " + o.name());
                    for (String d : o.differences()) {
                        System.out.println("     " + d);
                    }
                    failed += o.passed() ? 0 : 1;
                }
            }
            System.out.printf("%d of %d rule tests passed%n", total - failed, total);
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Runs the whole pipeline (normalization, surges, repeats, threats, rules, routing) offline over "
                    + "a recorded stream in event time and writes DIR/warnings.jsonl and DIR/report.html (plots: counts "
                    + "against baseline per key with warning markers, hits per rule, and with --compare what changes).")
    static final class BacktestRun implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Recorded records, one JSON per line (or a directory of them).")
        Path input;

        @Option(names = "--format", defaultValue = "a-city-messages",
                description = "letters-visits, hotline, online or a-city-messages (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--rules", paramLabel = "FILE", description = "Rules file, or demo-city / a-city (default: a-city for a-city-messages, else demo-city).")
        String rules;

        @Option(names = "--compare", paramLabel = "OTHER", description = "A second rule set to run side by side.")
        String compare;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write warnings.jsonl and report.html.")
        Path out;

        @Override
        public Integer call() throws Exception {
            IntakeFormat f = IntakeFormat.fromId(format);
            RuleBundle main;
            RuleBundle other;
            try {
                main = bundle(rules != null ? rules : f == IntakeFormat.A_CITY_MESSAGES ? "a-city" : "demo-city");
                other = compare == null ? null : bundle(compare);
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            // The A-city board is its own city: read it with its own gazetteer unless EW_GAZETTEER says otherwise,
            // so that a demo-city district name in a message (高新区) is not taken for a place.
            Map<String, String> env = new java.util.HashMap<>(System.getenv());
            if (f == IntakeFormat.A_CITY_MESSAGES) {
                env.putIfAbsent("EW_GAZETTEER", "a-city");
            }
            OfflineIntake intake = OfflineIntake.of(AppConfig.from(env));
            List<Case> cases = intake.normalize(ReplaySource.read(input, f));
            Backtest.Result r = Backtest.run(input.toString(), cases, intake.rejected(), SurgeRules.bundled(), main,
                    other, System.err);
            Backtest.write(r, out);
            summary(r.main());
            if (r.compare() != null) {
                summary(r.compare());
            }
            System.out.println("wrote " + out.resolve("warnings.jsonl") + " and " + out.resolve("report.html"));
            return 0;
        }

        private static void summary(Backtest.Outcome o) {
            System.out.printf("%s v%d: %d warnings (%d versions)%n", o.rules().rules().name(), o.rules().version(),
                    o.warnings().size(), o.versions().size());
            o.warnings().stream().sorted(Comparator.comparing((Warning w) -> -w.severity().ordinal())
                            .thenComparing(w -> -w.evidence().caseIds().size())).limit(10)
                    .forEach(w -> System.out.printf("  %s %s %s → %s%n", w.severity().label(),
                            w.triggeredAt().toLocalDate(), w.title(),
                            String.join("、", w.units().stream().map(u -> u.name()).toList())));
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Validates a rules file with its routing table and threat lexicon and publishes it to the "
                    + "compacted topic 'rules'; every running instance applies it without a restart and reports on "
                    + "'rules.status', which this command prints. The version must be higher than any published.")
    static final class Publish implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Rules YAML.")
        String file;

        @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
        String bootstrap;

        @Option(names = "--wait", defaultValue = "10", description = "Seconds to wait for instances to report (default: ${DEFAULT-VALUE}).")
        int waitSeconds;

        @Override
        public Integer call() {
            RuleBundle b;
            try {
                b = bundle(file);
            } catch (RuntimeException e) {
                System.err.println("not published: " + e.getMessage());
                return 1;
            }
            AppConfig config = AppConfig.fromEnvironment();
            String servers = config.clientBootstrap(bootstrap);
            int published;
            try {
                published = highestPublished(servers);
            } catch (org.apache.kafka.common.KafkaException e) {
                System.err.println("not published: cannot read topic '" + Topics.RULES + "' on " + servers + ": "
                        + e.getMessage() + " (is the broker up? --bootstrap or KAFKA_BOOTSTRAP_SERVERS)");
                return 1;
            }
            if (b.version() <= published) {
                System.err.printf("not published: version %d is not higher than the published version %d; raise 'version'%n",
                        b.version(), published);
                return 1;
            }
            long offset;
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer())) {
                offset = p.send(new ProducerRecord<>(Topics.RULES, String.valueOf(b.version()), b.toPublished()))
                        .get().offset();
            } catch (Exception e) {
                System.err.println("not published: " + e.getMessage());
                return 1;
            }
            System.out.printf("published %s version %d to '%s' at offset %d%n", b.rules().name(), b.version(),
                    Topics.RULES, offset);
            return printStatuses(servers, offset);
        }

        private int printStatuses(String servers, long offset) {
            Instant until = Instant.now().plusSeconds(waitSeconds);
            int applied = 0;
            int rejected = 0;
            try (KafkaConsumer<String, String> c = consumer(servers, new StringDeserializer())) {
                List<TopicPartition> parts = c.partitionsFor(Topics.RULES_STATUS).stream()
                        .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                while (Instant.now().isBefore(until)) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                        var s = JsonSerde.MAPPER.readTree(r.value());
                        if (s.path("offset").asLong() == offset) {
                            System.out.println("  " + s.path("instance").asText() + ": " + s.path("status").asText()
                                    + (s.hasNonNull("reason") ? " — " + s.path("reason").asText() : ""));
                            applied += s.path("status").asText().equals("applied") ? 1 : 0;
                            rejected += s.path("status").asText().equals("rejected") ? 1 : 0;
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("cannot read " + Topics.RULES_STATUS + ": " + e.getMessage());
            }
            if (applied == 0 && rejected == 0) {
                System.out.println("  no instance reported within " + waitSeconds + " s (none running?); they apply it when they start");
            }
            return rejected > 0 ? 1 : 0;
        }

        private static int highestPublished(String servers) {
            int highest = 0;
            try (KafkaConsumer<String, byte[]> c = consumer(servers, new ByteArrayDeserializer())) {
                TopicPartition p = new TopicPartition(Topics.RULES, 0);
                c.assign(List.of(p));
                c.seekToBeginning(List.of(p));
                long end = c.endOffsets(List.of(p)).get(p);
                while (c.position(p) < end) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        try {
                            highest = Math.max(highest, Integer.parseInt(r.key()));
                        } catch (NumberFormatException e) {
                            // a key that is no version (written by hand): it does not block publishing
                        }
                    }
                }
            }
            return highest;
        }

        private static <V> KafkaConsumer<String, V> consumer(String servers,
                                                             org.apache.kafka.common.serialization.Deserializer<V> values) {
            return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000), new StringDeserializer(), values);
        }
    }
}
