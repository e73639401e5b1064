package io.earlywarning.fault;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was sent into intake, to be accounted for afterwards: every record must come out exactly once — a source id
 * as one case (its resends as counted duplicates), a bad record as one dead letter with its original bytes.
 */
public final class IntakeLedger {

    private final Map<String, Integer> sendsByCaseId = new LinkedHashMap<>();
    private final Map<String, String> badByDigest = new LinkedHashMap<>();
    private int sent;

    /** A valid source record sent (again, if its case id was sent before). */
    public void sentCase(String caseId) {
        sendsByCaseId.merge(caseId, 1, Integer::sum);
        sent++;
    }

    /** A record intake must reject, known by its bytes. */
    public void sentBad(byte[] value, String label) {
        badByDigest.put(digest(value), label);
        sent++;
    }

    public int sent() {
        return sent;
    }

    /** How the records read back from {@code cases}, {@code intake.duplicates} and {@code intake.rejected} match. */
    public Accounting account(List<String> caseIds, List<String> duplicateCaseIds, List<byte[]> rejectedValues) {
        List<String> missing = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, Integer> cases = counts(caseIds);
        Map<String, Integer> duplicates = counts(duplicateCaseIds);
        sendsByCaseId.forEach((id, sends) -> {
            int asCase = cases.getOrDefault(id, 0);
            int asDuplicate = duplicates.getOrDefault(id, 0);
            if (asCase == 0) {
                missing.add(id + " (no case)");
            } else if (asCase > 1) {
                doubled.add(id + " (" + asCase + " cases)");
            }
            if (asDuplicate < sends - 1) {
                missing.add(id + " (" + (sends - 1 - asDuplicate) + " duplicate(s) not counted)");
            } else if (asDuplicate > sends - 1) {
                doubled.add(id + " (" + asDuplicate + " duplicates for " + (sends - 1) + " resends)");
            }
        });
        cases.keySet().stream().filter(id -> !sendsByCaseId.containsKey(id)).forEach(id -> unexpected.add("case " + id));
        duplicates.keySet().stream().filter(id -> !sendsByCaseId.containsKey(id))
                .forEach(id -> unexpected.add("duplicate " + id));
        Map<String, Integer> rejected = counts(rejectedValues.stream().map(IntakeLedger::digest).toList());
        badByDigest.forEach((d, label) -> {
            int n = rejected.getOrDefault(d, 0);
            if (n == 0) {
                missing.add(label + " (no dead letter)");
            } else if (n > 1) {
                doubled.add(label + " (" + n + " dead letters)");
            }
        });
        rejected.keySet().stream().filter(d -> !badByDigest.containsKey(d)).forEach(d -> unexpected.add("dead letter " + d));
        return new Accounting(sent, caseIds.size(), duplicateCaseIds.size(), rejectedValues.size(), missing, doubled,
                unexpected);
    }

    private static Map<String, Integer> counts(List<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        keys.forEach(k -> m.merge(k, 1, Integer::sum));
        return m;
    }

    static String digest(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The outcome: {@code sent} records in; {@code cases + duplicates + rejected} out; each list names what broke
     * exactly-once accounting (empty when none did).
     */
    public record Accounting(int sent, int cases, int duplicates, int rejected, List<String> missing,
                             List<String> doubled, List<String> unexpected) {

        public boolean exact() {
            return missing.isEmpty() && doubled.isEmpty() && unexpected.isEmpty() && cases + duplicates + rejected == sent;
        }

        public String summary() {
            return String.format("%d in = %d cases + %d duplicates + %d dead letters; missing %d, doubled %d, unexpected %d%s",
                    sent, cases, duplicates, rejected, missing.size(), doubled.size(), unexpected.size(),
                    exact() ? "" : ": " + String.join(", ", first(missing, doubled, unexpected)));
        }

        private static List<String> first(List<String> a, List<String> b, List<String> c) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            return all.subList(0, Math.min(5, all.size()));
        }
    }
}
