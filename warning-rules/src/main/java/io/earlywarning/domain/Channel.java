package io.earlywarning.domain;

/** The way a complaint reached the office (信访渠道). */
public enum Channel {
    /** Registered letters and visits (来信、来访). */
    LETTERS_VISITS("letters-visits", "来信来访"),
    /** 12345 government service hotline work orders (12345 热线). */
    HOTLINE("hotline", "12345热线"),
    /** Web submissions (网上信访). */
    ONLINE("online", "网上信访");

    private final String id;
    private final String label;

    Channel(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The id used in topic names, case ids and JSON ({@code letters-visits}, {@code hotline}, {@code online}). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Channel fromId(String id) {
        for (Channel c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + id);
    }
}
