package io.earlywarning.gateway.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The generic webhook's signature: {@code X-EW-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">} with
 * {@code X-EW-Timestamp: <unix seconds>}; a receiver recomputes it with the shared secret and refuses a timestamp
 * older than a few minutes (a replay). Also DingTalk's robot signature (加签).
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-EW-Signature";
    public static final String TIMESTAMP_HEADER = "X-EW-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private WebhookSignature() {
    }

    public static String sign(String secret, long unixSeconds, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, unixSeconds + "." + body));
    }

    /** Whether {@code signature} is this body's signature at that timestamp (constant-time comparison). */
    public static boolean verify(String secret, String timestamp, String body, String signature) {
        if (secret == null || timestamp == null || signature == null) {
            return false;
        }
        long t;
        try {
            t = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, t, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A header value for a key that may hold Chinese (warning ids name estates): HTTP headers are ASCII, so it is
     * percent-encoded as UTF-8 ({@code %E6%97%AD…}); the body carries it as written.
     */
    public static String headerValue(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** DingTalk: Base64 of HMAC-SHA256 over {@code "<timestamp ms>\n<secret>"}, keyed with the secret (URL-encode it). */
    public static String dingTalk(String secret, long epochMillis) {
        return Base64.getEncoder().encodeToString(hmac(secret, epochMillis + "\n" + secret));
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
