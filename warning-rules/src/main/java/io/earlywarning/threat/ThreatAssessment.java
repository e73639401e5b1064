package io.earlywarning.threat;

import java.util.List;

/**
 * The verdict on one text: whether it threatens harm (扬言), of what kind, how severe, the spans that show it and
 * the rules that matched. A text that is no threat has no category, severity or evidence.
 *
 * @param severity {@code low}, {@code medium}, {@code high} or {@code critical}: higher the more specific the
 *                 time, place, means and target, and when the threat is conditional on a demand or deadline
 */
public record ThreatAssessment(boolean threat, ThreatCategory category, String severity, List<Evidence> evidence,
                               List<String> ruleIds) {

    /**
     * A span of the original text, by Unicode code point offsets ({@code end} exclusive), as Python, JavaScript's
     * {@code Array.from} and most tools count characters.
     */
    public record Evidence(int start, int end, String text) {
    }

    public static final ThreatAssessment NONE = new ThreatAssessment(false, null, null, List.of(), List.of());
}
