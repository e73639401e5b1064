package io.earlywarning.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline with real parts: hotline calls onto the broker, the stream app's surge and threat stages and
 * warning rules, the alert gateway delivering to a webhook receiver and an SMTP server, the console live in
 * headless Chromium, officers acting through {@code /api/}, and their resolution coming back into the stream.
 */
class WholePipelineIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int order;

    private static final String HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>";

    @Test
    void aSurgeOfCallsReachesTheConsoleWebhookAndMailAcknowledgementStopsItsEscalationAndResolutionClosesIt() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(dir, ServerSetupTest.SMTP.getPort())) {
            AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", dir.resolve("state").toString(),
                    "EW_METRICS_PORT", "0", "EW_APPLICATION_ID", "pipeline-" + run,
                    "EW_WARNING_RULES", fixture.rulesFile.toString()));
            KafkaForTests.startTopologyAtEnd(config);
            try (StreamApp app = StreamApp.start(config, KafkaForTests.bootstrapServers());
                 AlertGateway gateway = fixture.start(clock);
                 KafkaProducer<String, String> producer = KafkaForTests.producer()) {
                WebDriver browser = fixture.browser();
                try {
                    GatewayFixture.signIn(browser, gateway.port(), "jz-d01-gov");

                    // Three ordinary weeks in 江北区 (the estate itself heard from now and then, so that its task
                    // has learned past its warm-up), then nine owners of the estate within three hours, and a threat
                    // in 江南区 that nobody acknowledges.
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES);
                    OffsetDateTime start = now.minusDays(22).truncatedTo(ChronoUnit.DAYS);
                    for (int day = 0; day < 21; day++) {
                        for (int i = 0; i < 6; i++) {
                            call(producer, start.plusDays(day).plusHours(9 + i), "1390000" + String.format("%04d", day * 10 + i),
                                    "来电人反映小区门口道路破损，希望尽快维修。", "江北区", "交通运输");
                        }
                        if (day % 5 == 0) {
                            call(producer, start.plusDays(day).plusHours(16), "1380000" + String.format("%04d", day),
                                    "来电人反映江北区城关街道旭辉紫金苑小区路灯不亮。", "江北区", "城乡建设");
                        }
                    }
                    for (int i = 0; i < 9; i++) {
                        // The last owner's text carries markup, which the console must show as text.
                        call(producer, now.minusHours(3).plusMinutes(20L * i), "1371111" + String.format("%04d", i),
                                "来电人反映：江北区城关街道旭辉紫金苑延期交房一年多，开发商推诿。" + (i == 8 ? HOSTILE : ""),
                                "江北区", "城乡建设");
                    }
                    String threatCase = call(producer, now.minusMinutes(30), "13900002222",
                            "来电人说公司拖欠工资半年，再不发就从楼顶跳下去。", "江南区", "劳动和社会保障");

                    TrackedWarning surge = awaitOurs(gateway, "estate-surge", null);
                    TrackedWarning threat = awaitOurs(gateway, "threat-of-harm", threatCase);
                    String s = surge.id();
                    String t = threat.id();

                    // Live in 江北区's console; 江南区's threat never shows there.
                    await().atMost(Duration.ofSeconds(30)).until(() -> GatewayFixture.rows(browser).contains(s));
                    assertThat(GatewayFixture.rows(browser)).doesNotContain(t);

                    // Delivered: signed webhooks to 江北区人民政府 and its housing bureau, e-mail to 江北区人民政府.
                    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.hooksFor(s + ":1").size() == 2);
                    assertThat(fixture.hooksFor(s + ":1")).extracting(GatewayFixture.Hook::unit)
                            .containsExactlyInAnyOrder("jz-d01-gov", "jz-d01-housing");
                    assertThat(fixture.hooksFor(s + ":1")).allMatch(GatewayFixture.Hook::signed);
                    JsonNode body = GatewayJson.MAPPER.readTree(fixture.hooksFor(s + ":1").get(0).body());
                    assertThat(body.toString()).contains("旭辉紫金苑").doesNotContain("1371111");
                    // Each version that tells the units (the first, and one that raises the severity) once by mail.
                    await().atMost(Duration.ofSeconds(30)).until(() -> mailKeys(s).contains(s + ":1"));
                    assertThat(mailKeys(s)).doesNotHaveDuplicates();

                    // The detail shows the evidence cases to read, as the stream app wrote them (no caller numbers).
                    browser.get("http://127.0.0.1:" + gateway.port() + "/#/warnings/" + GatewayFixture.path(s));
                    await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElements(By.cssSelector("#detail .case-text"))
                            .stream().anyMatch(e -> e.getText().contains("旭辉紫金苑延期交房一年多")));
                    assertThat(browser.findElement(By.id("detail")).getText()).doesNotContain("1371111").contains("12345热线")
                            .contains("<script>window.__pwned=1</script>");
                    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined"))
                            .as("markup in a case text stays inert").isEqualTo(true);

                    // Across units: refused both ways.
                    String jiangbei = fixture.token(gateway.port(), "jz-d01-gov");
                    String jiangnan = fixture.token(gateway.port(), "jz-d02-gov");
                    assertThat(fixture.api(gateway.port(), "GET", "/api/warnings/" + GatewayFixture.path(s), null, jiangnan)
                            .statusCode()).isEqualTo(403);
                    assertThat(fixture.api(gateway.port(), "GET", "/api/warnings/" + GatewayFixture.path(t), null, jiangbei)
                            .statusCode()).isEqualTo(403);
                    assertThat(fixture.api(gateway.port(), "POST", "/api/warnings/" + GatewayFixture.path(t) + "/acknowledge",
                            "{}", jiangbei).statusCode()).isEqualTo(403);

                    // 江北区 acknowledges the surge; a working day later only the threat has escalated.
                    assertThat(fixture.api(gateway.port(), "POST", "/api/warnings/" + GatewayFixture.path(s) + "/acknowledge",
                            "{}", jiangbei).statusCode()).isEqualTo(200);
                    clock.advance(Duration.ofHours(5));
                    await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.hooksFor(t + ":escalation-0").isEmpty());
                    assertThat(fixture.hooksFor(s + ":escalation-0")).isEmpty();
                    assertThat(GatewayFixture.actions(t)).extracting(a -> a.get("type")).contains("escalate");

                    // 江北区 resolves it: the stream reads the resolution back and publishes the warning's last version.
                    assertThat(fixture.api(gateway.port(), "POST", "/api/warnings/" + GatewayFixture.path(s) + "/resolve",
                            "{\"note\":\"已约谈开发商，承诺本月底前交房\"}", jiangbei).statusCode()).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(60)).until(
                            () -> gateway.board().get(s).orElseThrow().warning().status().equals("resolved"));
                    assertThat(gateway.board().get(s).orElseThrow().state()).isEqualTo("resolved");
                    assertThat(fixture.hooksFor(s + ":" + gateway.board().get(s).orElseThrow().warning().version()))
                            .as("a resolution is not announced again").isEmpty();
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private static List<String> mailKeys(String warningId) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        for (var m : GatewayFixture.mails(mail.getReceivedMessages(), warningId)) {
            keys.add(m.getHeader("X-EW-Idempotency-Key")[0]);
        }
        return keys;
    }

    private TrackedWarning awaitOurs(AlertGateway gateway, String ruleId, String caseId) {
        try {
            return await().atMost(Duration.ofSeconds(120)).until(() -> ours(gateway, ruleId, caseId), Optional::isPresent)
                    .orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + ruleId + " warning on the gateway's board; this run on the topics: "
                    + traces(), e);
        }
    }

    /** What this run left on cases, signals and warnings: which stage stopped short. */
    private String traces() {
        Map<String, List<String>> seen = new java.util.TreeMap<>();
        try (var consumer = KafkaForTests.consumer("pipeline-trace")) {
            consumer.subscribe(List.of(Topics.CASES, Topics.SIGNALS, Topics.WARNINGS));
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains("PL" + run)) {
                        JsonNode j = GatewayJson.MAPPER.readTree(r.value());
                        String what = switch (r.topic()) {
                            case Topics.CASES -> j.path("caseId").asText() + " " + j.path("receivedAt").asText() + " "
                                    + j.path("estate").asText();
                            case Topics.SIGNALS -> j.path("type").asText() + " " + j.path("keyType").asText() + ":"
                                    + j.path("key").asText() + " v" + j.path("version").asText() + " observed "
                                    + j.path("observed").asText();
                            default -> j.path("warningId").asText() + " v" + j.path("version").asText();
                        };
                        seen.computeIfAbsent(r.topic(), t -> new java.util.ArrayList<>()).add(what);
                    }
                }
            }
        } catch (Exception e) {
            return "(could not read the topics: " + e + ")";
        }
        StringBuilder b = new StringBuilder();
        seen.forEach((topic, lines) -> b.append("\n").append(topic).append(" (").append(lines.size()).append("): ")
                .append(lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        return b.toString();
    }

    /** This run's warning of {@code ruleId} on the gateway's board (its cases are this run's calls). */
    private Optional<TrackedWarning> ours(AlertGateway gateway, String ruleId, String caseId) {
        return gateway.board().all().stream()
                .filter(w -> w.warning().ruleId().equals(ruleId))
                .filter(w -> w.warning().evidence().caseIds().stream().anyMatch(
                        id -> caseId == null ? id.startsWith("hotline:PL" + run) : id.equals(caseId)))
                .findFirst();
    }

    /** Sends one hotline work order; returns its case id. */
    private String call(KafkaProducer<String, String> producer, OffsetDateTime at, String phone, String summary,
                        String district, String category) throws Exception {
        String orderNo = "PL" + run + "-" + (++order);
        producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, orderNo, """
                {"orderNo":"%s","callTime":"%s","callerNumber":"%s","summary":"%s","district":"%s","category":"%s"}"""
                .formatted(orderNo, at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), phone, summary, district, category)));
        return "hotline:" + orderNo;
    }
}
