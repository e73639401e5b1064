package io.earlywarning.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.gateway.GatewayJson;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

/**
 * The generic webhook: a JSON POST of {@code {"deliveryId","kind","unit","idempotencyKey","title","text","data"}}
 * with {@link WebhookSignature} headers and {@code Idempotency-Key}. Any 2xx is delivered.
 */
public final class WebhookChannel extends HttpChannel {

    private final Clock clock;

    public WebhookChannel(HttpClient http, Clock clock) {
        super(http);
        this.clock = clock;
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public Outcome send(Delivery d, String secret) {
        ObjectNode body = GatewayJson.MAPPER.createObjectNode();
        body.put("deliveryId", d.deliveryId());
        body.put("kind", d.kind());
        body.put("unit", d.unit());
        body.put("idempotencyKey", d.idempotencyKey());
        body.put("title", d.message().title());
        body.put("text", d.message().text());
        body.set("data", d.message().data());
        String json = body.toString();
        long now = clock.instant().getEpochSecond();
        Answer a = post(d.address(), json, Map.of(
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, now, json),
                WebhookSignature.IDEMPOTENCY_HEADER, WebhookSignature.headerValue(d.idempotencyKey()),
                "X-EW-Unit", WebhookSignature.headerValue(d.unit())));
        return a.failure() != null ? a.failure() : Outcome.ok("HTTP " + a.status());
    }
}
