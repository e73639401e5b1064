package io.earlywarning.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earlywarning.fault.ChildJvm;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.warning.Warning;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in a process of its own, killed with SIGKILL while the units' webhook receiver is down and it is
 * retrying, then started again: once the receiver is back, every warning version has reached each unit — by
 * idempotency key, which the receiver honours (a repeat after the crash is recognised as the same delivery) — and
 * its e-mail once per warning.
 */
class GatewayCrashIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void gatewayKilledDuringAnOutageDeliversEveryWarningOncePerKeyAfterRecovery() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(dir, mail.getSmtp().getPort())) {
            Map<String, String> env = new HashMap<>(fixture.env);
            env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaForTests.bootstrapServers());
            Path log = dir.resolve("gateway.log");
            fixture.receiverDown.set(true);
            ChildJvm gateway = ChildJvm.start("512m", List.of("gateway"), env, log);
            try {
                List<String> ids = new ArrayList<>();
                try (KafkaProducer<String, String> p = KafkaForTests.producer()) {
                    for (int i = 0; i < 4; i++) {
                        Warning w = fixture.surgeWarning("crash-" + run + "-" + i, OffsetDateTime.now(ZoneOffset.ofHours(8)));
                        ids.add(w.warningId());
                        p.send(new ProducerRecord<>("warnings", w.warningId(), GatewayJson.MAPPER.writeValueAsString(w))).get();
                    }
                }
                Set<String> expected = ids.stream().flatMap(id -> java.util.stream.Stream.of(
                        "jz-d01-gov " + id + ":1", "jz-d01-housing " + id + ":1")).collect(Collectors.toSet());

                // Retrying against the dead receiver: each delivery refused at least twice, then kill -9.
                await().atMost(Duration.ofSeconds(90)).until(() -> fixture.refused.get() >= 2 * expected.size());
                gateway.kill();
                assertThat(fixture.takenFor(run)).isEmpty();

                fixture.receiverDown.set(false);
                gateway = ChildJvm.start("512m", List.of("gateway"), env, log);
                await().atMost(Duration.ofSeconds(120)).until(() -> fixture.takenFor(run).keySet().containsAll(expected));
                ChildJvm running = gateway;
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> running.alive() && fixture.takenFor(run).keySet().equals(expected));
                long repeats = fixture.takenFor(run).values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("GatewayCrashIT: %d deliveries taken, %d repeated after the crash (same idempotency key)%n",
                        expected.size(), repeats);
                assertThat(fixture.hooks()).filteredOn(h -> h.key().contains(run)).allMatch(GatewayFixture.Hook::signed);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (String id : ids) {
                        if (GatewayFixture.mails(mail.getReceivedMessages(), id).isEmpty()) {
                            return false;
                        }
                    }
                    return true;
                });
                for (String id : ids) {
                    assertThat(GatewayFixture.mails(mail.getReceivedMessages(), id)).as(id).hasSize(1);
                }
            } finally {
                gateway.stop();
            }
        }
    }
}
