package io.earlywarning.surge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a surge is counted over: a property development (楼盘), a district (区县), or a district's category. */
public enum SurgeKeyType {
    ESTATE("estate"),
    DISTRICT("district"),
    DISTRICT_CATEGORY("district-category");

    private final String id;

    SurgeKeyType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static SurgeKeyType fromId(String id) {
        for (SurgeKeyType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + id + "' (estate, district, district-category)");
    }
}
