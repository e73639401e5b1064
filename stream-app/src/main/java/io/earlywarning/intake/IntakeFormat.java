package io.earlywarning.intake;

import io.earlywarning.domain.Channel;

/** The record formats intake reads, each documented by a JSON Schema in {@code docs/schemas/}. */
public enum IntakeFormat {
    LETTERS_VISITS("letters-visits", Channel.LETTERS_VISITS, "registrationNo"),
    HOTLINE("hotline", Channel.HOTLINE, "orderNo"),
    ONLINE("online", Channel.ONLINE, "submissionId"),
    /** The public A-city message board's messages, accepted on the online channel as they are. */
    A_CITY_MESSAGES("a-city-messages", Channel.ONLINE, "messageId");

    private final String id;
    private final Channel channel;
    private final String idField;

    IntakeFormat(String id, Channel channel, String idField) {
        this.id = id;
        this.channel = channel;
        this.idField = idField;
    }

    public String id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    /** The field holding the source system's id, which becomes the suffix of the case id. */
    public String idField() {
        return idField;
    }

    public String schemaResource() {
        return "/schemas/" + id + ".schema.json";
    }

    public static IntakeFormat fromId(String id) {
        for (IntakeFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "': use letters-visits, hotline, online or a-city-messages");
    }
}
