package io.earlywarning.threat;

/** What a threat (扬言) is of. */
public enum ThreatCategory {
    SELF_HARM("self_harm"), VIOLENCE("violence"), ARSON_EXPLOSIVE("arson_explosive");

    private final String id;

    ThreatCategory(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ThreatCategory fromId(String id) {
        for (ThreatCategory c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown threat category '" + id + "': use self_harm, violence or arson_explosive");
    }
}
