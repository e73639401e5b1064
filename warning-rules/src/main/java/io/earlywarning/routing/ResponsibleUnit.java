package io.earlywarning.routing;

import java.util.List;

/**
 * A unit that can be made responsible for a warning (责任单位): a territorial one (属地: a district government, a
 * street office) or a sector one (行业: a housing bureau, a public-security sub-bureau).
 *
 * @param id       stable id used in warnings and by the alert gateway, e.g. {@code jb-housing}
 * @param name     full Chinese name, e.g. {@code 江北区住房和城乡建设局}
 * @param kind     {@code territorial} or {@code sector}
 * @param sector   sector code ({@code housing} …) of a sector unit; null for a territorial unit
 * @param parent   id of the superior unit (上级单位), null only for the top of the table
 * @param district the district it answers for; null for a city-level unit
 * @param town     the town or street it answers for; null above town level
 * @param aliases  other names people write for it (住建局, 江北区政府); used to recognize an accused unit
 * @param contacts where the alert gateway delivers its warnings
 */
public record ResponsibleUnit(String id, String name, String kind, String sector, String parent, String district,
                              String town, List<String> aliases, List<Contact> contacts) {

    public static final String TERRITORIAL = "territorial";
    public static final String SECTOR = "sector";

    /**
     * A delivery contact.
     *
     * @param channel {@code webhook}, {@code wecom}, {@code dingtalk} or {@code email}
     * @param address the URL or e-mail address
     * @param secret  name of the environment variable that holds the signing secret, or null
     */
    public record Contact(String channel, String address, String secret) {
    }

    public ResponsibleUnit {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public boolean territorial() {
        return TERRITORIAL.equals(kind);
    }

    /** Every name this unit is known by, its full name first. */
    public List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), aliases.stream()).toList();
    }
}
