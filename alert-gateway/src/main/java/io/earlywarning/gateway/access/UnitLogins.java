package io.earlywarning.gateway.access;

import io.earlywarning.rulesfile.YamlFile;
import io.earlywarning.routing.RoutingTable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The units' console log-ins ({@code logins.yaml}): one per unit, its secret stored only as an Argon2id hash.
 * <pre>
 * logins:
 *   - {unit: jz-d01-gov, secret: "$argon2id$v=19$m=19456,t=2,p=1$…$…"}
 * </pre>
 * Make a hash with {@code bin/early-warning gateway hash-secret}. Validated against the routing table on load.
 */
public final class UnitLogins {

    public record Login(String unit, String secret) {
    }

    public record File(List<Login> logins) {
    }

    private final Map<String, String> hashes = new LinkedHashMap<>();

    public UnitLogins(List<Login> logins, RoutingTable table, String source) {
        for (Login l : logins) {
            if (l.unit() == null || table.unit(l.unit()) == null) {
                throw new YamlFile.InvalidFileException("unit log-ins", source,
                        "unit '" + l.unit() + "' is not in the routing table");
            }
            if (!PasswordHasher.looksHashed(l.secret())) {
                throw new YamlFile.InvalidFileException("unit log-ins", source,
                        "the secret of '" + l.unit() + "' is not an Argon2id hash ($argon2id$v=19$…): store hashes, never secrets");
            }
            if (hashes.put(l.unit(), l.secret()) != null) {
                throw new YamlFile.InvalidFileException("unit log-ins", source, "unit '" + l.unit() + "' listed twice");
            }
        }
    }

    public static UnitLogins load(Path file, RoutingTable table) {
        File f = YamlFile.parse(YamlFile.read(file), File.class, "unit log-ins", file.toString());
        return new UnitLogins(f.logins() == null ? List.of() : f.logins(), table, file.toString());
    }

    /** The unit, when the secret is its own. */
    public Optional<String> authenticate(String unit, String secret) {
        String hash = unit == null ? null : hashes.get(unit);
        if (hash == null) {
            // Spend the same time as a real check, so that a wrong unit id is not told apart by speed.
            PasswordHasher.verify(secret == null ? "" : secret, DUMMY);
            return Optional.empty();
        }
        return PasswordHasher.verify(secret, hash) ? Optional.of(unit) : Optional.empty();
    }

    public List<String> units() {
        return List.copyOf(hashes.keySet());
    }

    private static final String DUMMY = PasswordHasher.owaspMinimum().hash("not-a-login");
}
