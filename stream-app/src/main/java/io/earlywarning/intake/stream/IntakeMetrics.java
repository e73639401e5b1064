package io.earlywarning.intake.stream;

import io.earlywarning.domain.Channel;
import io.earlywarning.intake.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;

/**
 * Intake's meters: records by channel and outcome, rejections by reason, and the latency from receipt on an intake
 * topic to the normalized case. Names are documented in {@code docs/metrics.md}.
 */
public final class IntakeMetrics {

    /** Key under which the topology hands this object to the exception handlers through the Streams config. */
    public static final String CONFIG_KEY = "early.warning.intake.metrics";

    public static final String RECORDS = "ew.intake.records";
    public static final String REJECTED = "ew.intake.rejected";
    public static final String LATENCY = "ew.intake.latency";

    private final MeterRegistry registry;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every channel × outcome and channel × reason exists from the start at 0, so that a rate() or an alert on
        // dead letters sees the first rejection instead of a series that appears out of nowhere.
        for (Channel channel : Channel.values()) {
            for (String outcome : new String[]{"accepted", "rejected", "duplicate"}) {
                records(channel.id(), outcome);
            }
            for (RejectionReason reason : RejectionReason.values()) {
                rejectedCounter(channel.id(), reason.name());
            }
        }
    }

    /** The registry, for the meters of later stages. */
    public MeterRegistry registry() {
        return registry;
    }

    public static IntakeMetrics discarding() {
        return new IntakeMetrics(new SimpleMeterRegistry());
    }

    public void accepted(String channel) {
        records(channel, "accepted").increment();
    }

    public void duplicate(String channel) {
        records(channel, "duplicate").increment();
    }

    public void rejected(String channel, String reason) {
        records(channel, "rejected").increment();
        rejectedCounter(channel, reason).increment();
    }

    private Counter rejectedCounter(String channel, String reason) {
        return Counter.builder(REJECTED).description("Intake records rejected to intake.rejected, by reason")
                .tag("channel", channel).tag("reason", reason).register(registry);
    }

    public void latency(String channel, Duration latency) {
        Timer.builder(LATENCY).description("From arrival on an intake topic to the normalized case")
                .tag("channel", channel)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    private Counter records(String channel, String outcome) {
        return Counter.builder(RECORDS).description("Intake records by channel and outcome (accepted, rejected, duplicate)")
                .tag("channel", channel).tag("outcome", outcome).register(registry);
    }
}
