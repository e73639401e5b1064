package io.earlywarning.gateway.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.gateway.board.CaseExcerpts;
import io.earlywarning.gateway.board.Silence;
import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.gateway.delivery.Delivery;
import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.warning.Warning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON the console and {@code /api/} show of a warning: the list row and the detail view. */
final class WarningViews {

    /** Evidence cases shown with their text in a detail view (the newest); the rest by id. */
    static final int MAX_CASES = 50;

    private WarningViews() {
    }

    static ObjectNode row(TrackedWarning t, Instant now, double timeScale, Optional<Silence> silence) {
        Warning w = t.warning();
        ObjectNode o = GatewayJson.MAPPER.createObjectNode();
        o.put("id", w.warningId());
        o.put("version", w.version());
        o.put("status", w.status());
        o.put("state", t.state());
        o.put("severity", w.severity().id());
        o.put("severityLabel", w.severity().label());
        o.put("type", w.type());
        o.put("ruleId", w.ruleId());
        o.put("title", w.title());
        o.put("subject", w.subject());
        o.put("district", w.district());
        o.put("estate", w.estate());
        o.put("category", w.category());
        o.put("triggeredAt", String.valueOf(w.triggeredAt()));
        o.put("receivedAt", t.receivedAt().toString());
        Instant deadline = t.acknowledgeDeadline(timeScale);
        o.put("acknowledgeDeadline", deadline.toString());
        o.put("overdue", !t.acknowledged() && !t.resolved() && now.isAfter(deadline));
        ArrayNode units = o.putArray("units");
        w.units().forEach(u -> units.addObject().put("id", u.id()).put("name", u.name()).put("role", u.role()));
        o.put("assignee", t.assignee());
        o.put("silenced", silence.isPresent());
        return o;
    }

    static ObjectNode detail(TrackedWarning t, Instant now, double timeScale, Optional<Silence> silence,
                             List<Delivery> deliveries, List<CaseExcerpts.Excerpt> cases, UnitAccess access) {
        Warning w = t.warning();
        ObjectNode o = row(t, now, timeScale, silence);
        o.put("summary", w.summary());
        o.put("town", w.town());
        o.put("updatedAt", String.valueOf(w.updatedAt()));
        o.put("clusterId", w.clusterId());
        o.set("evidence", GatewayJson.MAPPER.valueToTree(w.evidence()));
        o.set("cases", GatewayJson.MAPPER.valueToTree(cases));
        o.set("routingNotes", GatewayJson.MAPPER.valueToTree(w.routingNotes()));
        ArrayNode esc = o.putArray("escalation");
        List<Warning.Escalation> steps = w.escalation() == null ? List.of() : w.escalation();
        for (int i = 0; i < steps.size(); i++) {
            ObjectNode s = esc.addObject();
            s.put("due", t.escalationDue(i, timeScale).toString());
            s.put("taken", t.escalatedSteps().contains(i));
            ArrayNode u = s.putArray("units");
            steps.get(i).units().forEach(x -> u.add(x.name()));
        }
        ArrayNode escalatedTo = o.putArray("escalatedUnits");
        t.escalatedUnits().forEach(id -> {
            ResponsibleUnit u = access.unit(id);
            escalatedTo.add(u == null ? id : u.name());
        });
        o.set("acknowledgements", GatewayJson.MAPPER.valueToTree(t.acknowledgements().stream()
                .map(a -> new Named(a.unit(), name(access, a.unit()), a.actor(), a.at())).toList()));
        o.set("resolution", GatewayJson.MAPPER.valueToTree(t.resolution()));
        silence.ifPresent(s -> o.set("silence", GatewayJson.MAPPER.valueToTree(s)));
        ArrayNode history = o.putArray("history");
        t.history().forEach(a -> {
            ObjectNode h = history.addObject();
            h.put("actionId", a.actionId());
            h.put("type", a.type());
            h.put("unit", a.unit());
            h.put("unitName", name(access, a.unit()));
            h.put("actor", a.actor());
            h.put("assignee", a.assignee());
            h.put("note", a.note());
            h.put("at", a.at().toString());
            if (a.escalationStep() != null) {
                h.put("escalationStep", a.escalationStep());
            }
        });
        ArrayNode ds = o.putArray("deliveries");
        deliveries.forEach(d -> ds.addObject().put("unit", d.unit()).put("unitName", name(access, d.unit()))
                .put("kind", d.kind()).put("channel", d.channel()).put("status", d.status())
                .put("attempts", d.attempts()).put("sentAt", d.sentAt() == null ? null : d.sentAt().toString())
                .put("lastError", d.lastError()).put("version", d.warningVersion()));
        return o;
    }

    record Named(String unit, String unitName, String actor, Instant at) {
    }

    private static String name(UnitAccess access, String id) {
        ResponsibleUnit u = id == null ? null : access.unit(id);
        return u == null ? id : u.name();
    }
}
