package io.github.imagejgan.interop.bioimageio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 checksums as bioimage.io writes them: 64 lower-case hexadecimal digits. */
final class Sha256 {

    private Sha256() {
    }

    static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** True if {@code declared} (any case) is the checksum of {@code bytes}. */
    static boolean matches(String declared, byte[] bytes) {
        return declared != null && declared.strip().equalsIgnoreCase(hex(bytes));
    }
}
