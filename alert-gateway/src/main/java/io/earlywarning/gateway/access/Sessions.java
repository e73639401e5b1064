package io.earlywarning.gateway.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in consoles: a random 256-bit token per log-in (in an HttpOnly, SameSite=Strict cookie, or as a bearer
 * token for {@code /api/}), valid for {@code lifetime}. Kept in memory: a gateway restart asks officers to sign in
 * again, which is the safe side.
 */
public final class Sessions {

    public record Session(String token, String unit, Instant expires) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    public Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Session open(String unit) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(b), unit,
                clock.instant().plus(lifetime));
        sessions.put(s.token(), s);
        return s;
    }

    public Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expires())) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }
}
