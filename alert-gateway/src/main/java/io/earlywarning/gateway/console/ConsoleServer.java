package io.earlywarning.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.access.Sessions;
import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.gateway.board.CaseExcerpts;
import io.earlywarning.gateway.board.DutyDesk;
import io.earlywarning.gateway.board.Silence;
import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.gateway.board.WarningBoard;
import io.earlywarning.gateway.delivery.Outbox;
import io.earlywarning.routing.ResponsibleUnit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The duty-officer console (值班台) and {@code /api/} on one port, with {@code /metrics} and {@code /health}: static
 * pages from the class path, JSON under {@code /api/}, a live feed over Server-Sent Events at {@code /api/stream}.
 * Every {@code /api/} route but log-in needs a session (cookie or bearer token): 401 without one, 403 for another
 * unit's warning. Requests that change anything must be JSON, which a cross-site form cannot send, and the session
 * cookie is SameSite=Strict.
 */
public final class ConsoleServer implements AutoCloseable {

    static final String COOKIE = "ew_session";
    private static final int MAX_FAILED_LOGINS = 5;
    private static final Duration LOCKOUT = Duration.ofMinutes(5);

    /** What the console serves from. */
    public record Parts(WarningBoard board, Outbox outbox, CaseExcerpts cases, DutyDesk desk,
                        Supplier<UnitAccess> access, UnitLogins logins, Sessions sessions, PrometheusMeterRegistry metrics, Clock clock,
                        double timeScale, BooleanSupplier healthy, DemoInbox demoInbox) {
    }

    private record Client(SseClient sse, String unit) {
    }

    private record Failures(int count, Instant since) {
    }

    private final Parts p;
    private final Javalin app;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public ConsoleServer(Parts parts, int port) {
        this.p = parts;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/io/earlywarning/gateway/console";
                s.location = Location.CLASSPATH;
                s.headers = securityHeaders();
            });
            config.routes.before(ctx -> securityHeaders().forEach(ctx::header));
            config.routes.before("/api/*", this::authenticate);
            config.routes.get("/health", ctx -> ctx.status(p.healthy().getAsBoolean() ? 200 : 503)
                    .contentType("application/json").result(p.healthy().getAsBoolean() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(p.metrics().scrape()));
            config.routes.get("/api/units", this::units);
            config.routes.post("/api/login", this::login);
            config.routes.post("/api/logout", this::logout);
            config.routes.get("/api/me", this::me);
            config.routes.get("/api/warnings", this::list);
            config.routes.get("/api/warnings/{id}", ctx -> json(ctx, 200, detail(unit(ctx), ctx.pathParam("id"))));
            config.routes.post("/api/warnings/{id}/acknowledge", ctx -> act(ctx, (u, b) ->
                    p.desk().acknowledge(u, u, ctx.pathParam("id"))));
            config.routes.post("/api/warnings/{id}/assign", ctx -> act(ctx, (u, b) ->
                    p.desk().assign(u, u, ctx.pathParam("id"), b.path("assignee").asText(null))));
            config.routes.post("/api/warnings/{id}/resolve", ctx -> act(ctx, (u, b) ->
                    p.desk().resolve(u, u, ctx.pathParam("id"), b.path("note").asText(null))));
            config.routes.post("/api/warnings/{id}/notes", ctx -> act(ctx, (u, b) ->
                    p.desk().note(u, u, ctx.pathParam("id"), b.path("note").asText(null))));
            config.routes.get("/api/silences", this::silences);
            config.routes.post("/api/silences", ctx -> act(ctx, (u, b) -> p.desk().silence(u, u,
                    b.path("unit").asText(null), b.path("ruleId").asText(null), b.path("subject").asText(null),
                    Duration.ofMinutes(Math.round(b.path("hours").asDouble(0) * 60)), b.path("reason").asText(null))));
            config.routes.post("/api/silences/{id}/end", ctx -> act(ctx, (u, b) ->
                    p.desk().unsilence(u, u, ctx.pathParam("id"))));
            config.routes.sse("/api/stream", this::stream);
            if (p.demoInbox() != null) {
                config.routes.post("/demo-inbox/{unit}", ctx -> {
                    DemoInbox.Receipt r = p.demoInbox().receive(ctx.pathParam("unit"), ctx.body(),
                            ctx.header("X-EW-Timestamp"), ctx.header("X-EW-Signature"), ctx.header("Idempotency-Key"));
                    ctx.status(r.status()).result(r.reason());
                });
                config.routes.get("/api/demo-inbox", ctx -> json(ctx, 200,
                        GatewayJson.MAPPER.valueToTree(p.demoInbox().received(unit(ctx)))));
            }
            config.routes.exception(DutyDesk.Refused.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(IOException.class, (e, ctx) -> error(ctx, 400, "请求不是有效的 JSON"));
        });
        app.start(port);
    }

    public int port() {
        return app.port();
    }

    /** Pushes a changed warning to every open console whose unit may see it. */
    public void publish(TrackedWarning t) {
        UnitAccess access = p.access().get();
        for (Client c : clients) {
            if (c.sse().terminated()) {
                clients.remove(c);
            } else if (access.canSee(c.unit(), t)) {
                c.sse().sendEvent("warning", row(t).toString());
            }
        }
    }

    @Override
    public void close() {
        clients.forEach(c -> c.sse().close());
        app.stop();
    }

    // --- routes -------------------------------------------------------------------------------------------------

    private void authenticate(Context ctx) {
        String path = ctx.path();
        if (path.equals("/api/login") || path.equals("/api/units")) {
            return;
        }
        String token = ctx.cookie(COOKIE);
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).strip();
        }
        Optional<Sessions.Session> s = p.sessions().find(token);
        if (s.isEmpty()) {
            throw new DutyDesk.Refused(401, "请先登录");
        }
        if (!"GET".equals(ctx.method().name()) && !isJson(ctx)) {
            throw new DutyDesk.Refused(415, "请求须为 application/json");
        }
        ctx.attribute("unit", s.get().unit());
    }

    private void units(Context ctx) {
        ArrayNode a = GatewayJson.MAPPER.createArrayNode();
        for (String id : p.logins().units()) {
            ResponsibleUnit u = p.access().get().unit(id);
            a.addObject().put("id", id).put("name", u == null ? id : u.name());
        }
        json(ctx, 200, a);
    }

    private void login(Context ctx) throws IOException {
        if (!isJson(ctx)) {
            throw new DutyDesk.Refused(415, "请求须为 application/json");
        }
        JsonNode b = body(ctx);
        String unit = b.path("unit").asText("");
        Failures f = failures.get(unit);
        Instant now = p.clock().instant();
        if (f != null && f.count() >= MAX_FAILED_LOGINS && now.isBefore(f.since().plus(LOCKOUT))) {
            throw new DutyDesk.Refused(429, "登录失败次数过多，请 5 分钟后再试");
        }
        Optional<String> ok = p.logins().authenticate(unit, b.path("secret").asText(""));
        if (ok.isEmpty()) {
            failures.merge(unit, new Failures(1, now), (a, x) -> now.isAfter(a.since().plus(LOCKOUT)) ? x
                    : new Failures(a.count() + 1, a.since()));
            throw new DutyDesk.Refused(401, "单位或口令错误");
        }
        failures.remove(unit);
        Sessions.Session s = p.sessions().open(ok.get());
        ctx.cookie(new Cookie(COOKIE, s.token(), "/", (int) p.sessions().lifetime().toSeconds(), false, true, null,
                SameSite.STRICT));
        ObjectNode o = me(ok.get());
        o.put("token", s.token());
        json(ctx, 200, o);
    }

    private void logout(Context ctx) {
        p.sessions().close(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, "/");
        json(ctx, 200, GatewayJson.MAPPER.createObjectNode().put("ok", true));
    }

    private void me(Context ctx) {
        json(ctx, 200, me(unit(ctx)));
    }

    private ObjectNode me(String unit) {
        ResponsibleUnit u = p.access().get().unit(unit);
        return GatewayJson.MAPPER.createObjectNode().put("unit", unit).put("name", u == null ? unit : u.name());
    }

    private void list(Context ctx) {
        String unit = unit(ctx);
        String state = ctx.queryParam("state");
        String severity = ctx.queryParam("severity");
        String type = ctx.queryParam("type");
        String q = ctx.queryParam("q");
        UnitAccess access = p.access().get();
        ArrayNode a = GatewayJson.MAPPER.createArrayNode();
        for (TrackedWarning t : p.board().all()) {
            if (!access.canSee(unit, t)
                    || (state != null && !state.isBlank() && !state.equals(t.state()))
                    || (severity != null && !severity.isBlank() && !severity.equals(t.warning().severity().id()))
                    || (type != null && !type.isBlank() && !type.equals(t.warning().type()))
                    || (q != null && !q.isBlank() && !matches(t, q))) {
                continue;
            }
            a.add(row(t));
            if (a.size() >= 500) {
                break;
            }
        }
        json(ctx, 200, a);
    }

    private static boolean matches(TrackedWarning t, String q) {
        String needle = q.strip().toLowerCase(Locale.ROOT);
        return (t.warning().title() + " " + t.warning().subject() + " " + t.warning().summary())
                .toLowerCase(Locale.ROOT).contains(needle);
    }

    private ObjectNode detail(String unit, String id) {
        TrackedWarning t = p.desk().visible(unit, id);
        return WarningViews.detail(t, p.clock().instant(), p.timeScale(), silence(t), p.outbox().forWarning(id),
                p.cases().of(t.warning().evidence().caseIds(), WarningViews.MAX_CASES), p.access().get());
    }

    private void silences(Context ctx) {
        String unit = unit(ctx);
        Instant now = p.clock().instant();
        ArrayNode a = GatewayJson.MAPPER.createArrayNode();
        for (Silence s : p.desk().silences(unit)) {
            ObjectNode o = GatewayJson.MAPPER.valueToTree(s);
            o.put("active", s.activeAt(now));
            a.add(o);
        }
        json(ctx, 200, a);
    }

    private void stream(SseClient sse) {
        String unit = sse.ctx().attribute("unit");
        sse.keepAlive();
        Client c = new Client(sse, unit);
        clients.add(c);
        sse.onClose(() -> clients.remove(c));
        sse.sendComment("connected");
    }

    private interface Action {
        Object apply(String unit, JsonNode body);
    }

    private void act(Context ctx, Action action) throws IOException {
        String unit = unit(ctx);
        Object result = action.apply(unit, body(ctx));
        json(ctx, 200, GatewayJson.MAPPER.valueToTree(result));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private ObjectNode row(TrackedWarning t) {
        return WarningViews.row(t, p.clock().instant(), p.timeScale(), silence(t));
    }

    private Optional<Silence> silence(TrackedWarning t) {
        return p.board().silencing(t, p.clock().instant(), p.access().get());
    }

    private static String unit(Context ctx) {
        return ctx.attribute("unit");
    }

    private static JsonNode body(Context ctx) throws IOException {
        String b = ctx.body();
        if (b == null || b.isBlank()) {
            return GatewayJson.MAPPER.createObjectNode();
        }
        JsonNode n = GatewayJson.MAPPER.readTree(b);
        if (n == null || !n.isObject()) {
            throw new DutyDesk.Refused(400, "请求须为 JSON 对象");
        }
        return n;
    }

    private static boolean isJson(Context ctx) {
        String ct = ctx.contentType();
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body.toString());
    }

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, GatewayJson.MAPPER.createObjectNode().put("status", status).put("error", message));
    }

    private static Map<String, String> securityHeaders() {
        return Map.of("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY");
    }
}
