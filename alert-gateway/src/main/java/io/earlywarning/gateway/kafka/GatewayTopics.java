package io.earlywarning.gateway.kafka;

import java.util.List;

/** The topics the gateway reads and writes ({@code docs/topics.md}). */
public final class GatewayTopics {

    /** Warning versions from the stream app (read). */
    public static final String WARNINGS = "warnings";
    /** The published rule bundle (read): the routing table with the units' contacts, the digest time. */
    public static final String RULES = "rules";
    /** Audit of every action on a warning, by officers and by the gateway (read and written). */
    public static final String WARNING_ACTIONS = "warnings.actions";
    /** The delivery outbox, compacted (read and written). */
    public static final String DELIVERIES = "gateway.deliveries";

    /** Normalized cases (read, from {@code EW_GATEWAY_CASE_DAYS} back): the evidence cases' text in the detail view. */
    public static final String CASES = "cases";

    /** Read from the beginning; the board and the outbox are rebuilt from them. */
    public static final List<String> READ = List.of(RULES, WARNINGS, WARNING_ACTIONS, DELIVERIES);

    private GatewayTopics() {
    }
}
