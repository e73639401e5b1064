package io.earlywarning.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The warnings one run published, version by version: whether any version was published twice or skipped, and the
 * final version of each warning, to compare with another run's.
 */
public final class WarningLedger {

    private final Map<String, TreeMap<Integer, Integer>> publishedVersions = new TreeMap<>();
    private final Map<String, Final> finals = new TreeMap<>();

    /** What a duty officer ends up seeing of one warning. */
    public record Final(int version, String status, String severity, String units, int evidenceCases) {
        static Final of(JsonNode w) {
            List<String> units = new ArrayList<>();
            w.path("units").forEach(u -> units.add(u.isTextual() ? u.asText() : u.path("id").asText()));
            return new Final(w.path("version").asInt(), w.path("status").asText(), w.path("severity").asText(),
                    String.join(",", units), w.path("evidence").path("caseIds").size());
        }
    }

    public void add(JsonNode warning) {
        String id = warning.path("warningId").asText();
        int version = warning.path("version").asInt();
        publishedVersions.computeIfAbsent(id, k -> new TreeMap<>()).merge(version, 1, Integer::sum);
        Final f = finals.get(id);
        if (f == null || version >= f.version()) {
            finals.put(id, Final.of(warning));
        }
    }

    public int warnings() {
        return finals.size();
    }

    public int versions() {
        return publishedVersions.values().stream().mapToInt(v -> v.values().stream().mapToInt(Integer::intValue).sum()).sum();
    }

    /** Versions published more than once, and versions missing below a warning's last one. */
    public List<String> defects() {
        List<String> defects = new ArrayList<>();
        publishedVersions.forEach((id, versions) -> {
            versions.forEach((v, n) -> {
                if (n > 1) {
                    defects.add(id + " v" + v + " published " + n + " times");
                }
            });
            for (int v = 1; v <= versions.lastKey(); v++) {
                if (!versions.containsKey(v)) {
                    defects.add(id + " v" + v + " never published");
                }
            }
        });
        return defects;
    }

    /** How this run's final warnings differ from {@code reference}'s: missing, extra, or a different last version. */
    public List<String> differencesFrom(WarningLedger reference) {
        List<String> diff = new ArrayList<>();
        reference.finals.forEach((id, f) -> {
            Final mine = finals.get(id);
            if (mine == null) {
                diff.add("missing " + id);
            } else if (!Objects.equals(mine, f)) {
                diff.add(id + ": " + mine + " instead of " + f);
            }
        });
        finals.keySet().stream().filter(id -> !reference.finals.containsKey(id)).forEach(id -> diff.add("extra " + id));
        return diff;
    }
}
