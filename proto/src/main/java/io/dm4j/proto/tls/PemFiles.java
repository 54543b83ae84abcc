package io.dm4j.proto.tls;

import io.dm4j.common.errors.RpcErrors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and unencrypted private keys with the JDK alone: PKCS#8 keys of any JDK algorithm and
 * PKCS#1 RSA keys (what {@code openssl genrsa} wrote before OpenSSL 3, common in DM deployments).
 */
public final class PemFiles {
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] PKCS8_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};
    /** DER AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM_ID = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemFiles() {
    }

    public static List<X509Certificate> certificates(Path file, String option) {
        byte[] bytes = read(file, option);
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw RpcErrors.TLS_CONFIG.error(option + " " + file + " contains no PEM certificate");
            }
            return certs;
        } catch (CertificateException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, option + " " + file + " is not a PEM certificate file");
        }
    }

    public static PrivateKey privateKey(Path file, String option) {
        String text = new String(read(file, option), StandardCharsets.US_ASCII);
        Matcher m = KEY_BLOCK.matcher(text);
        if (!m.find()) {
            throw RpcErrors.TLS_CONFIG.error(option + " " + file + " contains no PEM private key block");
        }
        String type = m.group(1);
        String body = m.group(2);
        if (type.startsWith("ENCRYPTED") || body.contains("ENCRYPTED")) {
            throw RpcErrors.TLS_CONFIG.error(option + " " + file + " is encrypted; decrypt it with"
                    + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.replaceAll("(?m)^[A-Za-z-]+:.*$", "").trim());
        } catch (IllegalArgumentException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, option + " " + file + " has a damaged base64 body");
        }
        switch (type) {
            case "PRIVATE KEY":
                return pkcs8(der, file, option);
            case "RSA PRIVATE KEY":
                return pkcs8(rsaPkcs1ToPkcs8(der), file, option);
            default:
                throw RpcErrors.TLS_CONFIG.error(option + " " + file + " holds a '" + type + "' block; convert it"
                        + " with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`");
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path file, String option) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : PKCS8_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw RpcErrors.TLS_CONFIG.error(option + " " + file + " is not a private key of a supported algorithm");
    }

    /** Wraps a PKCS#1 RSAPrivateKey into PKCS#8: SEQUENCE { 0, rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_ID);
        content.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, "cannot read " + option + " file " + file);
        }
    }
}
