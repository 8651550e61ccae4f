package org.tahawul.ingest;

import org.tahawul.warehouse.ClickHouseSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The secret of the pseudonymisation: {@code beneficiary_key = hex(HMAC-SHA256(key, trim(beneficiary_id)))}.
 * The key is the UTF-8 text of {@code TAHAWUL_PSEUDONYM_KEY}. For the local ClickHouse only, when the
 * variable is unset, a key generated once (32 random bytes, hex) is kept in
 * {@code $TAHAWUL_DATA_DIR/pseudonym.key} (mode 600) and reused, so local re-runs give the same keys.
 * The key never appears in {@link #toString()}, a log line or a Spark plan.
 */
public final class PseudonymKey implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String ENV = "TAHAWUL_PSEUDONYM_KEY";
    public static final String FILE = "pseudonym.key";
    static final int MIN_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final String origin;
    private transient Mac mac;

    private PseudonymKey(byte[] key, String origin) {
        this.key = key.clone();
        this.origin = origin;
    }

    /** A key from its text (at least 16 characters). */
    public static PseudonymKey of(String secret, String origin) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            throw new IngestException(ENV + " must hold at least " + MIN_LENGTH + " characters (a long random secret, "
                    + "e.g. openssl rand -hex 32)");
        }
        return new PseudonymKey(secret.strip().getBytes(StandardCharsets.UTF_8), origin);
    }

    /** The key of {@code TAHAWUL_PSEUDONYM_KEY}, else the local key file (local server only), else a clear stop. */
    public static PseudonymKey resolve(Map<String, String> env, ClickHouseSettings settings, Path dataDir) {
        String secret = env.get(ENV);
        if (secret != null && !secret.isBlank()) {
            return of(secret, ENV);
        }
        if (!settings.isLocal()) {
            throw new IngestException(ENV + " is not set. Outside the local ClickHouse (this run writes to "
                    + settings.displayUrl() + ") the job needs the organisation's pseudonymisation key: set "
                    + ENV + " to the same secret every run uses, or beneficiary keys will not match across runs.");
        }
        return of(localKey(dataDir.resolve(FILE)), dataDir.resolve(FILE).toString());
    }

    private static String localKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String text = HexFormat.of().formatHex(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, text + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                } catch (FileAlreadyExistsException raced) {
                    // another run created it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, text + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local pseudonymisation key " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where the key came from (the variable's name or the key file), never the key. */
    public String origin() {
        return origin;
    }

    /** The beneficiary key of a raw ID (trimmed first); null for null or blank. */
    public String pseudonymise(String beneficiaryId) {
        if (beneficiaryId == null || beneficiaryId.isBlank()) {
            return null;
        }
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
            }
        }
        return hex(mac.doFinal(beneficiaryId.strip().getBytes(StandardCharsets.UTF_8)));
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Lower-case hex, as {@code HexFormat.of().formatHex} writes it, a few times faster (one key per line). */
    static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** A copy with its own Mac (a Mac is not thread-safe). */
    PseudonymKey copy() {
        return new PseudonymKey(key, origin);
    }

    @Override
    public String toString() {
        return "PseudonymKey[from " + origin + ", value hidden]";
    }
}
