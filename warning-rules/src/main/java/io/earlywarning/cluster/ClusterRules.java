package io.earlywarning.cluster;

import io.earlywarning.rulesfile.YamlFile;

import java.nio.file.Path;
import java.util.List;

/**
 * The analyst-edited clustering rules ({@code cluster-rules.yaml}): how long a case stays comparable, how text is
 * analysed, how much place and category weigh, when a case joins a cluster, and at which sizes a growing cluster
 * is signalled (类案预警). Validated on load; a bad file is refused with a message naming the problem.
 *
 * @param version      version of this file
 * @param windowDays   a case stays in the index this many days of event time
 * @param analysis     how text becomes terms: {@code bigrams}, {@code bigrams+unigrams} or {@code smartcn}
 * @param maxChars     characters of subject + text analysed (a matter is stated early; the rest adds noise)
 * @param maxTerms     terms kept per case, those of highest TF-IDF weight (the case's vector)
 * @param postingsScan newest postings read per query term: bounds the cost of a case whatever the window holds
 * @param join         least combined similarity at which a case joins the cluster of its nearest earlier case
 * @param merge        least similarity to a case of a second cluster at which the two clusters become one
 * @param nearest      nearest earlier cases reported with each case
 * @param place        what place and category add to or take from the text similarity
 * @param growth       sizes at which a growing cluster raises {@code CLUSTER_GROWTH}
 */
public record ClusterRules(int version, int windowDays, String analysis, int maxChars, int maxTerms, int postingsScan,
                           double join, double merge, int nearest, Place place, Growth growth) {

    /**
     * @param sameEstate         added when both cases name the same estate (楼盘)
     * @param differentEstate    {@code reject}: two named estates are two matters, whatever the text
     * @param differentDistrict  taken off when both name a district and they differ
     * @param differentTown      taken off when both name a street or town and they differ
     * @param differentCategory  taken off when both have a category and they differ
     * @param specificTermMaxShare two cases in different districts or streets are one matter only if they share a
     *                           specific term — one found in at most this share of the window's cases (a bus line,
     *                           a company, a project), not only the words of a common problem (拖欠工资, 社保断缴)
     */
    public record Place(double sameEstate, String differentEstate, double differentDistrict, double differentTown,
                        double differentCategory, double specificTermMaxShare) {
        boolean rejectsDifferentEstates() {
            return "reject".equals(differentEstate);
        }
    }

    /** @param rule rule id reported on each signal; @param sizes ascending cluster sizes that raise a signal */
    public record Growth(String rule, List<Integer> sizes) {
    }

    public static final List<String> ANALYSES = List.of("bigrams", "bigrams+unigrams", "smartcn", "icu", "icu+bigrams");

    public static ClusterRules bundled() {
        return parse(YamlFile.resource(ClusterRules.class, "cluster-rules.yaml"), "bundled cluster-rules.yaml");
    }

    public static ClusterRules load(Path file) {
        return parse(YamlFile.read(file), file.toString());
    }

    public static ClusterRules parse(String yaml, String source) {
        ClusterRules r = YamlFile.parse(yaml, ClusterRules.class, "cluster rules", source);
        r.validate(source);
        return r;
    }

    /** The same rules with another text analysis (benchmarks compare them). */
    public ClusterRules withAnalysis(String analysis) {
        return new ClusterRules(version, windowDays, analysis, maxChars, maxTerms, postingsScan, join, merge, nearest,
                place, growth);
    }

    /** The same rules reading at most {@code postingsScan} postings of a common term (benchmarks compare them). */
    public ClusterRules withPostingsScan(int postingsScan) {
        return new ClusterRules(version, windowDays, analysis, maxChars, maxTerms, postingsScan, join, merge, nearest,
                place, growth);
    }

    private void validate(String source) {
        require(source, version >= 1, "version must be 1 or more");
        require(source, windowDays >= 1 && windowDays <= 366, "windowDays must be between 1 and 366");
        require(source, ANALYSES.contains(analysis), "analysis '" + analysis + "' is not one of " + ANALYSES);
        require(source, maxChars >= 20, "maxChars must be 20 or more");
        require(source, maxTerms >= 4 && maxTerms <= 512, "maxTerms must be between 4 and 512");
        require(source, postingsScan >= 10, "postingsScan must be 10 or more");
        require(source, join > 0 && join < 2, "join must be between 0 and 2");
        require(source, merge >= join && merge < 2, "merge must be at least join and below 2");
        require(source, nearest >= 1 && nearest <= 20, "nearest must be between 1 and 20");
        require(source, place != null, "place is missing");
        require(source, place.differentEstate() != null
                        && (place.rejectsDifferentEstates() || "allow".equals(place.differentEstate())),
                "place.differentEstate must be reject or allow");
        require(source, place.sameEstate() >= 0 && place.differentDistrict() >= 0 && place.differentTown() >= 0
                && place.differentCategory() >= 0, "place weights must be 0 or more");
        require(source, place.specificTermMaxShare() > 0 && place.specificTermMaxShare() <= 1,
                "place.specificTermMaxShare must be above 0 and at most 1");
        require(source, growth != null && growth.rule() != null && !growth.rule().isBlank(), "growth.rule is missing");
        require(source, growth.sizes() != null && !growth.sizes().isEmpty(), "growth.sizes must list at least one size");
        int last = 1;
        for (int s : growth.sizes()) {
            require(source, s > last, "growth.sizes must ascend from 2: " + growth.sizes());
            last = s;
        }
    }

    private static void require(String source, boolean ok, String message) {
        if (!ok) {
            throw new YamlFile.InvalidFileException("cluster rules", source, message);
        }
    }
}
