package io.earlywarning.gateway.board;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.earlywarning.gateway.support.TestWarnings.aCase;
import static org.assertj.core.api.Assertions.assertThat;

class CaseExcerptsTest {

    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    @Test
    void aWarningsCasesShowWithTheStartOfTheirTextNewestLastWithoutThePseudonym() {
        CaseExcerpts cases = new CaseExcerpts(Duration.ofDays(35), 100);
        cases.add(aCase("hotline:1", T0, "开发商逾期交房一年多。"));
        cases.add(aCase("hotline:2", T0.plusHours(1), "长".repeat(1000)));
        cases.add(aCase("hotline:3", T0.plusHours(2), "别的小区"));

        List<CaseExcerpts.Excerpt> shown = cases.of(List.of("hotline:1", "hotline:9", "hotline:2"), 10);

        assertThat(shown).extracting(CaseExcerpts.Excerpt::caseId).containsExactly("hotline:1", "hotline:2");
        assertThat(shown.get(0).text()).isEqualTo("开发商逾期交房一年多。");
        assertThat(shown.get(1).text()).hasSize(CaseExcerpts.TEXT_CHARS + 1).endsWith("…");
        assertThat(shown.toString()).doesNotContain("pseudonym");
        assertThat(cases.of(List.of("hotline:1", "hotline:2", "hotline:3"), 2))
                .extracting(CaseExcerpts.Excerpt::caseId).as("the newest within the limit").containsExactly("hotline:2", "hotline:3");
    }

    @Test
    void casesOlderThanTheWindowOrBeyondTheCapAreDropped() {
        CaseExcerpts cases = new CaseExcerpts(Duration.ofDays(30), 3);
        cases.add(aCase("hotline:old", T0, "a"));
        cases.add(aCase("hotline:1", T0.plusDays(31), "b"));
        cases.add(aCase("hotline:late", T0.plusDays(0).plusHours(1), "an old case arriving late"));

        assertThat(cases.of(List.of("hotline:old", "hotline:late", "hotline:1"), 10))
                .extracting(CaseExcerpts.Excerpt::caseId).containsExactly("hotline:1");

        cases.add(aCase("hotline:2", T0.plusDays(31).plusHours(1), "c"));
        cases.add(aCase("hotline:3", T0.plusDays(31).plusHours(2), "d"));
        cases.add(aCase("hotline:4", T0.plusDays(31).plusHours(3), "e"));
        assertThat(cases.size()).isEqualTo(3);
        assertThat(cases.of(List.of("hotline:1", "hotline:2", "hotline:3", "hotline:4"), 10))
                .extracting(CaseExcerpts.Excerpt::caseId).containsExactly("hotline:2", "hotline:3", "hotline:4");
    }
}
