package clusterlab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
    private static final String HEX32 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A file holding {@code text}, mode 600 where modes exist. */
    private Path file(String text) throws IOException {
        Path f = dir.resolve("secret");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        if (posix(f)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
        return f;
    }

    @Test
    void newSecretIsCreatedOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
        assumeTrue(posix(dir), "a POSIX file system");
        Path f = dir.resolve("new-dir").resolve("secret");
        assertEquals(f, Secret.createNew(f, false));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        String text = Files.readString(f);
        assertTrue(text.matches("[0-9a-f]{64}\n"), text);
        Secret.load(f); // and it reads back
    }

    @Test
    void existingFileIsNotOverwrittenWithoutForce() throws IOException {
        Path f = Secret.createNew(dir.resolve("secret"), false);
        String before = Files.readString(f);
        SecretException e = assertThrows(SecretException.class, () -> Secret.createNew(f, false));
        assertEquals("secret file " + f + " already exists: refusing to overwrite it"
                + " (--force replaces it; every node then needs the new copy)", e.getMessage());
        assertEquals(before, Files.readString(f));
    }

    @Test
    void forceReplacesTheFileWithANewOwnerOnlySecret() throws IOException {
        Path f = file(HEX32 + "\n");
        if (posix(f)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Secret.createNew(f, true);
        assertNotEquals(HEX32 + "\n", Files.readString(f));
        if (posix(f)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void twoNewSecretsDiffer() throws IOException {
        Secret a = Secret.load(Secret.createNew(dir.resolve("a"), false));
        Secret b = Secret.load(Secret.createNew(dir.resolve("b"), false));
        assertNotEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void missingFileSaysHowToMakeOne() {
        Path f = dir.resolve("nothing-here");
        SecretException e = assertThrows(SecretException.class, () -> Secret.load(f));
        assertEquals("no secret file " + f + ": create one with `clusterlab secret --new` and copy it to every node,"
                + " or run with --insecure (loopback only)", e.getMessage());
    }

    @Test
    void fileOthersMayReadIsRefusedAsSshWould() throws IOException {
        Path f = file(HEX32);
        assumeTrue(posix(f), "a POSIX file system");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        SecretException e = assertThrows(SecretException.class, () -> Secret.load(f));
        assertEquals("secret file " + f + " is readable by others (mode 644): chmod 600 " + f, e.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        e = assertThrows(SecretException.class, () -> Secret.load(f));
        assertEquals("secret file " + f + " is readable by others (mode 640): chmod 600 " + f, e.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw--w----"));
        e = assertThrows(SecretException.class, () -> Secret.load(f));
        assertEquals("secret file " + f + " is writable by others (mode 620): chmod 600 " + f, e.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        Secret.load(f); // owner read-only is fine
    }

    @Test
    void surroundingWhitespaceIsIgnoredAndCaseDoesNotMatter() throws IOException {
        String fingerprint = Secret.load(file(HEX32)).fingerprint();
        assertEquals(fingerprint, Secret.load(file("  \n" + HEX32 + "\r\n\n")).fingerprint());
        assertEquals(fingerprint, Secret.load(file(HEX32.toUpperCase())).fingerprint());
    }

    @Test
    void contentThatIsNotASecretIsRefusedWithoutShowingIt() throws IOException {
        String expected = ": expected hex text of at least 16 bytes (32 hex digits), as `clusterlab secret --new` writes";
        Path f = file(" \n ");
        assertEquals("secret file " + f + " is empty" + expected,
                assertThrows(SecretException.class, () -> Secret.load(f)).getMessage());
        file("correct horse battery staple and more words");
        assertEquals("secret file " + f + " is not hex (character 2 is not 0-9 or a-f)" + expected,
                assertThrows(SecretException.class, () -> Secret.load(f)).getMessage());
        file(HEX32.substring(0, 32) + " " + HEX32.substring(32));
        assertEquals("secret file " + f + " is not hex (character 33 is not 0-9 or a-f)" + expected,
                assertThrows(SecretException.class, () -> Secret.load(f)).getMessage());
        file(HEX32 + "a");
        assertEquals("secret file " + f + " has an odd number of hex digits (65)" + expected,
                assertThrows(SecretException.class, () -> Secret.load(f)).getMessage());
        file(HEX32.substring(0, 30));
        assertEquals("secret file " + f + " is too short (15 bytes)" + expected,
                assertThrows(SecretException.class, () -> Secret.load(f)).getMessage());
        file(HEX32.substring(0, 32)); // exactly 16 bytes is enough
        Secret.load(f);
    }

    @Test
    void aHugeFileOrADirectoryIsRefusedUnread() throws IOException {
        Path f = file(HEX32.repeat(100));
        assertEquals("secret file " + f + " is 6400 bytes: expected one line of hex, as `clusterlab secret --new` writes",
                assertThrows(SecretException.class, () -> Secret.load(f)).getMessage());
        assertEquals("secret file " + dir + " is not a regular file",
                assertThrows(SecretException.class, () -> Secret.load(dir)).getMessage());
    }

    @Test
    void fingerprintIsTheStartOfTheSecretsSha256() throws Exception {
        Secret s = Secret.load(file(HEX32));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(HEX32));
        assertEquals(HexFormat.of().formatHex(digest).substring(0, 8), s.fingerprint());
        assertEquals(s.fingerprint(), Secret.load(file(HEX32)).fingerprint(), "stable across loads");
    }

    @Test
    void toStringShowsTheFingerprintAndNotTheSecret() throws IOException {
        Secret s = Secret.load(file(HEX32));
        assertEquals("Secret(fingerprint " + s.fingerprint() + ")", s.toString());
        assertFalse(s.toString().contains(HEX32.substring(0, 8)));
    }

    @Test
    void hmacIsHmacSha256OfLengthPrefixedParts() throws Exception {
        Secret s = Secret.load(file(HEX32));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(HEX32), "HmacSHA256"));
        byte[] expected = mac.doFinal(new byte[] {0, 0, 0, 2, 'a', 'b', 0, 0, 0, 1, 'c'});
        assertArrayEquals(expected, s.hmac("ab", "c"));
        assertEquals(HexFormat.of().formatHex(expected), s.hmacHex("ab", "c"));
        assertNotEquals(s.hmacHex("ab", "c"), s.hmacHex("a", "bc"), "parts are not simply joined");
        assertNotEquals(s.hmacHex("ab", "c"), Secret.load(Secret.createNew(dir.resolve("other"), false)).hmacHex("ab", "c"));
    }

    @Test
    void matchesComparesExactlyAndNullMatchesNothing() {
        assertTrue(Secret.matches("abc123", "abc123"));
        assertFalse(Secret.matches("abc123", "abc124"));
        assertFalse(Secret.matches("abc123", "abc1234"));
        assertFalse(Secret.matches("abc123", null));
        assertFalse(Secret.matches(null, null));
    }

    @Test
    void noncesAreFreshAndHaveTheirForm() {
        String a = Secret.nonce();
        String b = Secret.nonce();
        assertTrue(Secret.isNonce(a), a);
        assertNotEquals(a, b);
        assertFalse(Secret.isNonce("0123456789ABCDEF0123456789abcdef"), "upper case is not what nonce() writes");
        assertFalse(Secret.isNonce(a + "0"));
        assertFalse(Secret.isNonce(42));
        assertFalse(Secret.isNonce(null));
    }

    @Test
    void defaultFileIsTheEnvironmentVariableOrUnderHome() {
        String fromEnvironment = System.getenv("CLUSTERLAB_SECRET");
        Path expected = fromEnvironment != null && !fromEnvironment.isBlank()
                ? Path.of(fromEnvironment)
                : Path.of(System.getProperty("user.home"), ".clusterlab", "secret");
        assertEquals(expected, Secret.defaultFile());
    }
}
