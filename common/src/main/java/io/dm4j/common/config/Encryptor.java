package io.dm4j.common.config;

import io.dm4j.common.errors.ConfigErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password encryption for source/task files ({@code dmctl encrypt}).
 *
 * <p>Format written: base64 of {@code "dm4j" 0x01 0x00 | 12-byte nonce | AES-256-GCM ciphertext+tag}; the fixed
 * 6-byte header (name, format version, reserved) makes every encrypted password start with {@code ZG00agEA}.
 * Reading also accepts DM's own format (base64 of {@code 16-byte IV | '@' | AES-CFB ciphertext}) so passwords encrypted by DM's dmctl
 * keep working, and anything else is taken as plain text, as DM does.
 *
 * <p>The key (32 bytes, given as 64 hex characters) comes from the {@code secret-key-path} file, else the
 * {@value #ENV_KEY} environment variable, else a built-in key. The built-in key is public (it is the one older DM
 * versions shipped), so with it encryption only obfuscates.
 */
public final class Encryptor {
    /** Environment variable holding the hex key when no secret-key-path is given. */
    public static final String ENV_KEY = "DM4J_SECRET_KEY";

    private static final String BUILT_IN_KEY_HEX = "a529b7665997f043a30ac8fadcb51d6aa032c226ab5b7750530b12b8c1a16a48";
    private static final byte[] MAGIC = {'d', 'm', '4', 'j', 1, 0};
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int DM_IV_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String origin;

    private Encryptor(byte[] key, String origin) {
        this.key = key;
        this.origin = origin;
    }

    /** The built-in (public) key: obfuscation only. */
    public static Encryptor builtIn() {
        return new Encryptor(HexFormat.of().parseHex(BUILT_IN_KEY_HEX), "built-in key");
    }

    /** A key given as 64 hex characters; anything else is {@link ConfigErrors#SECRET_KEY}. */
    public static Encryptor fromHex(String hex, String origin) {
        String h = hex == null ? "" : hex.trim();
        byte[] key;
        try {
            key = HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw ConfigErrors.SECRET_KEY.error("the secret key from " + origin + " is not a hex string; it must be 64 hex characters (32 bytes)");
        }
        if (key.length != 32) {
            throw ConfigErrors.SECRET_KEY.error("the secret key from " + origin + " has " + h.length()
                    + " hex characters; it must be 64 hex characters (32 bytes)");
        }
        return new Encryptor(key, origin);
    }

    /** Reads the key file named by {@code secret-key-path} (DM's {@code --secret-key-path}). */
    public static Encryptor fromKeyFile(Path path) {
        String content;
        try {
            content = Files.readString(path);
        } catch (IOException e) {
            throw ConfigErrors.SECRET_KEY.wrap(e, "cannot read secret-key-path file `" + path + "`: " + e);
        }
        return fromHex(content, "secret-key-path file `" + path + "`");
    }

    /** The key file when given, else {@value #ENV_KEY}, else the built-in key. */
    public static Encryptor resolve(Path secretKeyPath) {
        return resolve(secretKeyPath, System.getenv());
    }

    static Encryptor resolve(Path secretKeyPath, Map<String, String> env) {
        if (secretKeyPath != null && !secretKeyPath.toString().isEmpty()) {
            return fromKeyFile(secretKeyPath);
        }
        String fromEnv = env.get(ENV_KEY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromHex(fromEnv, "environment variable " + ENV_KEY);
        }
        return builtIn();
    }

    /** What {@code dmctl encrypt <plain>} prints: the password encrypted with the resolved key. */
    public static String encryptForCli(String plain, Path secretKeyPathOrNull) {
        return resolve(secretKeyPathOrNull).encrypt(plain);
    }

    /** Where the key came from, e.g. "built-in key" (never the key itself). */
    public String origin() {
        return origin;
    }

    public boolean isBuiltIn() {
        return origin.equals("built-in key");
    }

    /** Encrypts with a fresh random nonce; the result is base64 text starting with {@code ZG00agEA}. */
    public String encrypt(String plain) {
        Objects.requireNonNull(plain, "plain");
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(MAGIC);
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + nonce.length + sealed.length);
            out.put(MAGIC).put(nonce).put(sealed);
            return Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw ConfigErrors.SECRET_KEY.wrap(e, "cannot encrypt the password: " + e.getMessage());
        }
    }

    /** True when {@code text} carries dm4j's encrypted-password marker. */
    public static boolean looksEncrypted(String text) {
        byte[] raw = base64(text);
        return raw != null && isOurs(raw);
    }

    /**
     * The plain text of an encrypted password; empty when {@code text} is not an encrypted password (then it is
     * a plain one). A value with dm4j's marker that does not decrypt with this key is {@link ConfigErrors#DECRYPT}:
     * using the cipher text as the password would only fail later with a confusing login error.
     */
    public Optional<String> decrypt(String text) {
        byte[] raw = base64(text);
        if (raw == null) {
            return Optional.empty();
        }
        if (isOurs(raw)) {
            return Optional.of(decryptOurs(raw));
        }
        return decryptDmFormat(raw);
    }

    /** The password a configured value stands for: decrypted if encrypted, else the value itself. */
    public Secret toSecret(String configured) {
        if (configured == null || configured.isEmpty()) {
            return Secret.EMPTY;
        }
        return Secret.of(decrypt(configured).orElse(configured));
    }

    private String decryptOurs(byte[] raw) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, raw, MAGIC.length, NONCE_BYTES));
            c.updateAAD(MAGIC);
            int start = MAGIC.length + NONCE_BYTES;
            return new String(c.doFinal(raw, start, raw.length - start), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw ConfigErrors.DECRYPT.error("the password is encrypted (it starts with `ZG00agEA`) but does not decrypt with the "
                    + origin + "; it was encrypted with another secret key");
        } catch (GeneralSecurityException e) {
            throw ConfigErrors.DECRYPT.wrap(e, "cannot decrypt the password: " + e.getMessage());
        }
    }

    /** DM's format has no integrity check, so accept it only when the result is sensible text. */
    private Optional<String> decryptDmFormat(byte[] raw) {
        if (raw.length <= DM_IV_BYTES + 1 || raw[DM_IV_BYTES] != '@') {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(raw, DM_IV_BYTES)));
            byte[] plain = c.doFinal(raw, DM_IV_BYTES + 1, raw.length - DM_IV_BYTES - 1);
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
            return s.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f) ? Optional.of(s) : Optional.empty();
        } catch (CharacterCodingException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean isOurs(byte[] raw) {
        return raw.length >= MAGIC.length + NONCE_BYTES + TAG_BITS / 8
                && Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static byte[] base64(String text) {
        if (text == null || text.length() < 8 || text.length() % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Encryptor(" + origin + ")";
    }
}
