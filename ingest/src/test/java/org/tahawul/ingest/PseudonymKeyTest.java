package org.tahawul.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.warehouse.ClickHouseSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymKeyTest {

    static final ClickHouseSettings LOCAL = new ClickHouseSettings("jdbc:clickhouse://127.0.0.1:8123", null, null, null);
    static final ClickHouseSettings REMOTE = new ClickHouseSettings("jdbc:clickhouse://ch.example.gov.sa:8443", null, null, null);

    @Test
    void theKeyOfTheEnvironmentWins(@TempDir Path data) {
        PseudonymKey key = PseudonymKey.resolve(Map.of(PseudonymKey.ENV, "0123456789abcdef0123456789abcdef"), REMOTE, data);
        // python3 -c "import hmac,hashlib;print(hmac.new(b'0123456789abcdef0123456789abcdef',b'1012345678',hashlib.sha256).hexdigest())"
        assertThat(key.pseudonymise(" 1012345678 "))
                .isEqualTo("95a79f5c2c7bbe4ad00903d63580beaa6b872b97fae127dbd5fa25b99004bb70");
        assertThat(key.pseudonymise(null)).isNull();
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        assertThat(PseudonymKey.hex(every)).isEqualTo(java.util.HexFormat.of().formatHex(every));
        assertThat(key.toString()).doesNotContain("0123456789abcdef").contains(PseudonymKey.ENV);
        assertThat(data.resolve(PseudonymKey.FILE)).doesNotExist();
    }

    @Test
    void theLocalServerGetsAKeyGeneratedOnceAndKeptPrivate(@TempDir Path data) throws Exception {
        PseudonymKey first = PseudonymKey.resolve(Map.of(), LOCAL, data.resolve("sub"));
        PseudonymKey second = PseudonymKey.resolve(Map.of(), LOCAL, data.resolve("sub"));
        Path file = data.resolve("sub").resolve(PseudonymKey.FILE);
        assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.pseudonymise("1012345678")).isEqualTo(first.pseudonymise("1012345678"));
    }

    @Test
    void anotherServerWithoutAKeyStopsTheJobWithAClearMessage(@TempDir Path data) {
        assertThatThrownBy(() -> PseudonymKey.resolve(Map.of(), REMOTE, data)).isInstanceOf(IngestException.class)
                .hasMessageContaining("TAHAWUL_PSEUDONYM_KEY is not set").hasMessageContaining("ch.example.gov.sa");
        assertThatThrownBy(() -> PseudonymKey.of("short", "test")).hasMessageContaining("at least 16 characters");
    }
}
