package io.earlywarning.backtest;

import io.earlywarning.domain.Case;
import io.earlywarning.replay.ProgressBar;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Warning;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backtest: the whole pipeline over a recorded stream in event time, with one rule set or two side by side.
 * Writes {@code warnings.jsonl} (every version, as topic {@code warnings} would carry them; with {@code --compare}
 * also {@code warnings-compare.jsonl}) and {@code report.html}.
 */
public final class Backtest {

    /** The outcome of one rule set: every warning version, and the last version of each warning. */
    public record Outcome(RuleBundle rules, List<Warning> versions, List<Warning> warnings) {
    }

    /** What a backtest found, for the report and the command's summary. */
    public record Result(String input, int cases, int rejected, List<Case> casesSeen, Outcome main, Outcome compare,
                         Map<String, Integer> signalCounts, Map<String, java.util.TreeMap<java.time.LocalDate,
                            OfflinePipeline.Day>> series) {
    }

    private static final int PLOTTED_KEYS = 12;

    private Backtest() {
    }

    public static Result run(String input, List<Case> cases, int rejected, SurgeRules surgeRules, RuleBundle main,
                             RuleBundle compare, PrintStream progress) {
        List<Case> ordered = cases.stream().sorted(Comparator.comparing(Case::receivedAt)).toList();
        List<RuleBundle> sets = compare == null ? List.of(main) : List.of(main, compare);
        // First pass: which surge keys raise warnings; second pass: the same, recording those keys' days for plots.
        OfflinePipeline first = pass(ordered, surgeRules, sets, Set.of(), progress, "pass 1/2");
        Set<String> tracked = new LinkedHashSet<>();
        for (int i = 0; i < sets.size(); i++) {
            lastVersions(first.warnings(i)).stream()
                    .filter(w -> w.type().equals("SURGE"))
                    .sorted(Comparator.comparing((Warning w) -> -w.evidence().caseIds().size()))
                    .map(w -> w.subject().substring("surge:".length()))
                    .forEach(tracked::add);
        }
        Set<String> plotted = new LinkedHashSet<>(tracked.stream().limit(PLOTTED_KEYS).toList());
        OfflinePipeline second = pass(ordered, surgeRules, sets, plotted, progress, "pass 2/2");
        Outcome a = new Outcome(main, second.warnings(0), lastVersions(second.warnings(0)));
        Outcome b = compare == null ? null : new Outcome(compare, second.warnings(1), lastVersions(second.warnings(1)));
        return new Result(input, ordered.size(), rejected, ordered, a, b, second.signalCounts(), second.series());
    }

    private static OfflinePipeline pass(List<Case> ordered, SurgeRules surgeRules, List<RuleBundle> sets,
                                        Set<String> tracked, PrintStream progress, String label) {
        OfflinePipeline p = new OfflinePipeline(surgeRules, sets, tracked);
        ProgressBar bar = new ProgressBar(progress, label, ordered.size());
        for (Case c : ordered) {
            p.accept(c);
            bar.step();
        }
        if (!ordered.isEmpty()) {
            p.finish(ordered.get(ordered.size() - 1).receivedAt().toEpochSecond() + 7 * 86_400L);
        }
        bar.done();
        return p;
    }

    /** The last version of each warning, in the order warnings were first raised. */
    public static List<Warning> lastVersions(List<Warning> versions) {
        Map<String, Warning> last = new LinkedHashMap<>();
        for (Warning w : versions) {
            last.put(w.warningId(), w);
        }
        return new ArrayList<>(last.values());
    }

    /** Writes the warnings and the HTML report into {@code dir}. */
    public static void write(Result r, Path dir) {
        try {
            Files.createDirectories(dir);
            writeJsonLines(r.main().versions(), dir.resolve("warnings.jsonl"));
            if (r.compare() != null) {
                writeJsonLines(r.compare().versions(), dir.resolve("warnings-compare.jsonl"));
            }
            Files.writeString(dir.resolve("report.html"), BacktestReport.html(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJsonLines(List<Warning> warnings, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Warning w : warnings) {
            b.append(JsonSerde.MAPPER.writeValueAsString(w)).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
