package io.earlywarning.topology;

import io.earlywarning.domain.Channel;
import io.earlywarning.gateway.kafka.GatewayTopics;
import io.earlywarning.intake.IntakeFormat;

import java.util.List;
import java.util.Optional;

/** Every topic the application reads or writes, in one place. Documented in {@code docs/topics.md}. */
public final class Topics {

    /** Registered letters and visits, as the registration system sends them. */
    public static final String INTAKE_LETTERS_VISITS = "intake.letters-visits";
    /** 12345 hotline work orders. */
    public static final String INTAKE_HOTLINE = "intake.hotline";
    /** Web submissions (and A-city message-board messages). */
    public static final String INTAKE_ONLINE = "intake.online";
    /** Dead letters: every intake record that could not become a case, with its reason and original bytes. */
    public static final String INTAKE_REJECTED = "intake.rejected";
    /** One record per dropped duplicate of a source id, so that duplicates are counted, not silently lost. */
    public static final String INTAKE_DUPLICATES = "intake.duplicates";
    /** Normalized cases, one schema for all channels, pseudonymized. */
    public static final String CASES = "cases";
    /** Each case with its similar-case cluster (类案), its cluster's size and its nearest earlier cases. */
    public static final String CASES_CLUSTERED = "cases.clustered";
    /** Changes of a cluster's identity: merges (the older cluster survives) and expiries, keyed by cluster id. */
    public static final String CLUSTERS = "clusters";
    /** Detection signals (THREAT, SURGE, REPEAT, CLUSTER_GROWTH), keyed by case id (THREAT, REPEAT) or signal id. */
    public static final String SIGNALS = "signals";

    /** Warnings for the responsible units, keyed by warning id; each version replaces the one before. */
    public static final String WARNINGS = "warnings";
    /**
     * The alert gateway's audit of officers' actions (处置留痕), keyed by warning id; the warning stage reads the
     * resolutions back (办结 closes the warning). Written by the gateway only, which owns the name.
     */
    public static final String WARNING_ACTIONS = GatewayTopics.WARNING_ACTIONS;
    /** Published rule bundles (rules + routing table + threat lexicon), keyed by version; compacted, one partition. */
    public static final String RULES = "rules";
    /** What each instance made of each published rule set: applied, rejected with the reason, or ignored. */
    public static final String RULES_STATUS = "rules.status";

    /** Largest record the intake and dead-letter topics take: oversized texts must arrive to be rejected. */
    public static final int LARGE_MESSAGE_BYTES = 16 * 1024 * 1024;

    public static final List<String> INTAKE = List.of(INTAKE_LETTERS_VISITS, INTAKE_HOTLINE, INTAKE_ONLINE);
    public static final List<String> ALL = List.of(
            INTAKE_LETTERS_VISITS, INTAKE_HOTLINE, INTAKE_ONLINE, INTAKE_REJECTED, INTAKE_DUPLICATES, CASES, CASES_CLUSTERED, CLUSTERS, SIGNALS,
            WARNINGS, WARNING_ACTIONS, RULES, RULES_STATUS);

    private Topics() {
    }

    public static String intakeTopic(Channel channel) {
        return switch (channel) {
            case LETTERS_VISITS -> INTAKE_LETTERS_VISITS;
            case HOTLINE -> INTAKE_HOTLINE;
            case ONLINE -> INTAKE_ONLINE;
        };
    }

    /** The native format of an intake topic. */
    public static Optional<IntakeFormat> formatOf(String topic) {
        return Optional.ofNullable(switch (topic) {
            case INTAKE_LETTERS_VISITS -> IntakeFormat.LETTERS_VISITS;
            case INTAKE_HOTLINE -> IntakeFormat.HOTLINE;
            case INTAKE_ONLINE -> IntakeFormat.ONLINE;
            default -> null;
        });
    }

    /** Whether a topic holds personal data as the sources sent it (only the intake topics do). */
    public static boolean holdsRawPersonalData(String topic) {
        return INTAKE.contains(topic) || INTAKE_REJECTED.equals(topic);
    }
}
