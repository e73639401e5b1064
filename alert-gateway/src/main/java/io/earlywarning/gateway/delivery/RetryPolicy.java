package io.earlywarning.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff ({@code first} × 2^(attempt−1), at most {@code longest})
 * with "equal jitter" (half the delay fixed, half random), so that many deliveries failing together on a receiver's
 * outage do not all come back at the same instant; after {@code attempts} tries the delivery is given up as failed.
 */
public record RetryPolicy(Duration first, Duration longest, int attempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 15);

    /** When attempt {@code attemptsSoFar + 1} is due, or null when no attempt is left. */
    public Instant next(int attemptsSoFar, Instant now, RandomGenerator random) {
        if (attemptsSoFar >= attempts) {
            return null;
        }
        long ceiling = longest.toMillis();
        long delay = first.toMillis() << Math.min(30, Math.max(0, attemptsSoFar - 1));
        delay = Math.min(ceiling, delay);
        long half = delay / 2;
        return now.plusMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
