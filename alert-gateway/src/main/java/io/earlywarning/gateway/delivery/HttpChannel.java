package io.earlywarning.gateway.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** What the three HTTP channels share: one POST of a JSON body, and how an HTTP status decides a retry. */
abstract class HttpChannel implements Channel {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;

    HttpChannel(HttpClient http) {
        this.http = http;
    }

    /** The answer of one POST, or the outcome when there was none. */
    record Answer(int status, String body, Outcome failure) {
    }

    Answer post(String url, String json, Map<String, String> headers) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Answer(0, null, Outcome.refused("bad address " + url + ": " + e.getMessage()));
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), statusOutcome(r.statusCode(), r.body()));
        } catch (IOException e) {
            return new Answer(0, null, Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, Outcome.retry("interrupted"));
        }
    }

    /** 2xx: null (look at the body); 408, 425, 429 and 5xx: retry; any other status: refused for good. */
    private static Outcome statusOutcome(int status, String body) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + clip(body));
        return status == 408 || status == 425 || status == 429 || status >= 500 ? Outcome.retry(detail)
                : Outcome.refused(detail);
    }

    static String clip(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 200) + "…";
    }
}
