package io.earlywarning.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.warning.Warning;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook receiver down for ten minutes (simulated time: the gateway's clock is moved, its retries are real), the
 * gateway restarted in the middle of the outage: after recovery every warning version reaches each unit's webhook
 * exactly once by its idempotency key, and its e-mail once.
 */
class DeliveryOutageIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private GatewayFixture fixture;
    private AlertGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void tenMinuteReceiverOutageWithAGatewayRestartDeliversEveryWarningOncePerChannel() throws Exception {
        fixture = new GatewayFixture(dir, mail.getSmtp().getPort());
        fixture.receiverDown.set(true);
        gateway = fixture.start(clock);
        Instant outageStart = clock.instant();

        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> p = KafkaForTests.producer()) {
            for (int i = 0; i < 5; i++) {
                Warning w = fixture.surgeWarning("outage-" + run + "-" + i, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)));
                ids.add(w.warningId());
                p.send(new ProducerRecord<>("warnings", w.warningId(), GatewayJson.MAPPER.writeValueAsString(w))).get();
            }
        }
        List<String> expected = new ArrayList<>();
        for (String id : ids) {
            expected.add("jz-d01-gov " + id + ":1");
            expected.add("jz-d01-housing " + id + ":1");
        }

        // Five minutes of outage: every attempt refused, retried with backoff as the clock moves.
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.refused.get() >= expected.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            clock.advance(Duration.ofSeconds(15));
            return !clock.instant().isBefore(outageStart.plus(Duration.ofMinutes(5)));
        });
        int refusedBeforeRestart = fixture.refused.get();
        assertThat(refusedBeforeRestart).as("retries during the outage").isGreaterThan(expected.size());
        assertThat(fixture.takenFor(run)).isEmpty();

        // The gateway restarts in the middle of the outage: its outbox comes back from gateway.deliveries.
        gateway.close();
        gateway = fixture.start(clock);
        await().atMost(Duration.ofSeconds(30)).until(gateway::caughtUp);

        // Five more minutes down, then the receiver is back; the clock keeps moving until everything is delivered.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            clock.advance(Duration.ofSeconds(15));
            return !clock.instant().isBefore(outageStart.plus(Duration.ofMinutes(10)));
        });
        assertThat(fixture.takenFor(run)).isEmpty();
        fixture.receiverDown.set(false);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            clock.advance(Duration.ofSeconds(30));
            return fixture.takenFor(run).keySet().containsAll(expected);
        });

        // Exactly once per channel: each idempotency key taken once, e-mail once per warning.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            clock.advance(Duration.ofMinutes(1));
            return fixture.takenFor(run).keySet().containsAll(expected);
        });
        assertThat(fixture.takenFor(run)).containsOnlyKeys(expected).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        for (String id : ids) {
            assertThat(GatewayFixture.mails(mail.getReceivedMessages(), id)).as(id).hasSize(1);
        }
    }
}
