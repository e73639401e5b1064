package io.earlywarning.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void signatureMatchesAnIndependentHmacAndRefusesATamperedBody() {
        // Expected value computed with Python's hmac module, not with this code.
        assertThat(WebhookSignature.sign("k3y", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("sha256=fd5a70e965043f7df6309c2c3b5ff5a8ffa99b1f5175e9a311459e73c4634d4a");
        String sig = WebhookSignature.sign("k3y", 1_700_000_000L, "{\"a\":1}");
        assertThat(WebhookSignature.verify("k3y", "1700000000", "{\"a\":1}", sig)).isTrue();
        assertThat(WebhookSignature.verify("k3y", "1700000000", "{\"a\":2}", sig)).isFalse();
        assertThat(WebhookSignature.verify("k3y", "1700000001", "{\"a\":1}", sig)).isFalse();
        assertThat(WebhookSignature.verify("other", "1700000000", "{\"a\":1}", sig)).isFalse();
    }

    @Test
    void dingTalkSignatureIsTheDocumentedHmacOfTimestampAndSecret() {
        // Python: base64(hmac_sha256(secret, "1700000000000\n" + secret))
        assertThat(WebhookSignature.dingTalk("SEC0123456789abcdef", 1_700_000_000_000L))
                .isEqualTo("TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=");
    }

    @Test
    void retriesBackOffExponentiallyWithJitterAndGiveUp() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 5);
        Instant now = Instant.parse("2026-11-24T00:00:00Z");
        Random r = new Random(1);
        for (int attempt = 1; attempt <= 4; attempt++) {
            long full = Math.min(600_000, 2_000L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                long delay = Duration.between(now, p.next(attempt, now, r)).toMillis();
                assertThat(delay).isBetween(full / 2, full);
            }
        }
        assertThat(Duration.between(now, new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 99)
                .next(30, now, r)).toMillis()).isBetween(300_000L, 600_000L);
        assertThat(p.next(5, now, r)).as("no attempt left").isNull();
    }
}
