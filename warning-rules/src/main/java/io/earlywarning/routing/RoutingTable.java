package io.earlywarning.routing;

import io.earlywarning.rulesfile.YamlFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing table (责任单位表) of one city: every unit a warning can go to, their hierarchy and contacts, and the
 * two coordinating offices. Analysts keep it next to the warning rules; format in {@code docs/rules.md}.
 *
 * @param city          the city's name, e.g. {@code 江州市}
 * @param petitionOffice id of the petition office (信访局), which takes what no other unit can
 * @param jointOffice   id of the joint office (联席办), which coordinates warnings that span several units
 */
public final class RoutingTable {

    /** The file as written. */
    public record Definition(int version, String city, String petitionOffice, String jointOffice,
                             List<ResponsibleUnit> units) {
        public Definition {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }

    /** The sector codes a sector unit may carry. */
    public static final Set<String> SECTORS = Set.of("housing", "environment", "human-resources", "education",
            "transport", "health", "market-regulation", "natural-resources", "public-security", "agriculture",
            "civil-affairs", "petition-office");

    private static final String KIND = "routing table";

    private final Definition definition;
    private final String city;
    private final List<ResponsibleUnit> units;
    private final Map<String, ResponsibleUnit> byId = new LinkedHashMap<>();
    private final Map<String, List<ResponsibleUnit>> byName = new HashMap<>();

    private RoutingTable(Definition definition, String source) {
        this.definition = definition;
        this.city = definition.city();
        this.units = definition.units();
        validate(source);
        for (ResponsibleUnit u : units) {
            byId.put(u.id(), u);
            for (String n : u.names()) {
                byName.computeIfAbsent(n.replaceAll("\\s+", ""), k -> new ArrayList<>()).add(u);
            }
        }
    }

    public static RoutingTable parse(String yaml, String source) {
        return new RoutingTable(YamlFile.parse(yaml, Definition.class, KIND, source), source);
    }

    public int version() {
        return definition.version();
    }

    public String city() {
        return city;
    }

    public String petitionOffice() {
        return definition.petitionOffice();
    }

    public String jointOffice() {
        return definition.jointOffice();
    }

    public List<ResponsibleUnit> units() {
        return units;
    }

    public static RoutingTable load(Path file) {
        return parse(YamlFile.read(file), file.toString());
    }

    private void validate(String source) {
        require(source, city != null && !city.isBlank(), "city is missing");
        require(source, !units.isEmpty(), "units must list at least one unit");
        Map<String, ResponsibleUnit> ids = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            ResponsibleUnit u = units.get(i);
            String at = "units[" + i + "]" + (u.id() == null ? "" : " (" + u.id() + ")") + ": ";
            require(source, u.id() != null && !u.id().isBlank(), at + "id is missing");
            require(source, u.name() != null && !u.name().isBlank(), at + "name is missing");
            require(source, ids.put(u.id(), u) == null, at + "id is used twice");
            require(source, ResponsibleUnit.TERRITORIAL.equals(u.kind()) || ResponsibleUnit.SECTOR.equals(u.kind()),
                    at + "kind must be territorial or sector, not '" + u.kind() + "'");
            if (u.territorial()) {
                require(source, u.sector() == null, at + "a territorial unit has no sector");
            } else {
                require(source, SECTORS.contains(u.sector()), at + "sector '" + u.sector() + "' is not one of "
                        + SECTORS.stream().sorted().toList());
            }
            require(source, u.town() == null || u.district() != null, at + "a town unit needs its district");
            for (ResponsibleUnit.Contact c : u.contacts()) {
                require(source, Set.of("webhook", "wecom", "dingtalk", "email").contains(c.channel()),
                        at + "contact channel must be webhook, wecom, dingtalk or email, not '" + c.channel() + "'");
                require(source, c.address() != null && !c.address().isBlank(), at + "contact address is missing");
            }
        }
        int roots = 0;
        for (ResponsibleUnit u : units) {
            if (u.parent() == null) {
                roots++;
                continue;
            }
            require(source, ids.containsKey(u.parent()), u.id() + ": parent '" + u.parent() + "' is not a unit");
            Set<String> seen = new HashSet<>();
            for (String p = u.id(); p != null; p = ids.get(p).parent()) {
                require(source, seen.add(p), u.id() + ": its parents form a cycle through " + p);
            }
        }
        require(source, roots >= 1, "no unit without a parent: the table needs a top");
        require(source, ids.containsKey(petitionOffice()), "petitionOffice '" + petitionOffice() + "' is not a unit");
        require(source, ids.containsKey(jointOffice()), "jointOffice '" + jointOffice() + "' is not a unit");
        require(source, units.stream().anyMatch(u -> "public-security".equals(u.sector())),
                "no public-security unit: threats of harm must reach one");
    }

    private static void require(String source, boolean ok, String message) {
        if (!ok) {
            throw new YamlFile.InvalidFileException(KIND, source, message);
        }
    }

    public ResponsibleUnit unit(String id) {
        return byId.get(id);
    }

    /** The territorial unit answering for a place: the town's when listed, else the district's, else the city's. */
    public ResponsibleUnit territorialFor(String district, String town) {
        return mostSpecific(u -> u.territorial(), district, town);
    }

    /** The sector unit for {@code sector} in the district when it has one, else the city-level one; or null. */
    public ResponsibleUnit sectorFor(String sector, String district) {
        ResponsibleUnit u = mostSpecific(x -> !x.territorial() && sector.equals(x.sector()), district, null);
        return u;
    }

    private ResponsibleUnit mostSpecific(java.util.function.Predicate<ResponsibleUnit> kind, String district,
                                         String town) {
        ResponsibleUnit best = null;
        int bestLevel = -1;
        for (ResponsibleUnit u : units) {
            if (!kind.test(u)) {
                continue;
            }
            int level;
            if (u.town() != null) {
                level = town != null && u.town().equals(town) && u.district().equals(district) ? 2 : -1;
            } else if (u.district() != null) {
                level = u.district().equals(district) ? 1 : -1;
            } else {
                level = 0;
            }
            if (level > bestLevel) {
                best = u;
                bestLevel = level;
            }
        }
        return best;
    }

    /** The chain of superiors of a unit, nearest first (not the unit itself). */
    public List<ResponsibleUnit> superiors(String id) {
        List<ResponsibleUnit> chain = new ArrayList<>();
        ResponsibleUnit u = unit(id);
        while (u != null && u.parent() != null) {
            u = unit(u.parent());
            chain.add(u);
        }
        return chain;
    }

    /** Whether {@code id} is {@code ancestor} or one of its subordinates, at any depth. */
    public boolean isWithin(String id, String ancestor) {
        for (ResponsibleUnit u = unit(id); u != null; u = u.parent() == null ? null : unit(u.parent())) {
            if (u.id().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unit a written name refers to (an accused unit as the petition or the text names it). An exact name or
     * alias wins, also with the city's or the case's district name put in front ({@code 住建局} in a 江北区 case);
     * otherwise a name below a listed place ({@code 青山铺镇政府} in {@code A7县}) is taken as a unit under that
     * place's territorial unit, which {@link Accused#under} names.
     */
    public Optional<Accused> resolve(String written, String caseDistrict) {
        if (written == null || written.isBlank()) {
            return Optional.empty();
        }
        String w = written.replaceAll("\\s+", "");
        List<String> tries = new ArrayList<>(List.of(w));
        if (w.startsWith(city)) {
            tries.add(w.substring(city.length()));
        }
        if (caseDistrict != null) {
            tries.add(caseDistrict + w);
        }
        tries.add(city + w);
        for (String t : tries) {
            List<ResponsibleUnit> named = byName.getOrDefault(t, List.of());
            if (!named.isEmpty()) {
                // A name several units share (城关街道 in two districts): the one in the case's district.
                ResponsibleUnit u = named.stream().filter(x -> caseDistrict != null && caseDistrict.equals(x.district()))
                        .findFirst().orElse(named.get(0));
                return Optional.of(new Accused(written, u, null));
            }
        }
        // Not listed itself: the deepest listed territorial unit whose place name it starts from.
        ResponsibleUnit under = null;
        int depth = -1;
        for (ResponsibleUnit u : units) {
            if (!u.territorial() || u.district() == null) {
                continue;
            }
            String place = u.town() != null ? u.town() : u.district();
            int d = u.town() != null ? 2 : 1;
            boolean named = u.names().stream().anyMatch(n -> w.contains(n) && !w.equals(n))
                    || (w.contains(place) && !w.startsWith(place + "人民政府") && !w.equals(place));
            if (named && d > depth && (u.town() == null || caseDistrict == null || u.district().equals(caseDistrict)
                    || w.contains(u.district()))) {
                under = u;
                depth = d;
            }
        }
        return under == null ? Optional.empty() : Optional.of(new Accused(written, null, under));
    }

    /**
     * An accused unit (被反映单位) as resolved against the table.
     *
     * @param written as the case names it
     * @param unit    the listed unit it is, or null when it is not listed
     * @param under   when not listed: the listed territorial unit it belongs under
     */
    public record Accused(String written, ResponsibleUnit unit, ResponsibleUnit under) {
    }
}
