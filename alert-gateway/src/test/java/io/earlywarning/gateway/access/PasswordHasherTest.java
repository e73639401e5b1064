package io.earlywarning.gateway.access;

import io.earlywarning.rulesfile.YamlFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.earlywarning.gateway.support.TestWarnings.TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1);

    @Test
    void argon2idHashVerifiesItsSecretOnlyAndNeverRepeats() {
        String h = hasher.hash("江北区值班室-2026");
        assertThat(h).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(PasswordHasher.verify("江北区值班室-2026", h)).isTrue();
        assertThat(PasswordHasher.verify("江北区值班室-2027", h)).isFalse();
        assertThat(hasher.hash("江北区值班室-2026")).as("a fresh salt each time").isNotEqualTo(h);
        assertThat(PasswordHasher.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$AAAA")).isFalse();
    }

    @Test
    void loginsRefuseAPlainSecretAndAnUnknownUnit() {
        assertThatThrownBy(() -> new UnitLogins(List.of(new UnitLogins.Login("jz-d01-gov", "plain-secret")), TABLE, "t"))
                .isInstanceOf(YamlFile.InvalidFileException.class).hasMessageContaining("not an Argon2id hash");
        assertThatThrownBy(() -> new UnitLogins(List.of(new UnitLogins.Login("nowhere", hasher.hash("s"))), TABLE, "t"))
                .hasMessageContaining("not in the routing table");
        UnitLogins logins = new UnitLogins(List.of(new UnitLogins.Login("jz-d01-gov", hasher.hash("s3cret-jb"))), TABLE, "t");
        assertThat(logins.authenticate("jz-d01-gov", "s3cret-jb")).contains("jz-d01-gov");
        assertThat(logins.authenticate("jz-d01-gov", "wrong")).isEmpty();
        assertThat(logins.authenticate("jz-d02-gov", "s3cret-jb")).isEmpty();
    }
}
