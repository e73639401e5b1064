package io.earlywarning.backtest;

import io.earlywarning.state.KeyedMemory;
import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.domain.Case;
import io.earlywarning.surge.InMemorySurgeMemory;
import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.LearnedBaseline;
import io.earlywarning.surge.RepeatPetitions;
import io.earlywarning.surge.SeasonalScanDetector;
import io.earlywarning.surge.SurgeCalendar;
import io.earlywarning.surge.SurgeKeyType;
import io.earlywarning.surge.SurgeMonitor;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;
import io.earlywarning.threat.stream.ThreatSignal;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.SignalView;
import io.earlywarning.warning.Warning;
import io.earlywarning.warning.WarningEngine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The detection and warning stages without Kafka, over cases in event-time order: the same threat detector, surge
 * monitor, repeat detector and warning engine as the topology, with signals passed through their JSON form as the
 * {@code signals} topic carries them. One warning engine per rule set, so that two sets are compared on exactly the
 * same signals. Used by {@code rules backtest} and {@code rules test}.
 */
public final class OfflinePipeline {

    /** One day of a surge key: counted petitioners and what the baseline expected. */
    public record Day(LocalDate day, double observed, double expected) {
    }

    private final SurgeMonitor surges;
    private final InMemorySurgeMemory surgeMemory = new InMemorySurgeMemory();
    private final RepeatPetitions repeats;
    private final SurgeCalendar calendar;
    private final SurgeRules surgeRules;
    private final List<RuleBundle> ruleSets;
    private final List<WarningEngine> engines = new ArrayList<>();
    private final Map<ThreatRules, ThreatDetector> detectors = new IdentityHashMap<>();
    private final List<List<Warning>> warnings = new ArrayList<>();
    private final Map<String, Integer> signalCounts = new TreeMap<>();
    private final Set<String> tracked;
    private final Map<String, TreeMap<LocalDate, Day>> series = new LinkedHashMap<>();
    private long currentDay = Long.MIN_VALUE;

    /** @param tracked surge key ids ({@code estate:…}) whose daily counts and baseline to record for plots */
    public OfflinePipeline(SurgeRules surgeRules, List<RuleBundle> ruleSets, Set<String> tracked) {
        this.surgeRules = surgeRules;
        this.surges = new SurgeMonitor(surgeRules, new SeasonalScanDetector(), surgeMemory);
        this.repeats = new RepeatPetitions(surgeRules, KeyedMemory.inMemory());
        this.calendar = new SurgeCalendar(surgeRules);
        this.ruleSets = List.copyOf(ruleSets);
        this.tracked = Set.copyOf(tracked);
        for (RuleBundle b : ruleSets) {
            engines.add(new WarningEngine(() -> b, KeyedMemory.inMemory()));
            warnings.add(new ArrayList<>());
            detectors.computeIfAbsent(b.threats(), ThreatDetector::new);
        }
    }

    /** The next case in event time. */
    public void accept(Case c) {
        long day = calendar.epochDay(c.receivedAt().toEpochSecond());
        if (day != currentDay) {
            recordDay(currentDay);
            currentDay = day;
        }
        List<Object> shared = new ArrayList<>(surges.next(c));
        repeats.observe(c).ifPresent(shared::add);
        for (int i = 0; i < engines.size(); i++) {
            List<Object> signals = new ArrayList<>(shared);
            ThreatSignal.of(c, detectors.get(ruleSets.get(i).threats())).ifPresent(signals::add);
            for (Object s : signals) {
                JsonNode json = JsonSerde.MAPPER.valueToTree(s);
                if (i == 0) {
                    signalCounts.merge(json.path("type").asText(), 1, Integer::sum);
                }
                warnings.get(i).addAll(engines.get(i).onSignal(SignalView.from(json)));
            }
        }
    }

    /** Moves event time to the end of the stream: surges gone quiet close, their warnings subside. */
    public void finish(long epochSecond) {
        recordDay(currentDay);
        List<Object> closed = new ArrayList<>(surges.advanceTo(epochSecond));
        for (int i = 0; i < engines.size(); i++) {
            for (Object s : closed) {
                warnings.get(i).addAll(engines.get(i).onSignal(SignalView.from(JsonSerde.MAPPER.valueToTree(s))));
            }
        }
    }

    private void recordDay(long epochDay) {
        if (epochDay == Long.MIN_VALUE || tracked.isEmpty()) {
            return;
        }
        long from = calendar.startOfDay(epochDay);
        long to = from + 86_400;
        for (String key : tracked) {
            KeyState s = surgeMemory.get(key);
            if (s == null) {
                continue;
            }
            SurgeRules.KeyRule rule = surgeRules.rule(SurgeKeyType.fromId(s.keyType));
            double expected = LearnedBaseline.expected(s, rule, from, to, surgeMemory.shared().profile, calendar);
            Day d = new Day(LocalDate.ofEpochDay(epochDay), s.daily.getOrDefault(epochDay, 0.0), expected);
            series.computeIfAbsent(key, k -> new TreeMap<>()).put(d.day(), d);
        }
    }

    /** Every warning version each rule set raised, in order. */
    public List<Warning> warnings(int ruleSet) {
        return warnings.get(ruleSet);
    }

    public Map<String, Integer> signalCounts() {
        return signalCounts;
    }

    public Map<String, TreeMap<LocalDate, Day>> series() {
        return series;
    }
}
