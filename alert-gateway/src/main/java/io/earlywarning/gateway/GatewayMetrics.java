package io.earlywarning.gateway;

import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.gateway.board.WarningBoard;
import io.earlywarning.gateway.delivery.Delivery;
import io.earlywarning.gateway.delivery.Outbox;
import io.earlywarning.warning.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The gateway's metrics ({@code docs/metrics.md}), scraped at {@code /metrics} on the console's port. */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong heartbeat = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong lastDigest = new AtomicLong();
    private final Timer timeToAcknowledge;
    private final Counter escalations;

    public GatewayMetrics(WarningBoard board, Outbox outbox, Clock clock, double timeScale) {
        timeToAcknowledge = Timer.builder("ew_gateway_time_to_acknowledge")
                .description("From a warning's arrival to its first acknowledgement (签收)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(10))
                .maximumExpectedValue(Duration.ofDays(1)).register(registry);
        escalations = Counter.builder("ew_gateway_escalations").description("Escalation steps taken (提级)").register(registry);
        for (Severity s : Severity.values()) {
            Gauge.builder("ew_gateway_open_unacknowledged", board, b -> b.all().stream()
                            .filter(t -> !t.acknowledged() && !t.resolved() && !"subsided".equals(t.warning().status())
                                    && t.warning().severity() == s).count())
                    .tag("severity", s.id()).description("Open warnings nobody has acknowledged yet").register(registry);
            Gauge.builder("ew_gateway_overdue_unacknowledged", board, b -> b.all().stream()
                            .filter(t -> !t.acknowledged() && !t.resolved() && t.warning().severity() == s
                                    && clock.instant().isAfter(t.acknowledgeDeadline(timeScale))).count())
                    .tag("severity", s.id()).description("Of those, the ones past their acknowledgement deadline").register(registry);
        }
        Gauge.builder("ew_gateway_outbox_pending", outbox, o -> o.count(Delivery.PENDING))
                .description("Deliveries waiting to be sent or retried").register(registry);
        Gauge.builder("ew_gateway_heartbeat_timestamp_seconds", heartbeat, AtomicLong::get)
                .description("Unix time of the gateway loop's last turn: stale means the gateway is stuck").register(registry);
        Gauge.builder("ew_gateway_last_warning_timestamp_seconds", lastWarning, AtomicLong::get)
                .description("Unix time the last warning version arrived").register(registry);
        Gauge.builder("ew_gateway_last_digest_timestamp_seconds", lastDigest, AtomicLong::get)
                .description("Unix time the last daily digest was planned: older than a day means digests (and zero-reports) stopped").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void delivery(String channel, String outcome) {
        Counter.builder("ew_gateway_deliveries").tag("channel", channel).tag("outcome", outcome)
                .description("Delivery attempts by channel and outcome (sent, retry, failed, silenced)").register(registry)
                .increment();
    }

    public void acknowledged(TrackedWarning t, java.time.Instant at) {
        timeToAcknowledge.record(Duration.between(t.receivedAt(), at).abs());
    }

    public void escalated() {
        escalations.increment();
    }

    public void digest(boolean zeroReport) {
        Counter.builder("ew_gateway_digests").tag("zero_report", Boolean.toString(zeroReport))
                .description("Daily digests planned, zero-reports among them").register(registry).increment();
        lastDigest.set(System.currentTimeMillis() / 1000);
    }

    public void beat(java.time.Instant now) {
        heartbeat.set(now.getEpochSecond());
    }

    public void warningArrived(java.time.Instant now) {
        lastWarning.set(now.getEpochSecond());
    }
}
