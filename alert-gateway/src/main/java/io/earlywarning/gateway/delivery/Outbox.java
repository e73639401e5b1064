package io.earlywarning.gateway.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deliveries as the outbox topic holds them, newest revision of each. Thread-safe: the Kafka loop writes, the
 * console reads delivery status.
 */
public final class Outbox {

    private final Map<String, Delivery> deliveries = new LinkedHashMap<>();

    /** Keeps {@code d} unless a newer revision of it is already known; returns whether it was kept. */
    public synchronized boolean apply(Delivery d) {
        Delivery known = deliveries.get(d.deliveryId());
        if (known != null && known.revision() >= d.revision()) {
            return false;
        }
        deliveries.put(d.deliveryId(), d);
        return true;
    }

    public synchronized boolean contains(String deliveryId) {
        return deliveries.containsKey(deliveryId);
    }

    public synchronized Optional<Delivery> get(String deliveryId) {
        return Optional.ofNullable(deliveries.get(deliveryId));
    }

    /** Pending deliveries whose next attempt is due, oldest first. */
    public synchronized List<Delivery> due(Instant now) {
        List<Delivery> due = new ArrayList<>();
        for (Delivery d : deliveries.values()) {
            if (Delivery.PENDING.equals(d.status()) && !d.nextAttemptAt().isAfter(now)) {
                due.add(d);
            }
        }
        due.sort(Comparator.comparing(Delivery::nextAttemptAt));
        return due;
    }

    public synchronized List<Delivery> forWarning(String warningId) {
        return deliveries.values().stream().filter(d -> warningId.equals(d.warningId())).toList();
    }

    public synchronized long count(String status) {
        return deliveries.values().stream().filter(d -> d.status().equals(status)).count();
    }
}
