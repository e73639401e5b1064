package io.earlywarning.gateway.console;

import io.earlywarning.gateway.delivery.WebhookSignature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's webhook receiver (the demo routing table's contacts point here): checks each POST's signature and
 * timestamp as a real receiver should, drops a repeated idempotency key, and keeps the last messages per unit so
 * that the console can show what each unit's robot would have posted.
 */
public final class DemoInbox {

    public record Receipt(int status, String reason) {
    }

    public record Received(String unit, String idempotencyKey, Instant at, String body) {
    }

    private static final int KEPT = 500;
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final String secret;
    private final Clock clock;
    private final Deque<Received> received = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();

    public DemoInbox(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    public synchronized Receipt receive(String unit, String body, String timestamp, String signature, String key) {
        if (!WebhookSignature.verify(secret, timestamp, body, signature)) {
            return new Receipt(401, "bad signature");
        }
        long t = Long.parseLong(timestamp);
        if (Math.abs(clock.instant().getEpochSecond() - t) > SKEW.toSeconds()) {
            return new Receipt(401, "stale timestamp");
        }
        if (key == null || !seen.add(unit + "|" + key)) {
            return new Receipt(200, "duplicate, dropped");
        }
        received.addFirst(new Received(unit, key, clock.instant(), body));
        while (received.size() > KEPT) {
            received.removeLast();
        }
        return new Receipt(200, "ok");
    }

    public synchronized List<Received> received(String unit) {
        return new ArrayList<>(received.stream().filter(r -> r.unit().equals(unit)).toList());
    }
}
