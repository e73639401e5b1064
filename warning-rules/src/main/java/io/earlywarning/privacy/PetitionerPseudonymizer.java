package io.earlywarning.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Turns a petitioner's identifiers into {@code petitionerKey}: a keyed hash (HMAC-SHA256) that links one person
 * across channels and over time without revealing who they are. Without the key nobody can test a guessed phone
 * number against it, which a plain hash would allow.
 *
 * <p>The phone number is the identifier that all three channels share (visitors leave one, hotline callers call
 * from one, web accounts are verified by one), so it wins when present; then the ID number; then the channel's own
 * account id. Source ids that carry a phone or ID number are hashed the same way ({@link #sourceId}).
 */
public final class PetitionerPseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    private static final PersonalDataMasker MASKER = new PersonalDataMasker();
    private final SecretKeySpec key;

    public PetitionerPseudonymizer(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the pseudonymization key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The petitioner key for whatever identifiers are known, or null when none is.
     *
     * @param phone     a phone number in any common writing (+86, spaces, dashes), or null
     * @param idNumber  a resident ID number, or null
     * @param accountId the channel's account id (web user id), or null
     * @param channelId the channel, which scopes {@code accountId}
     */
    public String petitionerKey(String phone, String idNumber, String accountId, String channelId) {
        String normalizedPhone = normalizePhone(phone);
        if (normalizedPhone != null) {
            return hash("phone:" + normalizedPhone);
        }
        if (idNumber != null && !idNumber.isBlank()) {
            return hash("id:" + idNumber.strip().toUpperCase());
        }
        if (accountId != null && !accountId.isBlank()) {
            return hash("account:" + channelId + ":" + accountId.strip());
        }
        return null;
    }

    /**
     * A source system's record id that carries a phone or ID number (a work order numbered by the caller's phone, a
     * hostile record): replaced by a keyed hash, so that the case id stays stable and unique (duplicates of it are
     * still recognized) without the number reaching any derived topic. Other ids are returned as they are.
     */
    public String sourceId(String channelId, String id) {
        return id == null || !MASKER.containsPersonalNumber(id) ? id : hash("sid_", "source:" + channelId + ":" + id);
    }

    /** Digits only, without the country code, so that +86 138-0000-0000 and 13800000000 are one person. */
    static String normalizePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits.length() >= 7 ? digits : null;
    }

    private String hash(String identity) {
        return hash("pk_", identity);
    }

    private String hash(String prefix, String identity) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
            // 128 bits are plenty to keep petitioners apart; the prefix says what kind of value this is.
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
