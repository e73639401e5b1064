package io.earlywarning.gateway.access;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log-in secrets hashed with Argon2id (Bouncy Castle), stored in the PHC string form
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. The default cost is OWASP's minimum for Argon2id (19 MiB,
 * two passes, one lane); a stored hash keeps its own parameters, so raising the cost later does not lock anyone out.
 */
public final class PasswordHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKiB;
    private final int passes;

    public PasswordHasher(int memoryKiB, int passes) {
        this.memoryKiB = memoryKiB;
        this.passes = passes;
    }

    public static PasswordHasher owaspMinimum() {
        return new PasswordHasher(19 * 1024, 2);
    }

    public String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = argon2(secret, salt, memoryKiB, passes, 1, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + passes + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(h);
    }

    /** Whether {@code secret} matches the stored PHC string; false for a malformed one. */
    public static boolean verify(String secret, String phc) {
        if (secret == null || phc == null) {
            return false;
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int passes = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        if (memory > 1 << 21 || passes > 20 || lanes > 16) {
            return false;
        }
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        return MessageDigest.isEqual(expected, argon2(secret, salt, memory, passes, lanes, expected.length));
    }

    public static boolean looksHashed(String s) {
        return s != null && PHC.matcher(s).matches();
    }

    private static byte[] argon2(String secret, byte[] salt, int memory, int passes, int lanes, int length) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
                .withIterations(passes).withParallelism(lanes).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] out = new byte[length];
        g.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
