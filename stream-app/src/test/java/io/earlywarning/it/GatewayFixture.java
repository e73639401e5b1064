package io.earlywarning.it;

import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.Severity;
import io.earlywarning.warning.Warning;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.earlywarning.gateway.GatewayConfig;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.access.PasswordHasher;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.gateway.delivery.WebhookSignature;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.gateway.kafka.GatewayTopics;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.warning.RuleBundle;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert gateway's real neighbours in a test: a webhook receiver on a local HTTP port (checking signatures),
 * the demo city's rules and routing table with every webhook pointed at it and e-mail for 江北区人民政府, log-ins for
 * 江北区 and 江南区, the audit topic, and the console in headless Chromium (Debian's chromium and chromium-driver,
 * installed by {@code .ci/run}). The rules carry a version above any other test's published set, so that a
 * gateway and a stream app started with them keep them.
 */
final class GatewayFixture implements AutoCloseable {

    static final String SECRET = "it-secret";
    static final Map<String, String> SECRETS = Map.of("jz-d01-gov", "jiangbei-it", "jz-d02-gov", "jiangnan-it");

    /** One webhook call the receiver took. */
    record Hook(String unit, String key, boolean signed, String body) {
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    /** While true the receiver is down: every call gets 503 and is not taken. */
    final AtomicBoolean receiverDown = new AtomicBoolean();
    /** Calls refused while the receiver was down. */
    final AtomicInteger refused = new AtomicInteger();
    private final HttpServer receiver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dir;
    final Path rulesFile;
    final GatewayConfig config;
    final UnitLogins logins;
    final RoutingTable table;

    GatewayFixture(Path dir, int smtpPort) throws Exception {
        this.dir = dir;
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (receiverDown.get()) {
                refused.incrementAndGet();
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            var h = ex.getRequestHeaders();
            hooks.add(new Hook(ex.getRequestURI().getPath().substring("/hook/".length()),
                    URLDecoder.decode(h.getFirst("Idempotency-Key"), StandardCharsets.UTF_8),
                    WebhookSignature.verify(SECRET, h.getFirst("X-EW-Timestamp"), body, h.getFirst("X-EW-Signature")),
                    body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        String rules = read("rules-demo-city.yaml").replaceFirst("(?m)^version: \\d+", "version: 2000000000");
        String routing = read("routing-demo-city.yaml")
                .replace("http://localhost:8080/demo-inbox/", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/")
                .replace("/hook/jz-d01-gov\"}]", "/hook/jz-d01-gov\"}, {channel: email, address: \"duty@jb.gov.test\"}]");
        rulesFile = dir.resolve("rules-demo-city.yaml");
        Files.writeString(rulesFile, rules);
        Files.writeString(dir.resolve("routing-demo-city.yaml"), routing);
        Map<String, String> env = new HashMap<>();
        env.put("EW_WARNING_RULES", rulesFile.toString());
        env.put("EW_GATEWAY_PORT", "0");
        env.put("EW_GATEWAY_WEBHOOK_SECRET", SECRET);
        env.put("EW_GATEWAY_SMTP_HOST", "127.0.0.1");
        env.put("EW_GATEWAY_SMTP_PORT", Integer.toString(smtpPort));
        config = GatewayConfig.from(env);
        this.env.putAll(env);
        table = RuleBundle.load(config.warningRules()).routing();
        PasswordHasher h = new PasswordHasher(1024, 1);
        List<UnitLogins.Login> list = new ArrayList<>();
        for (var e : SECRETS.entrySet()) {
            list.add(new UnitLogins.Login(e.getKey(), h.hash(e.getValue())));
        }
        logins = new UnitLogins(list, table, "it");
    }

    /** The gateway's environment as the {@code gateway} command reads it (for a gateway in a process of its own). */
    final Map<String, String> env = new HashMap<>();

    AlertGateway start(Clock clock) {
        return AlertGateway.start(config, KafkaForTests.bootstrapServers(), logins, clock);
    }

    /** A version-1 surge warning for 江北区人民政府 and its housing bureau, raised at {@code t0}, due in a day. */
    Warning surgeWarning(String id, OffsetDateTime t0) {
        Function<String, UnitAssignment> unit = u -> {
            var x = table.unit(u);
            return new UnitAssignment(x.id(), x.name(), x.kind(), x.sector(),
                    x.territorial() ? "territorial" : "sector");
        };
        return new Warning(id, 1, "open", "SURGE", "estate-surge", 2000000000, Severity.ORANGE,
                t0, t0, "surge:estate:" + id, "江北区", null, null, "城乡建设", null,
                List.of(unit.apply("jz-d01-gov"), unit.apply("jz-d01-housing")), "旭辉紫金苑信访量激增",
                "24 小时内 12 人反映逾期交房",
                new Warning.Evidence(List.of("hotline:GD-" + id), List.of(), 12, 1.5, 1e-9, List.of("SURGE:" + id), null,
                        List.of()), t0.plusDays(1), List.of(), List.of(), null);
    }

    /** Webhook calls taken whose idempotency key contains {@code marker}, counted by unit and key. */
    Map<String, Long> takenFor(String marker) {
        return hooks.stream().filter(h -> h.key().contains(marker))
                .collect(Collectors.groupingBy(h -> h.unit() + " " + h.key(), Collectors.counting()));
    }

    List<Hook> hooks() {
        return hooks;
    }

    /** Webhook calls with this idempotency key ({@code warningId:version}, {@code warningId:escalation-n}). */
    List<Hook> hooksFor(String key) {
        return hooks.stream().filter(h -> h.key().equals(key)).toList();
    }

    /** A console in headless Chromium, phone-sized. */
    WebDriver browser() throws Exception {
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

    /** Signs in on the console page as {@code unit} and waits for the live list. */
    static void signIn(WebDriver browser, int port, String unit) {
        browser.get("http://127.0.0.1:" + port + "/");
        new Select(await().until(() -> browser.findElement(By.id("login-unit")), e -> e.isDisplayed()))
                .selectByValue(unit);
        browser.findElement(By.id("login-secret")).sendKeys(SECRETS.get(unit));
        browser.findElement(By.id("login-submit")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("live")).isDisplayed());
    }

    /** The ids in the console's list, read in one script call: the live feed replaces rows while a test reads them. */
    @SuppressWarnings("unchecked")
    static List<String> rows(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#warnings li')].map(l => l.dataset.id)");
    }

    static String path(String warningId) {
        return URLEncoder.encode(warningId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A bearer token for {@code unit}, through {@code POST /api/login}. */
    String token(int port, String unit) throws Exception {
        HttpResponse<String> r = api(port, "POST", "/api/login",
                "{\"unit\":\"" + unit + "\",\"secret\":\"" + SECRETS.get(unit) + "\"}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return GatewayJson.MAPPER.readTree(r.body()).path("token").asText();
    }

    HttpResponse<String> api(int port, String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The e-mails the SMTP server took for {@code warningId}. */
    static List<MimeMessage> mails(MimeMessage[] received, String warningId) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : received) {
            if (m.getHeader("X-EW-Idempotency-Key")[0].startsWith(warningId + ":")) {
                out.add(m);
            }
        }
        return out;
    }

    /** The audit records on {@code warnings.actions} for {@code warningId}. */
    static List<Map<String, Object>> actions(String warningId) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaForTests.consumer("gateway-it")) {
            consumer.subscribe(List.of(GatewayTopics.WARNING_ACTIONS));
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

    @Override
    public void close() {
        receiver.stop(0);
    }

    private static String read(String name) throws Exception {
        try (var in = RuleBundle.class.getResourceAsStream("/io/earlywarning/warning/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
