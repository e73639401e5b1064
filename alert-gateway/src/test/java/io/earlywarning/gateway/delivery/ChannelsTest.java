package io.earlywarning.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.board.WarningBoard;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.earlywarning.gateway.support.TestWarnings.TABLE;
import static io.earlywarning.gateway.support.TestWarnings.received;
import static io.earlywarning.gateway.support.TestWarnings.surge;
import static org.assertj.core.api.Assertions.assertThat;

/** Each channel against a real local receiver: an HTTP server for the webhook and robots, GreenMail for SMTP. */
class ChannelsTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    private record Request(String path, String query, Map<String, String> headers, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private final AtomicInteger port = new AtomicInteger();
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:10:00Z"), ZoneOffset.UTC);
    private Delivery.Message message;
    private io.earlywarning.gateway.board.TrackedWarning tracked;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> h = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), h, body));
            int status = statusByPath.getOrDefault(ex.getRequestURI().getPath(), 200);
            byte[] answer = (ex.getRequestURI().getPath().startsWith("/robot-refuses") ? "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"
                    : "{\"errcode\":0,\"errmsg\":\"ok\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        port.set(server.getAddress().getPort());
        WarningBoard board = new WarningBoard();
        board.onWarning(surge("estate-surge:surge:estate:旭辉紫金苑:20261123090000", List.of("jz-d01-gov")), received());
        tracked = board.all().get(0);
        message = new WarningMessages("http://console.test").warning(tracked, ZoneOffset.ofHours(8));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Delivery delivery(String channel, String address) {
        return DeliveryPlanner.forWarning(tracked, message, TABLE, false, clock.instant()).get(0).attempted(Delivery.PENDING, clock.instant(),
                clock.instant(), null).withAddress(channel, address);
    }

    @Test
    void webhookPostsSignedJsonWithTheIdempotencyKey() throws Exception {
        Channel.Outcome o = new WebhookChannel(http, clock).send(delivery("webhook", url("/hook")), "s3cret");
        assertThat(o.delivered()).isTrue();
        Request r = requests.get(0);
        assertThat(WebhookSignature.verify("s3cret", r.headers().get("x-ew-timestamp"), r.body(),
                r.headers().get("x-ew-signature"))).isTrue();
        assertThat(r.headers().get("x-ew-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(URLDecoder.decode(r.headers().get("idempotency-key"), StandardCharsets.UTF_8))
                .isEqualTo("estate-surge:surge:estate:旭辉紫金苑:20261123090000:1");
        JsonNode body = GatewayJson.MAPPER.readTree(r.body());
        assertThat(body.path("title").asText()).isEqualTo("【橙色预警】旭辉紫金苑信访量激增");
        assertThat(body.path("data").path("warningId").asText()).isEqualTo("estate-surge:surge:estate:旭辉紫金苑:20261123090000");
        assertThat(body.path("text").asText()).contains("江北区人民政府（属地）").contains("http://console.test/#/warnings/");
    }

    @Test
    void serverErrorsAreRetriedAndRefusalsAreNot() {
        statusByPath.put("/down", 503);
        statusByPath.put("/gone", 404);
        WebhookChannel c = new WebhookChannel(http, clock);
        assertThat(c.send(delivery("webhook", url("/down")), "s")).extracting(Channel.Outcome::delivered, Channel.Outcome::retry)
                .containsExactly(false, true);
        assertThat(c.send(delivery("webhook", url("/gone")), "s")).extracting(Channel.Outcome::delivered, Channel.Outcome::retry)
                .containsExactly(false, false);
        server.stop(0);
        assertThat(c.send(delivery("webhook", url("/hook")), "s").retry()).as("nobody listening").isTrue();
    }

    @Test
    void weComRobotGetsItsMarkdownMessageAndAnErrcodeIsARefusal() throws Exception {
        RobotChannel wecom = RobotChannel.weCom(http);
        assertThat(wecom.send(delivery("wecom", url("/cgi-bin/webhook/send?key=abc")), null).delivered()).isTrue();
        JsonNode body = GatewayJson.MAPPER.readTree(requests.get(0).body());
        assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.path("markdown").path("content").asText()).startsWith("### 【橙色预警】旭辉紫金苑信访量激增");
        assertThat(requests.get(0).query()).isEqualTo("key=abc");
        Channel.Outcome refused = wecom.send(delivery("wecom", url("/robot-refuses")), null);
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.detail()).contains("93000");
    }

    @Test
    void dingTalkRobotIsSignedWithTimestampAndSign() throws Exception {
        RobotChannel ding = RobotChannel.dingTalk(http, clock);
        assertThat(ding.send(delivery("dingtalk", url("/robot/send?access_token=t0k")), "SECabc").delivered()).isTrue();
        Request r = requests.get(0);
        Map<String, String> q = new ConcurrentHashMap<>();
        for (String kv : r.query().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        assertThat(q.get("access_token")).isEqualTo("t0k");
        assertThat(q.get("timestamp")).isEqualTo(Long.toString(clock.millis()));
        assertThat(q.get("sign")).isEqualTo(WebhookSignature.dingTalk("SECabc", clock.millis()));
        JsonNode body = GatewayJson.MAPPER.readTree(r.body());
        assertThat(body.path("markdown").path("title").asText()).isEqualTo("【橙色预警】旭辉紫金苑信访量激增");
    }

    @Test
    void emailArrivesAsPlainUtf8TextAtARealSmtpServer() throws Exception {
        EmailChannel email = new EmailChannel(new EmailChannel.Smtp("127.0.0.1", ServerSetupTest.SMTP.getPort(), "",
                "", "early-warning@city.test", false));
        assertThat(email.send(delivery("email", "duty@jb.gov.test"), null).delivered()).isTrue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(got[0].getSubject()).isEqualTo("【橙色预警】旭辉紫金苑信访量激增");
        assertThat(got[0].getContentType()).startsWith("text/plain");
        assertThat((String) got[0].getContent()).contains("旭辉紫金苑 24 小时内 12 人反映逾期交房");
        assertThat(got[0].getHeader("X-EW-Idempotency-Key")[0]).endsWith(":1");
    }

    @Test
    void markdownEscapesWhatTheWriterWrote() {
        assertThat(WarningMessages.escape("[点我](http://evil) <script>*x*")).doesNotContain("[", "]", "(", "<", "*");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port.get() + path;
    }
}
