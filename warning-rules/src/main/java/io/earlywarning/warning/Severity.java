package io.earlywarning.warning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Warning level, lowest first, in the colours Chinese emergency warnings use (蓝/黄/橙/红色预警). */
public enum Severity {
    BLUE("blue", "蓝色"),
    YELLOW("yellow", "黄色"),
    ORANGE("orange", "橙色"),
    RED("red", "红色");

    private final String id;
    private final String label;

    Severity(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    @JsonCreator
    public static Severity fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("severity '" + id + "' is not one of blue, yellow, orange, red"));
    }

    /** {@code steps} levels higher, at most red. */
    public Severity raised(int steps) {
        return values()[Math.min(values().length - 1, ordinal() + Math.max(0, steps))];
    }

    public Severity max(Severity other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
