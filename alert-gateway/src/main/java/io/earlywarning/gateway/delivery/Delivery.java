package io.earlywarning.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One message to one unit over one channel, as kept in the outbox (topic {@code gateway.deliveries}, compacted, key
 * = {@link #deliveryId}): written {@code pending} before it is sent, then {@code sent} or, after the last retry,
 * {@code failed}; {@code silenced} when a silence held it. A restart reads the outbox back and sends what is still
 * pending; what is marked sent is never sent again.
 *
 * @param kind           {@code warning}, {@code escalation} or {@code digest}
 * @param secretRef      name of the environment variable with the signing secret, or null (the gateway default)
 * @param idempotencyKey the same on every attempt, so that a receiver can drop a repeat: {@code <warningId>:<version>}
 *                       for a warning, {@code …:escalation-<step>} for an escalation, {@code digest:<unit>:<date>}
 * @param revision       grows with every change, so that reading the outbox back never goes back to an older state
 */
public record Delivery(String deliveryId, String kind, String warningId, Integer warningVersion, String unit,
                       String channel, String address, String secretRef, String idempotencyKey, Message message,
                       String status, int attempts, int revision, Instant createdAt, Instant nextAttemptAt,
                       Instant sentAt, String lastError) {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String SILENCED = "silenced";

    /**
     * The message, rendered once when the delivery is created so that every retry sends the same words.
     *
     * @param title    one line, with the severity (【橙色预警】…)
     * @param text     plain text (e-mail, and the webhook's {@code text})
     * @param markdown the robots' markdown, with the writer's text escaped
     * @param data     the warning (or the digest) as JSON, for the webhook's body
     */
    public record Message(String title, String text, String markdown, JsonNode data) {
    }

    /** The same delivery to another channel and address (tests and re-routing). */
    public Delivery withAddress(String otherChannel, String otherAddress) {
        return new Delivery(deliveryId, kind, warningId, warningVersion, unit, otherChannel, otherAddress, secretRef,
                idempotencyKey, message, status, attempts, revision, createdAt, nextAttemptAt, sentAt, lastError);
    }

    public Delivery attempted(String outcome, Instant at, Instant next, String error) {
        return new Delivery(deliveryId, kind, warningId, warningVersion, unit, channel, address, secretRef,
                idempotencyKey, message, outcome, attempts + 1, revision + 1, createdAt, next,
                SENT.equals(outcome) ? at : null, error);
    }
}
