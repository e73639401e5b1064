package io.earlywarning.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.Severity;
import io.earlywarning.warning.Warning;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert gateway with real parts: the broker, a webhook receiver on a local HTTP port, an SMTP server
 * (GreenMail), and the console in headless Chromium driven by Selenium (Debian's chromium and chromium-driver,
 * installed by {@code .ci/run}).
 */
class AlertGatewayIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private GatewayFixture fixture;
    private AlertGateway gateway;

    @BeforeEach
    void start() throws Exception {
        fixture = new GatewayFixture(dir, ServerSetupTest.SMTP.getPort());
        gateway = fixture.start(clock);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        fixture.close();
    }

    @Test
    void warningReachesWebhookMailAndTheConsoleLiveAcknowledgementStopsEscalationAndARestartSendsNothingTwice() throws Exception {
        String a = "it-" + run + "-a";
        String b = "it-" + run + "-b";
        String c = "it-" + run + "-c";
        String hostile = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        WebDriver browser = fixture.browser();
        try {
            GatewayFixture.signIn(browser, gateway.port(), "jz-d01-gov");

            // New warnings while the console is open: A and C for 江北区, B for 江南区.
            produce(warning(a, List.of("jz-d01-gov", "jz-d01-housing"), "旭辉紫金苑信访量激增" + hostile));
            produce(warning(b, List.of("jz-d02-gov"), "江南府信访量激增"));
            produce(warning(c, List.of("jz-d01-gov"), "学府花园信访量激增"));

            await().atMost(Duration.ofSeconds(30)).until(() -> GatewayFixture.rows(browser).contains(a) && GatewayFixture.rows(browser).contains(c));
            assertThat(GatewayFixture.rows(browser)).as("another unit's warning never shows").doesNotContain(b);
            Object title = ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelector(\"li[data-id='" + a + "'] .title\").textContent");
            assertThat((String) title).as("markup in a warning is shown as text").contains("<script>").contains("<img src=x");

            // Delivered: signed webhooks to both units of A, e-mail to 江北区人民政府.
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.hooksFor(a + ":1").size() == 2);
            assertThat(fixture.hooksFor(a + ":1")).extracting(GatewayFixture.Hook::unit).containsExactlyInAnyOrder("jz-d01-gov", "jz-d01-housing");
            assertThat(fixture.hooksFor(a + ":1")).allMatch(GatewayFixture.Hook::signed);
            await().atMost(Duration.ofSeconds(30)).until(() -> GatewayFixture.mails(mail.getReceivedMessages(), a).size() == 1);
            assertThat(GatewayFixture.mails(mail.getReceivedMessages(), a).get(0).getAllRecipients()[0].toString()).isEqualTo("duty@jb.gov.test");
            assertThat(fixture.hooksFor(b + ":1")).extracting(GatewayFixture.Hook::unit).containsExactly("jz-d02-gov");

            // Another unit's warning cannot be opened.
            browser.get("http://127.0.0.1:" + gateway.port() + "/#/warnings/" + GatewayFixture.path(b));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("detail-error")).getText().contains("无权查看"));

            // Acknowledge A: the state changes, the action shows in the history and on warnings.actions.
            browser.get("http://127.0.0.1:" + gateway.port() + "/#/warnings/" + GatewayFixture.path(a));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("ack")).isDisplayed()
                    && browser.findElement(By.id("detail")).getText().contains("未签收"));
            browser.findElement(By.id("ack")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("detail")).getText().contains("已签收")
                    && browser.findElement(By.id("history")).getText().contains("签收"));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
            assertThat(GatewayFixture.actions(a)).extracting(n -> n.get("type")).contains("acknowledge");
        } finally {
            browser.quit();
        }

        // An hour later: C (not acknowledged) escalates to 江州市人民政府; A (acknowledged) does not.
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.hooksFor(c + ":escalation-0").stream().anyMatch(h -> h.unit().equals("jz-gov")));
        assertThat(fixture.hooksFor(a + ":escalation-0")).isEmpty();
        assertThat(GatewayFixture.actions(c)).extracting(n -> n.get("type")).contains("escalate");
        assertThat(GatewayFixture.actions(a)).extracting(n -> n.get("type")).doesNotContain("escalate");

        // A restart rebuilds the board and the outbox from the topics and sends nothing again.
        // Only this test's warnings count: the shared broker holds other tests' warnings, which the gateway may
        // still be delivering across the restart (late, not twice).
        String ours = "it-" + run + "-";
        java.util.function.Supplier<Long> ourHooks = () -> fixture.hooks().stream().filter(h -> h.key().startsWith(ours)).count();
        long before = ourHooks.get();
        gateway.close();
        gateway = fixture.start(clock);
        await().atMost(Duration.ofSeconds(30)).until(gateway::caughtUp);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> ourHooks.get() == before);
        assertThat(gateway.board().get(a).orElseThrow().acknowledged()).isTrue();
        assertThat(gateway.board().get(c).orElseThrow().escalatedUnits()).contains("jz-gov");
        assertThat(GatewayFixture.mails(mail.getReceivedMessages(), a)).hasSize(1);
    }

    private void produce(Warning w) throws Exception {
        try (KafkaProducer<String, String> p = KafkaForTests.producer()) {
            p.send(new ProducerRecord<>("warnings", w.warningId(), GatewayJson.MAPPER.writeValueAsString(w))).get();
        }
    }

    private Warning warning(String id, List<String> units, String title) {
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8));
        List<UnitAssignment> assigned = new ArrayList<>();
        for (String u : units) {
            var x = fixture.table.unit(u);
            assigned.add(new UnitAssignment(x.id(), x.name(), x.kind(), x.sector(), x.territorial() ? "territorial" : "sector"));
        }
        var gov = fixture.table.unit("jz-gov");
        List<Warning.Escalation> esc = List.of(new Warning.Escalation(t0.plusHours(1),
                List.of(new UnitAssignment(gov.id(), gov.name(), gov.kind(), gov.sector(), "superior"))));
        return new Warning(id, 1, "open", "SURGE", "estate-surge", 2000000000, Severity.ORANGE, t0, t0, "surge:estate:" + id,
                "江北区", null, null, "城乡建设", null, assigned, title, "24 小时内 12 人反映逾期交房",
                new Warning.Evidence(List.of("hotline:GD-" + id), List.of(), 12, 1.5, 1e-9, List.of("SURGE:" + id), null,
                        List.of()), t0.plusHours(1), esc, List.of(), null);
    }
}
