package io.earlywarning.gateway.access;

import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.Warning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may see and act on a warning: a unit sees the warnings sent to it or to a unit under it (its subordinates'),
 * never another unit's; and never a warning that accuses it or a unit above it in the chain from the accused
 * (举报人保护: the accused unit and those under it are kept out even when a recipient sits below them).
 */
public final class UnitAccess {

    private final RoutingTable table;

    public UnitAccess(RoutingTable table) {
        this.table = table;
    }

    public RoutingTable table() {
        return table;
    }

    public ResponsibleUnit unit(String id) {
        return table.unit(id);
    }

    /** The units a warning went to: its recipients and everyone an escalation told. */
    public static Set<String> recipients(TrackedWarning t) {
        Set<String> ids = new LinkedHashSet<>();
        t.warning().units().stream().map(UnitAssignment::id).forEach(ids::add);
        ids.addAll(t.escalatedUnits());
        return ids;
    }

    /** Listed units the warning's evidence accuses (the table's reading of the names as written). */
    public Set<String> accused(Warning w) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> written = w.evidence() == null || w.evidence().accusedUnits() == null ? List.of()
                : w.evidence().accusedUnits();
        for (String name : written) {
            table.resolve(name, w.district()).ifPresent(a -> {
                if (a.unit() != null) {
                    ids.add(a.unit().id());
                }
            });
        }
        return ids;
    }

    /** Whether {@code unitId} may see (and act on) the warning. */
    public boolean canSee(String unitId, TrackedWarning t) {
        if (table.unit(unitId) == null) {
            return false;
        }
        for (String accused : accused(t.warning())) {
            if (table.isWithin(unitId, accused)) {
                return false;
            }
        }
        return recipients(t).stream().anyMatch(r -> table.isWithin(r, unitId));
    }

    /** Whether {@code unitId} is {@code other} or above it: a unit may silence only its own and its subordinates'. */
    public boolean governs(String unitId, String other) {
        return table.unit(other) != null && table.isWithin(other, unitId);
    }
}
