package io.earlywarning.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.gateway.GatewayJson;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The group robots of WeCom (企业微信) and DingTalk (钉钉), in their documented markdown messages. The address is the
 * robot's webhook URL ({@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…},
 * {@code https://oapi.dingtalk.com/robot/send?access_token=…}). DingTalk robots with 加签 get {@code timestamp} and
 * {@code sign} appended; WeCom group robots have no signing (the key in the URL is the credential). Both answer
 * HTTP 200 with {@code {"errcode":0}} on success; another errcode is a refusal, except their rate limits, retried.
 */
public final class RobotChannel extends HttpChannel {

    /** WeCom's markdown content limit is 4096 bytes of UTF-8; DingTalk's is larger, the same cut keeps both safe. */
    static final int MAX_MARKDOWN_BYTES = 4000;

    private final String id;
    private final Clock clock;

    private RobotChannel(String id, HttpClient http, Clock clock) {
        super(http);
        this.id = id;
        this.clock = clock;
    }

    public static RobotChannel weCom(HttpClient http) {
        return new RobotChannel("wecom", http, Clock.systemUTC());
    }

    public static RobotChannel dingTalk(HttpClient http, Clock clock) {
        return new RobotChannel("dingtalk", http, clock);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Outcome send(Delivery d, String secret) {
        String content = clipUtf8(d.message().markdown(), MAX_MARKDOWN_BYTES);
        ObjectNode body = GatewayJson.MAPPER.createObjectNode();
        body.put("msgtype", "markdown");
        ObjectNode md = body.putObject("markdown");
        String url = d.address();
        if ("dingtalk".equals(id)) {
            md.put("title", d.message().title());
            md.put("text", content);
            if (secret != null && !secret.isBlank()) {
                long ms = clock.millis();
                url += (url.contains("?") ? "&" : "?") + "timestamp=" + ms + "&sign="
                        + URLEncoder.encode(WebhookSignature.dingTalk(secret, ms), StandardCharsets.UTF_8);
            }
        } else {
            md.put("content", content);
        }
        Answer a = post(url, body.toString(), Map.of());
        if (a.failure() != null) {
            return a.failure();
        }
        JsonNode answer;
        try {
            answer = GatewayJson.MAPPER.readTree(a.body());
        } catch (Exception e) {
            return Outcome.retry("robot answered without JSON: " + clip(String.valueOf(a.body())));
        }
        int code = answer.path("errcode").asInt(-1);
        if (code == 0) {
            return Outcome.ok("errcode 0");
        }
        String detail = "errcode " + code + ": " + answer.path("errmsg").asText();
        // 45009 (WeCom) and 130101 (DingTalk): sending too fast; try again later.
        return code == 45009 || code == 130101 ? Outcome.retry(detail) : Outcome.refused(detail);
    }

    static String clipUtf8(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes - 6) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return b.append("…").toString();
    }
}
