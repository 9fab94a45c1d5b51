package lesson07;

/**
 * (a) The proof a node and a job server exchange. hex(key, message) is HMAC-SHA256 of the message's
 * UTF-8 bytes under the key, as 64 lowercase hex digits (javax.crypto.Mac, algorithm "HmacSHA256").
 * sameProof(a, b) compares two proofs in constant time: its running time must not depend on where
 * they first differ, or an attacker could guess a proof one digit at a time
 * (java.security.MessageDigest.isEqual does this for byte arrays). Null is never the same proof.
 */
public final class Hmac {
    private Hmac() {
    }

    public static String hex(byte[] key, String message) {
        return ""; // your code here
    }

    public static boolean sameProof(String a, String b) {
        return a.equals(b); // String.equals stops at the first difference: replace it
    }
}
