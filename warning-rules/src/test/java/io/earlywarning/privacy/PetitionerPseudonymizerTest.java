package io.earlywarning.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PetitionerPseudonymizerTest {

    private final PetitionerPseudonymizer p = new PetitionerPseudonymizer("a-test-key-of-enough-length");

    @Test
    void onePhoneWrittenTwoWaysIsOnePerson() {
        assertThat(p.petitionerKey("+86 138-1234-5678", null, null, "hotline"))
                .isEqualTo(p.petitionerKey("13812345678", "430104198001011234", null, "letters-visits"));
    }

    @Test
    void theKeyRevealsNothingAndDependsOnTheSecret() {
        String key = p.petitionerKey("13812345678", null, null, "hotline");
        assertThat(key).startsWith("pk_").doesNotContain("13812345678");
        assertThat(new PetitionerPseudonymizer("another-secret-key-value").petitionerKey("13812345678", null, null, "hotline"))
                .isNotEqualTo(key);
    }

    @Test
    void accountIdsAreScopedToTheirChannel() {
        assertThat(p.petitionerKey(null, null, "A0001", "online")).isNotNull()
                .isNotEqualTo(p.petitionerKey(null, null, "A0001", "other"));
        assertThat(p.petitionerKey(null, null, null, "online")).isNull();
    }

    @Test
    void aSourceIdCarryingAPhoneOrIdNumberIsHashedOthersStayAsTheyAre() {
        assertThat(p.sourceId("hotline", "GD20260303001")).isEqualTo("GD20260303001");
        String hashed = p.sourceId("hotline", "13812345678-1");
        assertThat(hashed).startsWith("sid_").doesNotContain("13812345678");
        assertThat(p.sourceId("hotline", "13812345678-1")).as("stable: duplicates still meet").isEqualTo(hashed);
        assertThat(p.sourceId("online", "13812345678-1")).as("scoped by channel").isNotEqualTo(hashed);
        assertThat(p.sourceId("letters-visits", "110101199003071234")).startsWith("sid_");
    }
}
