package io.earlywarning.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which units a warning goes to (双交双办): the territorial unit of its place and the sector unit of its
 * category, public security for a threat of harm, the joint office when it spans several units — and never a unit
 * the complaint accuses, nor one under it (举报人保护): that share goes one level up, and the routing says why.
 */
public final class Router {

    private final RoutingTable table;

    public Router(RoutingTable table) {
        this.table = table;
    }

    /**
     * What a warning needs routed.
     *
     * @param district       the district, or null when unknown
     * @param town           the town or street, or null
     * @param sector         sector code of the category, or null when the warning is about no single category
     * @param territorial    whether the territorial unit of the district (区县属地) takes it
     * @param townUnit       whether the street office or town government (街道/乡镇) takes it too
     * @param sectorUnit     whether the sector unit takes it
     * @param publicSecurity whether public security takes it (a threat of harm)
     * @param jointOfficeFrom the joint office joins when this many units or more take it (0: never)
     * @param accused        accused units as the evidence cases name them
     */
    public record Request(String district, String town, String sector, boolean territorial, boolean townUnit,
                          boolean sectorUnit,
                          boolean publicSecurity, int jointOfficeFrom, List<String> accused) {
    }

    /**
     * @param units    who takes it
     * @param notes    why, where it is not the plain rule: guard decisions, fallbacks (Chinese, for the officer)
     * @param excluded ids of units that must never see it (accused units and their subordinates' roots)
     */
    public record Routing(List<UnitAssignment> units, List<String> notes, List<String> excluded) {

        /** Whether {@code unitId} may receive this warning (escalation too must respect the guard). */
        public boolean allows(RoutingTable table, String unitId) {
            return excluded.stream().noneMatch(a -> table.isWithin(unitId, a));
        }
    }

    public Routing route(Request r) {
        Map<String, UnitAssignment> units = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (r.territorial()) {
            ResponsibleUnit t = table.territorialFor(r.district(), null);
            if (t != null) {
                if (r.district() == null || t.district() == null && r.district() != null) {
                    notes.add("地点" + (r.district() == null ? "不明" : "「" + r.district() + "」不在责任单位表中")
                            + "，交" + t.name());
                }
                units.putIfAbsent(t.id(), UnitAssignment.of(t, "territorial"));
            }
        }
        if (r.townUnit() && r.town() != null) {
            ResponsibleUnit t = table.territorialFor(r.district(), r.town());
            if (t != null && t.town() != null) {
                units.putIfAbsent(t.id(), UnitAssignment.of(t, "territorial"));
            }
        }
        boolean noSingleSector = r.sectorUnit() && r.sector() == null;
        if (r.sectorUnit() && r.sector() != null) {
            ResponsibleUnit s = table.sectorFor(r.sector(), r.district());
            if (s == null) {
                ResponsibleUnit p = table.unit(table.petitionOffice());
                notes.add("无「" + r.sector() + "」行业单位，交" + p.name());
                units.putIfAbsent(p.id(), UnitAssignment.of(p, "petition-office"));
            } else {
                units.putIfAbsent(s.id(), UnitAssignment.of(s, "sector"));
            }
        }
        if (r.publicSecurity()) {
            ResponsibleUnit ps = table.sectorFor("public-security", r.district());
            units.putIfAbsent(ps.id(), UnitAssignment.of(ps, "public-security"));
        }
        if (noSingleSector) {
            notes.add("涉及多个行业，由联席办协调");
        }
        if (noSingleSector || (r.jointOfficeFrom() > 0 && units.size() >= r.jointOfficeFrom())) {
            ResponsibleUnit j = table.unit(table.jointOffice());
            units.putIfAbsent(j.id(), UnitAssignment.of(j, "joint-office"));
        }

        List<String> excluded = new ArrayList<>();
        for (String written : r.accused().stream().distinct().toList()) {
            RoutingTable.Accused a = table.resolve(written, r.district()).orElse(null);
            if (a == null) {
                notes.add("被反映单位「" + written + "」未能在责任单位表中识别，请人工核对分送单位");
            } else if (a.unit() == null) {
                notes.add("被反映单位「" + written + "」不在责任单位表中，属" + a.under().name() + "管辖，不排除其上级");
            } else {
                excluded.add(a.unit().id());
            }
        }
        for (String accused : excluded) {
            ResponsibleUnit a = table.unit(accused);
            List<String> removed = units.keySet().stream().filter(id -> table.isWithin(id, accused)).toList();
            if (removed.isEmpty()) {
                notes.add("案件反映「" + a.name() + "」，不分送该单位及其下属");
                continue;
            }
            for (String id : removed) {
                units.remove(id);
            }
            ResponsibleUnit superior = firstAllowedSuperior(accused, excluded);
            String removedNames = String.join("、", removed.stream().map(id -> table.unit(id).name()).toList());
            if (superior == null) {
                notes.add("案件反映「" + a.name() + "」，依举报人保护不分送" + removedNames + "，且无可分送的上级单位");
            } else {
                units.putIfAbsent(superior.id(), UnitAssignment.of(superior, "superior"));
                notes.add("案件反映「" + a.name() + "」，依举报人保护不分送" + removedNames + "，改交上级" + superior.name());
            }
        }
        if (units.isEmpty()) {
            ResponsibleUnit p = table.unit(table.petitionOffice());
            Routing probe = new Routing(List.of(), notes, excluded);
            if (probe.allows(table, p.id())) {
                units.put(p.id(), UnitAssignment.of(p, "petition-office"));
            }
        }
        return new Routing(List.copyOf(units.values()), List.copyOf(notes), List.copyOf(excluded));
    }

    private ResponsibleUnit firstAllowedSuperior(String accused, List<String> excluded) {
        for (ResponsibleUnit s : table.superiors(accused)) {
            if (excluded.stream().noneMatch(x -> table.isWithin(s.id(), x))) {
                return s;
            }
        }
        ResponsibleUnit p = table.unit(table.petitionOffice());
        return excluded.stream().noneMatch(x -> table.isWithin(p.id(), x)) ? p : null;
    }
}
