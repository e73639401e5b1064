package io.earlywarning.gateway.console;

import io.earlywarning.gateway.access.PasswordHasher;
import io.earlywarning.gateway.access.Sessions;
import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.gateway.board.CaseExcerpts;
import io.earlywarning.gateway.board.DutyDesk;
import io.earlywarning.gateway.support.TestWarnings;
import io.earlywarning.gateway.board.WarningAction;
import io.earlywarning.gateway.board.WarningBoard;
import io.earlywarning.gateway.delivery.Outbox;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.earlywarning.gateway.support.TestWarnings.TABLE;
import static io.earlywarning.gateway.support.TestWarnings.received;
import static io.earlywarning.gateway.support.TestWarnings.surge;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/} over real HTTP: authentication, per-unit access, actions recorded. */
class ConsoleApiTest {

    private static final String JB = "estate-surge:surge:estate:旭辉紫金苑:1";
    private static final String JN = "estate-surge:surge:estate:江南府:1";

    private final WarningBoard board = new WarningBoard();
    private final CaseExcerpts cases = new CaseExcerpts(Duration.ofDays(35), 1000);
    private final List<WarningAction> recorded = new ArrayList<>();
    private ConsoleServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        PasswordHasher h = new PasswordHasher(1024, 1);
        UnitLogins logins = new UnitLogins(List.of(new UnitLogins.Login("jz-d01-gov", h.hash("jiangbei-secret")),
                new UnitLogins.Login("jz-d02-gov", h.hash("jiangnan-secret"))), TABLE, "test");
        UnitAccess access = new UnitAccess(TABLE);
        Clock clock = Clock.systemUTC();
        DutyDesk desk = new DutyDesk(board, () -> access, clock, a -> {
            recorded.add(a);
            board.onAction(a);
        });
        board.onWarning(surge(JB, List.of("jz-d01-gov", "jz-d01-housing")), received());
        cases.add(TestWarnings.aCase("hotline:GD1", TestWarnings.T0, "来电人反映旭辉紫金苑逾期交房一年多，开发商推诿。"));
        board.onWarning(surge(JN, List.of("jz-d02-gov")), received());
        server = new ConsoleServer(new ConsoleServer.Parts(board, new Outbox(), cases, desk, () -> access, logins,
                new Sessions(clock, Duration.ofHours(1)), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock,
                1, () -> true, null), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutASessionEveryApiRouteIs401() throws Exception {
        assertThat(get("/api/warnings", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/warnings/" + enc(JB), null).statusCode()).isEqualTo(401);
        assertThat(post("/api/warnings/" + enc(JB) + "/acknowledge", "{}", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/warnings", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(post("/api/login", "{\"unit\":\"jz-d01-gov\",\"secret\":\"wrong\"}", null).statusCode()).isEqualTo(401);
        assertThat(recorded).isEmpty();
    }

    @Test
    void aUnitListsAndActsOnItsOwnWarningsAndGets403ForAnotherUnits() throws Exception {
        String token = login("jz-d01-gov", "jiangbei-secret");
        HttpResponse<String> list = get("/api/warnings", token);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("旭辉紫金苑").doesNotContain("江南府");

        assertThat(get("/api/warnings/" + enc(JN), token).statusCode()).isEqualTo(403);
        assertThat(post("/api/warnings/" + enc(JN) + "/acknowledge", "{}", token).statusCode()).isEqualTo(403);

        assertThat(post("/api/warnings/" + enc(JB) + "/acknowledge", "{}", token).statusCode()).isEqualTo(200);
        assertThat(post("/api/warnings/" + enc(JB) + "/acknowledge", "{}", token).statusCode()).as("twice").isEqualTo(409);
        HttpResponse<String> detail = get("/api/warnings/" + enc(JB), token);
        assertThat(detail.body()).contains("\"state\":\"acknowledged\"").contains("\"type\":\"acknowledge\"");
        var shown = io.earlywarning.gateway.GatewayJson.MAPPER.readTree(detail.body()).path("cases");
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).path("caseId").asText()).isEqualTo("hotline:GD1");
        assertThat(shown.get(0).path("text").asText()).contains("开发商推诿");
        assertThat(shown.get(0).has("petitionerKey")).isFalse();
        assertThat(recorded).extracting(WarningAction::type, WarningAction::unit, WarningAction::warningId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acknowledge", "jz-d01-gov", JB));
    }

    @Test
    void changesMustBeJsonAndRepeatedWrongSecretsLockTheUnitOut() throws Exception {
        String token = login("jz-d01-gov", "jiangbei-secret");
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/api/warnings/" + enc(JB) + "/acknowledge"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        for (int i = 0; i < 5; i++) {
            post("/api/login", "{\"unit\":\"jz-d02-gov\",\"secret\":\"guess" + i + "\"}", null);
        }
        assertThat(post("/api/login", "{\"unit\":\"jz-d02-gov\",\"secret\":\"jiangnan-secret\"}", null).statusCode())
                .isEqualTo(429);
    }

    private String login(String unit, String secret) throws Exception {
        HttpResponse<String> r = post("/api/login", "{\"unit\":\"" + unit + "\",\"secret\":\"" + secret + "\"}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Set-Cookie").orElse("")).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        return io.earlywarning.gateway.GatewayJson.MAPPER.readTree(r.body()).path("token").asText();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
