package clusterlab.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret every node and client of one cluster holds: random bytes kept as a line of hex
 * in a file only its owner may read, copied to every machine. Peers prove they hold it with an
 * HMAC over fresh nonces (see {@link Handshake}); the secret itself never crosses the network.
 */
public final class Secret {
    /** Bytes in a new secret. */
    public static final int NEW_BYTES = 32;
    /** The shortest secret accepted. */
    public static final int MIN_BYTES = 16;
    /** A secret file is one line of hex: anything bigger is not one, and is not read. */
    private static final long MAX_FILE_BYTES = 4096;
    private static final int NONCE_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final byte[] key;
    private final String fingerprint;

    private Secret(byte[] key) {
        this.key = key;
        this.fingerprint = HEX.formatHex(sha256(key)).substring(0, 8);
    }

    /** {@code $CLUSTERLAB_SECRET} when it is set, else {@code ~/.clusterlab/secret}. */
    public static Path defaultFile() {
        String fromEnvironment = System.getenv("CLUSTERLAB_SECRET");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".clusterlab", "secret");
    }

    /**
     * Reads a secret file: hex text of at least {@link #MIN_BYTES} bytes, whitespace around it
     * ignored. Like ssh with a private key, refuses a file that other users may read or write.
     *
     * @throws SecretException with a one-line message when the file is missing, open to others,
     *         or does not hold a secret
     */
    public static Secret load(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SecretException("no secret file " + file + ": create one with `clusterlab secret --new`"
                    + " and copy it to every node, or run with --insecure (loopback only)");
        }
        if (!attributes.isRegularFile()) {
            throw new SecretException("secret file " + file + " is not a regular file");
        }
        refuseIfOpenToOthers(file);
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new SecretException("secret file " + file + " is " + attributes.size()
                    + " bytes: expected one line of hex, as `clusterlab secret --new` writes");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
        return new Secret(parseHex(text, file));
    }

    private static void refuseIfOpenToOthers(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // not a POSIX file system (Windows): it has no mode bits to check
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        Set<PosixFilePermission> open = EnumSet.copyOf(OPEN_TO_OTHERS);
        open.retainAll(permissions);
        if (!open.isEmpty()) {
            boolean readable = open.contains(PosixFilePermission.GROUP_READ) || open.contains(PosixFilePermission.OTHERS_READ);
            throw new SecretException("secret file " + file + " is " + (readable ? "readable" : "writable")
                    + " by others (mode " + octal(permissions) + "): chmod 600 " + file);
        }
    }

    /** The mode as ls and chmod write it, e.g. 644. */
    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : PosixFilePermission.values()) {
            mode <<= 1;
            if (permissions.contains(p)) {
                mode |= 1; // values() runs from OWNER_READ down to OTHERS_EXECUTE, the bits' order
            }
        }
        return Integer.toOctalString(mode);
    }

    /** The bytes of a secret's hex text; the message never shows the text, which may be secret. */
    private static byte[] parseHex(String text, Path file) throws SecretException {
        String expected = "expected hex text of at least " + MIN_BYTES + " bytes (" + 2 * MIN_BYTES
                + " hex digits), as `clusterlab secret --new` writes";
        if (text.isEmpty()) {
            throw new SecretException("secret file " + file + " is empty: " + expected);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLowerHex(Character.toLowerCase(c))) {
                throw new SecretException("secret file " + file + " is not hex (character " + (i + 1)
                        + " is not 0-9 or a-f): " + expected);
            }
        }
        if (text.length() % 2 != 0) {
            throw new SecretException("secret file " + file + " has an odd number of hex digits ("
                    + text.length() + "): " + expected);
        }
        if (text.length() < 2 * MIN_BYTES) {
            throw new SecretException("secret file " + file + " is too short (" + text.length() / 2
                    + " bytes): " + expected);
        }
        return HEX.parseHex(text);
    }

    /**
     * Writes a new secret of {@link #NEW_BYTES} random bytes to {@code file}, as hex and a newline.
     * The file is created with mode 600 from the start, never written first and restricted after;
     * a missing parent directory is created with mode 700.
     *
     * @param force replace an existing file (every node then needs the new copy)
     * @return the file
     * @throws SecretException if the file exists and {@code force} is false
     */
    public static Path createNew(Path file, boolean force) throws IOException {
        byte[] text = (HEX.formatHex(randomBytes(NEW_BYTES)) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, posix ? mode("rwx------") : new FileAttribute<?>[0]);
        }
        FileAttribute<?>[] ownerOnly = posix ? mode("rw-------") : new FileAttribute<?>[0];
        if (force) {
            // Written beside the target, then renamed over it: a reader sees the old file or the new one.
            Path temp = Files.createTempFile(parent, ".secret-", ".tmp", ownerOnly);
            try {
                write(temp, text, EnumSet.of(StandardOpenOption.WRITE));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } else {
            try {
                write(file, text, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly);
            } catch (FileAlreadyExistsException e) {
                throw new SecretException("secret file " + file + " already exists: refusing to overwrite it"
                        + " (--force replaces it; every node then needs the new copy)");
            }
        }
        return file;
    }

    private static FileAttribute<?>[] mode(String permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    private static void write(Path file, byte[] data, Set<StandardOpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        try (SeekableByteChannel out = Files.newByteChannel(file, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    /**
     * HMAC-SHA256 keyed with the secret over the parts. Each part goes in as its UTF-8 bytes after
     * their 4-byte length, so that ("ab", "c") and ("a", "bc") give different codes.
     */
    public byte[] hmac(String... parts) {
        Mac mac;
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute " + ALGORITHM, e);
        }
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            mac.update(bytes);
        }
        return mac.doFinal();
    }

    /** {@link #hmac} as lowercase hex, the form proofs take on the wire. */
    public String hmacHex(String... parts) {
        return HEX.formatHex(hmac(parts));
    }

    /**
     * The first 8 hex digits of the secret's SHA-256: two machines showing the same fingerprint
     * hold the same secret, and the fingerprint does not give the secret away.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** Compares two proofs in time that does not depend on where they differ. Null matches nothing. */
    public static boolean matches(String hexA, String hexB) {
        if (hexA == null || hexB == null) {
            return false;
        }
        return MessageDigest.isEqual(hexA.getBytes(StandardCharsets.UTF_8), hexB.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh nonce: 16 random bytes as 32 lowercase hex digits. */
    public static String nonce() {
        return HEX.formatHex(randomBytes(NONCE_BYTES));
    }

    /** Whether a value received from a peer has the form of {@link #nonce()}. */
    public static boolean isNonce(Object value) {
        return value instanceof String s && s.length() == 2 * NONCE_BYTES && s.chars().allMatch(Secret::isLowerHex);
    }

    private static boolean isLowerHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute SHA-256", e);
        }
    }

    /** Names the fingerprint only: a secret must not end up in a log by way of toString. */
    @Override
    public String toString() {
        return "Secret(fingerprint " + fingerprint + ")";
    }
}
