package io.earlywarning.gateway.delivery;

import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.routing.UnitAssignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which deliveries a warning notice needs: one per unit, per contact the routing table lists for it. Ids are
 * deterministic, so that planning the same notice twice (a restart reading the topics again) finds the deliveries
 * already in the outbox instead of making new ones.
 */
public final class DeliveryPlanner {

    private DeliveryPlanner() {
    }

    /** The notice of a warning version to its units. */
    public static List<Delivery> forWarning(TrackedWarning t, Delivery.Message message, RoutingTable table,
                                            boolean silenced, Instant now) {
        String key = t.id() + ":" + t.warning().version();
        List<String> units = t.warning().units().stream().map(UnitAssignment::id).toList();
        return plan("warning", t, key, units, message, table, silenced, now);
    }

    /** An escalation step's notice: to the step's units and again to the warning's own. */
    public static List<Delivery> forEscalation(TrackedWarning t, int step, List<String> stepUnits,
                                               Delivery.Message message, RoutingTable table, Instant now) {
        Set<String> units = new LinkedHashSet<>(stepUnits);
        t.warning().units().stream().map(UnitAssignment::id).forEach(units::add);
        return plan("escalation", t, t.id() + ":escalation-" + step, List.copyOf(units), message, table, false, now);
    }

    /** A unit's daily digest. */
    public static List<Delivery> forDigest(String unit, String date, Delivery.Message message, RoutingTable table,
                                           Instant now) {
        return contacts("digest", null, null, "digest:" + unit + ":" + date, unit, message, table, false, now);
    }

    public static String deliveryId(String idempotencyKey, String unit, String channel, int index) {
        return idempotencyKey + "|" + unit + "|" + channel + "|" + index;
    }

    private static List<Delivery> plan(String kind, TrackedWarning t, String key, List<String> units,
                                       Delivery.Message message, RoutingTable table, boolean silenced, Instant now) {
        List<Delivery> out = new ArrayList<>();
        for (String unit : units) {
            out.addAll(contacts(kind, t.id(), t.warning().version(), key, unit, message, table, silenced, now));
        }
        return out;
    }

    private static List<Delivery> contacts(String kind, String warningId, Integer version, String key, String unit,
                                           Delivery.Message message, RoutingTable table, boolean silenced, Instant now) {
        ResponsibleUnit u = table.unit(unit);
        if (u == null) {
            return List.of();
        }
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < u.contacts().size(); i++) {
            ResponsibleUnit.Contact c = u.contacts().get(i);
            out.add(new Delivery(deliveryId(key, unit, c.channel(), i), kind, warningId, version, unit, c.channel(),
                    c.address(), c.secret(), key, message, silenced ? Delivery.SILENCED : Delivery.PENDING, 0, 0, now,
                    now, null, silenced ? "silenced" : null));
        }
        return out;
    }
}
