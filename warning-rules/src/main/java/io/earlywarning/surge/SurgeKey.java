package io.earlywarning.surge;

import io.earlywarning.domain.Case;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing whose volume is watched: an estate by its normalized key, a district by name, or a district and
 * first-level category ({@code A2区/城乡建设}).
 */
public record SurgeKey(SurgeKeyType type, String key) {

    /** The key as one string, {@code <type>:<key>}: the partition key of the surge stage and its store. */
    public String id() {
        return type.id() + ":" + key;
    }

    /** The key of {@link #id()}. */
    public static SurgeKey parse(String id) {
        int colon = id.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a surge key id: " + id);
        }
        return new SurgeKey(SurgeKeyType.fromId(id.substring(0, colon)), id.substring(colon + 1));
    }

    /** The keys a case counts towards: its estate, its district, its district and category, as far as known. */
    public static List<SurgeKey> of(Case c) {
        List<SurgeKey> keys = new ArrayList<>(3);
        if (c.estateKey() != null) {
            keys.add(new SurgeKey(SurgeKeyType.ESTATE, c.estateKey()));
        }
        if (c.district() != null) {
            keys.add(new SurgeKey(SurgeKeyType.DISTRICT, c.district()));
            if (c.category() != null) {
                keys.add(new SurgeKey(SurgeKeyType.DISTRICT_CATEGORY, c.district() + "/" + c.category()));
            }
        }
        return keys;
    }

    /** Whether a surge on {@code inner} also raises this key's volume (a district holds its estates' cases). */
    public boolean contains(SurgeKey inner, String innerDistrict, String innerCategory) {
        if (equals(inner)) {
            return true;
        }
        return switch (type) {
            case DISTRICT -> key.equals(innerDistrict);
            case DISTRICT_CATEGORY -> inner.type() != SurgeKeyType.DISTRICT
                    && key.equals(innerDistrict + "/" + innerCategory);
            case ESTATE -> false;
        };
    }
}
