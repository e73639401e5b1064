package io.earlywarning.place;

import io.earlywarning.text.ChineseTextNormalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves district, town and estate of a case from its structured fields and its free text (属地识别).
 *
 * <p>With a gazetteer, names and aliases are looked up (an estate also across one-character typos); without one,
 * the district comes from the source system's field only and estates from {@link EstateMentionExtractor}. Order
 * of evidence: the explicit field, then the address, then the subject, then the body.
 */
public final class PlaceResolver {

    /** Removed before looking up listed names: people put dots, full stops and spaces inside names (恒大。外滩). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s·•・‧∙.．。\\-_—]+");

    private final Gazetteer gazetteer;
    private final EstateMentionExtractor extractor = new EstateMentionExtractor();
    private final List<NamedDistrict> districtNames = new ArrayList<>();
    private final List<NamedTown> townNames = new ArrayList<>();
    private final List<NamedEstate> estateNames = new ArrayList<>();

    private record NamedDistrict(String form, Gazetteer.District district) {
    }

    private record NamedTown(String form, Gazetteer.District district, Gazetteer.Town town) {
    }

    private record NamedEstate(String key, Gazetteer.District district, Gazetteer.Town town, Gazetteer.Estate estate) {
    }

    public PlaceResolver(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        for (Gazetteer.District d : gazetteer.districts()) {
            districtNames.add(new NamedDistrict(fold(d.name()), d));
            d.aliases().forEach(a -> districtNames.add(new NamedDistrict(fold(a), d)));
            for (Gazetteer.Town t : d.towns()) {
                townNames.add(new NamedTown(fold(t.name()), d, t));
                t.aliases().forEach(a -> townNames.add(new NamedTown(fold(a), d, t)));
                for (Gazetteer.Estate e : t.estates()) {
                    estateNames.add(new NamedEstate(EstateNames.key(e.name()), d, t, e));
                    e.aliases().forEach(a -> estateNames.add(new NamedEstate(EstateNames.key(a), d, t, e)));
                }
            }
        }
        // Longest forms first, so 江北新区 is found before 江北.
        districtNames.sort(Comparator.comparingInt((NamedDistrict n) -> -n.form().length()));
        townNames.sort(Comparator.comparingInt((NamedTown n) -> -n.form().length()));
        estateNames.sort(Comparator.comparingInt((NamedEstate n) -> -n.key().length()));
    }

    /** Whether an estate key is one the gazetteer lists (else it was found in text, and is learned as it comes). */
    public boolean isListed(String estateKey) {
        return estateKey != null && estateNames.stream().anyMatch(n -> n.key().equals(estateKey)
                && EstateNames.key(n.estate().name()).equals(estateKey));
    }

    /**
     * @param districtField the district the source system recorded (hotline operators choose one), or null
     * @param texts         address, subject, body … in order of trust; nulls are skipped
     */
    public Place resolve(String districtField, String... texts) {
        List<String> sources = new ArrayList<>();
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                sources.add(SEPARATORS.matcher(fold(t)).replaceAll(""));
            }
        }
        Gazetteer.District district = districtFromField(districtField).orElse(null);
        String unlistedDistrict = district == null && gazetteer.isEmpty() && districtField != null
                && !districtField.isBlank() ? districtField.strip() : null;
        if (district == null) {
            district = first(sources, this::districtIn);
        }
        final Gazetteer.District knownDistrict = district;
        NamedTown town = first(sources, s -> townIn(s, knownDistrict));
        NamedEstate estate = first(sources, s -> listedEstateIn(s, knownDistrict));
        String estateName = null;
        String estateKey = null;
        if (estate == null) {
            for (String s : texts) {
                if (s == null) {
                    continue;
                }
                List<EstateMentionExtractor.EstateMention> mentions = extractor.extract(s);
                if (!mentions.isEmpty()) {
                    EstateMentionExtractor.EstateMention m = mentions.get(0);
                    estate = listedEstateByTypo(m.key(), knownDistrict);
                    if (estate == null) {
                        estateName = m.name();
                        estateKey = m.key();
                    }
                    break;
                }
            }
        }
        if (estate != null) {
            estateName = estate.estate().name();
            estateKey = EstateNames.key(estate.estate().name());
            if (district == null) {
                district = estate.district();
            }
            if (town == null && estate.district() == district) {
                town = new NamedTown(null, estate.district(), estate.town());
            }
        }
        if (district == null && town != null) {
            district = town.district();
        }
        String districtName = district != null ? district.name() : unlistedDistrict;
        return new Place(districtName, town == null ? null : town.town().name(), estateName, estateKey);
    }

    private Optional<Gazetteer.District> districtFromField(String field) {
        if (field == null || field.isBlank()) {
            return Optional.empty();
        }
        String f = fold(field.strip());
        return districtNames.stream().filter(n -> n.form().equals(f)).map(NamedDistrict::district).findFirst()
                .or(() -> Optional.ofNullable(districtIn(f)));
    }

    private Gazetteer.District districtIn(String text) {
        int best = Integer.MAX_VALUE;
        Gazetteer.District found = null;
        for (NamedDistrict n : districtNames) {
            int at = text.indexOf(n.form());
            if (at >= 0 && at < best) {
                best = at;
                found = n.district();
            }
        }
        return found;
    }

    private NamedTown townIn(String text, Gazetteer.District district) {
        int best = Integer.MAX_VALUE;
        NamedTown found = null;
        for (NamedTown n : townNames) {
            if (district != null && n.district() != district) {
                continue;
            }
            int at = text.indexOf(n.form());
            if (at >= 0 && at < best) {
                best = at;
                found = n;
            }
        }
        return found;
    }

    private NamedEstate listedEstateIn(String text, Gazetteer.District district) {
        int best = Integer.MAX_VALUE;
        NamedEstate found = null;
        for (NamedEstate n : estateNames) {
            int at = text.indexOf(n.key());
            if (at >= 0 && at < best && (district == null || n.district() == district)) {
                best = at;
                found = n;
            }
        }
        return found;
    }

    private NamedEstate listedEstateByTypo(String key, Gazetteer.District district) {
        NamedEstate found = null;
        for (NamedEstate n : estateNames) {
            if ((district == null || n.district() == district) && EstateNames.withinOneTypo(key, n.key())) {
                if (found != null && found.estate() != n.estate()) {
                    return null; // two listed estates are one slip away: do not guess between them
                }
                found = n;
            }
        }
        return found;
    }

    private static <T> T first(List<String> sources, java.util.function.Function<String, T> finder) {
        for (String s : sources) {
            T t = finder.apply(s);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static String fold(String s) {
        return ChineseTextNormalizer.fold(s);
    }
}
