package io.earlywarning.surge;

import io.earlywarning.domain.Case;
import io.earlywarning.state.KeyedMemory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Repeat petitions (重复信访): the same petitioner about the same matter again within {@code repeat.days}. The
 * matter is the estate and category when the estate is known, else the district and category. Only the
 * pseudonymous {@code petitionerKey} links the cases, and the signal carries case ids, not the key: it says that
 * a matter is still unresolved for someone, not who they are.
 */
public final class RepeatPetitions {

    /** An earlier case of one petitioner, as remembered. */
    public record Earlier(String caseId, String matter, long at) {
    }

    /**
     * A {@code REPEAT} signal on topic {@code signals}.
     *
     * @param earlierCaseIds the same petitioner's earlier cases on this matter within the window, oldest first
     * @param count          how many cases on this matter in the window, this one included
     */
    public record RepeatSignal(String signalId, String type, String caseId, OffsetDateTime detectedAt, String matter,
                               String district, String town, String estate, String category,
                               List<String> earlierCaseIds, int count, String accusedUnit, String ruleId,
                               int ruleSetVersion) {
        public static final String TYPE = "REPEAT";
    }

    private static final int REMEMBERED = 20;

    private final SurgeRules rules;
    private final KeyedMemory<List<Earlier>> memory;

    /** @param memory each petitioner's recent cases, by petitioner key */
    public RepeatPetitions(SurgeRules rules, KeyedMemory<List<Earlier>> memory) {
        this.rules = rules;
        this.memory = memory;
    }

    /** The matter a case is about, for repeat counting; null when too little is known. */
    public static String matter(Case c) {
        String category = c.category() == null ? "?" : c.category();
        if (c.estateKey() != null) {
            return "estate:" + c.estateKey() + "/" + category;
        }
        return c.district() == null ? null : "district:" + c.district() + "/" + category;
    }

    public Optional<RepeatSignal> observe(Case c) {
        String matter = matter(c);
        if (c.petitionerKey() == null || matter == null) {
            return Optional.empty();
        }
        long t = c.receivedAt().toEpochSecond();
        long window = rules.repeat().days() * 86_400L;
        List<Earlier> kept = new ArrayList<>();
        List<String> same = new ArrayList<>();
        List<Earlier> remembered = memory.get(c.petitionerKey());
        for (Earlier e : remembered == null ? List.<Earlier>of() : remembered) {
            if (e.caseId().equals(c.caseId())) {
                return Optional.empty(); // seen already (a replay): nothing new
            }
            if (Math.abs(t - e.at()) <= window) {
                kept.add(e);
                if (e.matter().equals(matter) && e.at() <= t) {
                    same.add(e.caseId());
                }
            }
        }
        kept.add(new Earlier(c.caseId(), matter, t));
        memory.put(c.petitionerKey(), List.copyOf(
                kept.size() > REMEMBERED ? kept.subList(kept.size() - REMEMBERED, kept.size()) : kept));
        if (same.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RepeatSignal(RepeatSignal.TYPE + ":" + c.caseId(), RepeatSignal.TYPE, c.caseId(),
                c.receivedAt(), matter, c.district(), c.town(), c.estate(), c.category(), same, same.size() + 1,
                c.accusedUnit(), rules.repeat().rule(), rules.version()));
    }
}
