package io.earlywarning.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.earlywarning.gateway.GatewayConfig;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.access.PasswordHasher;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.gateway.delivery.WebhookSignature;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Severity;
import io.earlywarning.warning.Warning;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

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

    /** A clock the test moves forward, so that deadlines pass without waiting for them. */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get().plusNanos(System.nanoTime() % 1);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    record Hook(String unit, String key, boolean signed, String body) {
    }

    @TempDir
    Path dir;

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private HttpServer receiver;
    private GatewayConfig config;
    private UnitLogins logins;
    private AlertGateway gateway;
    private RoutingTable table;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = ex.getRequestHeaders();
            hooks.add(new Hook(ex.getRequestURI().getPath().substring("/hook/".length()),
                    URLDecoder.decode(h.getFirst("Idempotency-Key"), StandardCharsets.UTF_8),
                    WebhookSignature.verify("it-secret", h.getFirst("X-EW-Timestamp"), body, h.getFirst("X-EW-Signature")),
                    body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        // The demo city's rules and table, its webhooks pointed at the receiver, e-mail for 江北区人民政府, and a
        // version above any other test's published set so that this gateway keeps this table.
        String rules = read("rules-demo-city.yaml").replaceFirst("(?m)^version: \\d+", "version: 2000000000");
        String routing = read("routing-demo-city.yaml")
                .replace("http://localhost:8080/demo-inbox/", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/")
                .replace("/hook/jz-d01-gov\"}]", "/hook/jz-d01-gov\"}, {channel: email, address: \"duty@jb.gov.test\"}]");
        Files.writeString(dir.resolve("rules-demo-city.yaml"), rules);
        Files.writeString(dir.resolve("routing-demo-city.yaml"), routing);
        Map<String, String> env = new HashMap<>();
        env.put("EW_WARNING_RULES", dir.resolve("rules-demo-city.yaml").toString());
        env.put("EW_GATEWAY_PORT", "0");
        env.put("EW_GATEWAY_WEBHOOK_SECRET", "it-secret");
        env.put("EW_GATEWAY_SMTP_HOST", "127.0.0.1");
        env.put("EW_GATEWAY_SMTP_PORT", Integer.toString(ServerSetupTest.SMTP.getPort()));
        config = GatewayConfig.from(env);
        table = RuleBundle.load(config.warningRules()).routing();
        PasswordHasher h = new PasswordHasher(1024, 1);
        logins = new UnitLogins(List.of(new UnitLogins.Login("jz-d01-gov", h.hash("jiangbei-it")),
                new UnitLogins.Login("jz-d02-gov", h.hash("jiangnan-it"))), table, "it");
        gateway = startGateway();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        receiver.stop(0);
    }

    @Test
    void warningReachesWebhookMailAndTheConsoleLiveAcknowledgementStopsEscalationAndARestartSendsNothingTwice() throws Exception {
        String a = "it-" + run + "-a";
        String b = "it-" + run + "-b";
        String c = "it-" + run + "-c";
        String hostile = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        WebDriver browser = browser();
        try {
            browser.get("http://127.0.0.1:" + gateway.port() + "/");
            new Select(await().until(() -> browser.findElement(By.id("login-unit")), e -> e.isDisplayed()))
                    .selectByValue("jz-d01-gov");
            browser.findElement(By.id("login-secret")).sendKeys("jiangbei-it");
            browser.findElement(By.id("login-submit")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("live")).isDisplayed());

            // New warnings while the console is open: A and C for 江北区, B for 江南区.
            produce(warning(a, List.of("jz-d01-gov", "jz-d01-housing"), "旭辉紫金苑信访量激增" + hostile));
            produce(warning(b, List.of("jz-d02-gov"), "江南府信访量激增"));
            produce(warning(c, List.of("jz-d01-gov"), "学府花园信访量激增"));

            await().atMost(Duration.ofSeconds(30)).until(() -> rows(browser).contains(a) && rows(browser).contains(c));
            assertThat(rows(browser)).as("another unit's warning never shows").doesNotContain(b);
            Object title = ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelector(\"li[data-id='" + a + "'] .title\").textContent");
            assertThat((String) title).as("markup in a warning is shown as text").contains("<script>").contains("<img src=x");

            // Delivered: signed webhooks to both units of A, e-mail to 江北区人民政府.
            await().atMost(Duration.ofSeconds(30)).until(() -> hooksFor(a + ":1").size() == 2);
            assertThat(hooksFor(a + ":1")).extracting(Hook::unit).containsExactlyInAnyOrder("jz-d01-gov", "jz-d01-housing");
            assertThat(hooksFor(a + ":1")).allMatch(Hook::signed);
            await().atMost(Duration.ofSeconds(30)).until(() -> mails(a).size() == 1);
            assertThat(mails(a).get(0).getAllRecipients()[0].toString()).isEqualTo("duty@jb.gov.test");
            assertThat(hooksFor(b + ":1")).extracting(Hook::unit).containsExactly("jz-d02-gov");

            // Another unit's warning cannot be opened.
            browser.get("http://127.0.0.1:" + gateway.port() + "/#/warnings/" + URLEncoder.encode(b, StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("detail-error")).getText().contains("无权查看"));

            // Acknowledge A: the state changes, the action shows in the history and on warnings.actions.
            browser.get("http://127.0.0.1:" + gateway.port() + "/#/warnings/" + URLEncoder.encode(a, StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("ack")).isDisplayed()
                    && browser.findElement(By.id("detail")).getText().contains("未签收"));
            browser.findElement(By.id("ack")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("detail")).getText().contains("已签收")
                    && browser.findElement(By.id("history")).getText().contains("签收"));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
            assertThat(actions(a)).extracting(n -> n.get("type")).contains("acknowledge");
        } finally {
            browser.quit();
        }

        // An hour later: C (not acknowledged) escalates to 江州市人民政府; A (acknowledged) does not.
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(30)).until(() -> hooksFor(c + ":escalation-0").stream().anyMatch(h -> h.unit().equals("jz-gov")));
        assertThat(hooksFor(a + ":escalation-0")).isEmpty();
        assertThat(actions(c)).extracting(n -> n.get("type")).contains("escalate");
        assertThat(actions(a)).extracting(n -> n.get("type")).doesNotContain("escalate");

        // A restart rebuilds the board and the outbox from the topics and sends nothing again.
        int before = hooks.size();
        gateway.close();
        gateway = startGateway();
        await().atMost(Duration.ofSeconds(30)).until(gateway::caughtUp);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> hooks.size() == before);
        assertThat(gateway.board().get(a).orElseThrow().acknowledged()).isTrue();
        assertThat(gateway.board().get(c).orElseThrow().escalatedUnits()).contains("jz-gov");
        assertThat(mails(a)).hasSize(1);
    }

    private AlertGateway startGateway() {
        return AlertGateway.start(config, KafkaForTests.bootstrapServers(), logins, clock);
    }

    private WebDriver browser() throws Exception {
        File driver = new File("/usr/bin/chromedriver");
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(driver.canExecute(), "chromium-driver is not installed (.ci/run installs it)");
        }
        assertThat(driver.canExecute()).as("/usr/bin/chromedriver, installed by .ci/run").isTrue();
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=420,900",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), o);
    }

    /** The ids in the list, read in one script call: the live feed replaces rows while a test reads them. */
    @SuppressWarnings("unchecked")
    private static List<String> rows(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#warnings li')].map(l => l.dataset.id)");
    }

    private List<Hook> hooksFor(String key) {
        return hooks.stream().filter(h -> h.key().equals(key)).toList();
    }

    private static List<MimeMessage> mails(String warningId) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getHeader("X-EW-Idempotency-Key")[0].startsWith(warningId + ":")) {
                out.add(m);
            }
        }
        return out;
    }

    private List<Map<String, Object>> actions(String warningId) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaForTests.consumer("gateway-it")) {
            consumer.subscribe(List.of("warnings.actions"));
            long until = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (warningId.equals(r.key())) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = GatewayJson.MAPPER.readValue(r.value(), Map.class);
                        out.add(m);
                    }
                }
                if (!out.isEmpty() && consumer.assignment().stream().allMatch(tp ->
                        consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return out;
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
            var x = table.unit(u);
            assigned.add(new UnitAssignment(x.id(), x.name(), x.kind(), x.sector(), x.territorial() ? "territorial" : "sector"));
        }
        var gov = table.unit("jz-gov");
        List<Warning.Escalation> esc = List.of(new Warning.Escalation(t0.plusHours(1),
                List.of(new UnitAssignment(gov.id(), gov.name(), gov.kind(), gov.sector(), "superior"))));
        return new Warning(id, 1, "open", "SURGE", "estate-surge", 2000000000, Severity.ORANGE, t0, t0, "surge:estate:" + id,
                "江北区", null, null, "城乡建设", null, assigned, title, "24 小时内 12 人反映逾期交房",
                new Warning.Evidence(List.of("hotline:GD-" + id), List.of(), 12, 1.5, 1e-9, List.of("SURGE:" + id), null,
                        List.of()), t0.plusHours(1), esc, List.of(), null);
    }

    private static String read(String name) throws Exception {
        try (var in = RuleBundle.class.getResourceAsStream("/io/earlywarning/warning/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
