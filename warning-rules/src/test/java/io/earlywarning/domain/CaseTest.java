package io.earlywarning.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CaseTest {

    @Test
    void aCaseWithoutWordsKeepsEverythingTheCountingStagesReadAndDropsSubjectAndText() {
        Case c = new Case("hotline:1", "hotline", OffsetDateTime.parse("2026-03-03T21:00:00+08:00"), "江北区", "观音桥街道",
                "阳光花园", "阳光花园", "城乡建设", "classifier", "住建", "停水", "来电人反映小区停水三天", "p-1", 6, true,
                "物业公司");
        Case counted = c.withoutWords();
        assertThat(counted.subject()).isNull();
        assertThat(counted.text()).isNull();
        assertThat(counted).usingRecursiveComparison().ignoringFields("subject", "text").isEqualTo(c);
    }
}
