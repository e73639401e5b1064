package io.earlywarning.threat.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The threat detector of the active rule bundle: rebuilt only when a published set brings another lexicon, so a
 * hot reload changes threat matching too, and an ordinary case costs no rebuild.
 */
public final class LiveThreatDetector {

    private record Built(ThreatRules rules, ThreatDetector detector) {
    }

    private final Supplier<ThreatRules> rules;
    private volatile Built built;

    public LiveThreatDetector(Supplier<ThreatRules> rules) {
        this.rules = rules;
    }

    public Optional<ThreatSignal> signal(Case c) {
        ThreatRules current = rules.get();
        Built b = built;
        if (b == null || b.rules() != current) {
            b = new Built(current, new ThreatDetector(current));
            built = b;
        }
        return ThreatSignal.of(c, b.detector());
    }
}
