package io.earlywarning.routing;

/**
 * One unit a warning goes to, and why.
 *
 * @param role {@code territorial} (属地), {@code sector} (行业), {@code public-security} (a threat of harm),
 *             {@code joint-office} (联席办, when the warning spans several units), {@code superior} (instead of an
 *             accused unit: the whistleblower guard), or {@code petition-office} (no other unit could be found)
 */
public record UnitAssignment(String id, String name, String kind, String sector, String role) {

    static UnitAssignment of(ResponsibleUnit u, String role) {
        return new UnitAssignment(u.id(), u.name(), u.kind(), u.sector(), role);
    }
}
