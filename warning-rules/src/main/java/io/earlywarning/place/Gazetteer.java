package io.earlywarning.place;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The places of one city that intake can name (地名库): districts (区/县), towns and streets (镇/街道) and property
 * developments (楼盘/小区), each with the other ways people write it. A YAML file analysts edit; see
 * {@code docs/gazetteer.md}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gazetteer(String city, List<District> districts) {

    /** No gazetteer: places come from explicit fields and from estate names found in the text only. */
    public static final Gazetteer NONE = new Gazetteer(null, List.of());

    /** Name of the bundled demo-city gazetteer. */
    public static final String DEMO_CITY = "demo-city";
    /** Name of the bundled A-city gazetteer (districts of the A-city message board). */
    public static final String A_CITY = "a-city";

    public Gazetteer {
        districts = districts == null ? List.of() : List.copyOf(districts);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record District(String name, List<String> aliases, List<Town> towns) {
        public District {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            towns = towns == null ? List.of() : List.copyOf(towns);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Town(String name, List<String> aliases, List<Estate> estates) {
        public Town {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            estates = estates == null ? List.of() : List.copyOf(estates);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Estate(String name, List<String> aliases) {
        public Estate {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    public boolean isEmpty() {
        return districts.isEmpty();
    }

    /**
     * Loads a gazetteer: {@code none}, the name of a bundled one ({@code demo-city}, {@code a-city}), a path to a
     * YAML file, or several of these separated by commas (their districts together).
     */
    public static Gazetteer load(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank() || nameOrPath.equals("none")) {
            return NONE;
        }
        if (nameOrPath.contains(",")) {
            List<District> all = new java.util.ArrayList<>();
            String city = null;
            for (String part : nameOrPath.split(",")) {
                Gazetteer g = load(part.strip());
                city = city == null ? g.city() : city;
                all.addAll(g.districts());
            }
            return new Gazetteer(city, all);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            Path path = Path.of(nameOrPath);
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    return yaml.readValue(in, Gazetteer.class);
                }
            }
            try (InputStream in = Gazetteer.class.getResourceAsStream("gazetteer-" + nameOrPath + ".yaml")) {
                if (in == null) {
                    throw new IllegalArgumentException("no gazetteer named '" + nameOrPath
                            + "': use none, demo-city, a-city or the path of a YAML file");
                }
                return yaml.readValue(in, Gazetteer.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gazetteer " + nameOrPath + ": " + e.getMessage(), e);
        }
    }
}
