package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterlab.CommandLine;
import clusterlab.wire.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandTest {
    private final CommandLine cli = new CommandLine();

    @TempDir
    Path dir;

    @Test
    void newCreatesTheFileAndShowsItsFingerprint() throws Exception {
        Path f = dir.resolve("keys").resolve("secret");
        assertEquals(0, cli.run("secret", "--new", "--file", f.toString()), cli.err());
        String fingerprint = Secret.load(f).fingerprint();
        assertEquals("created " + f + " (mode 600, fingerprint " + fingerprint
                + "); copy it to every node, e.g. scripts/deploy.sh --secret\n", cli.out());
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        cli.reset();
        assertEquals(0, cli.run("secret", "--file", f.toString()));
        assertEquals("secret " + f + ": fingerprint " + fingerprint + "\n", cli.out());
        cli.reset();
        assertEquals(0, cli.run("secret", "--show-fingerprint", "--file=" + f));
        assertEquals("secret " + f + ": fingerprint " + fingerprint + "\n", cli.out());
    }

    @Test
    void newRefusesToReplaceAFileUnlessForced() throws Exception {
        Path f = dir.resolve("secret");
        assertEquals(0, cli.run("secret", "--new", "--file", f.toString()));
        String before = Files.readString(f);
        cli.reset();
        assertEquals(1, cli.run("secret", "--new", "--file", f.toString()));
        assertEquals("clusterlab secret: secret file " + f + " already exists: refusing to overwrite it"
                + " (--force replaces it; every node then needs the new copy)\n", cli.err());
        assertEquals(before, Files.readString(f));
        cli.reset();
        assertEquals(0, cli.run("secret", "--new", "--force", "--file", f.toString()), cli.err());
        assertNotEquals(before, Files.readString(f), "a new secret");
    }

    @Test
    void missingFileIsOneLineSayingHowToMakeOne() {
        Path f = dir.resolve("none");
        assertEquals(1, cli.run("secret", "--file", f.toString()));
        assertEquals("clusterlab secret: no secret file " + f + ": create one with `clusterlab secret --new`"
                + " and copy it to every node, or run with --insecure (loopback only)\n", cli.err());
    }

    @Test
    void fileOthersCanReadIsRefused() throws Exception {
        Path f = dir.resolve("secret");
        assertEquals(0, cli.run("secret", "--new", "--file", f.toString()));
        assumeTrue(f.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        cli.reset();
        assertEquals(1, cli.run("secret", "--file", f.toString()));
        assertEquals("clusterlab secret: secret file " + f + " is readable by others (mode 644): chmod 600 " + f + "\n", cli.err());
    }

    @Test
    void usageMistakesAreOneLineAndStatus2() {
        assertEquals(2, cli.run("secret", "--force", "--file", dir.resolve("s").toString()));
        assertEquals("clusterlab secret: --force only goes with --new\n", cli.err());
        cli.reset();
        assertEquals(2, cli.run("secret", "--file", ""));
        assertEquals("clusterlab secret: --file must name a file, not ''\n", cli.err());
        cli.reset();
        assertEquals(2, cli.run("secret", "--file"));
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().contains("option --file needs a value F"), cli.err());
        cli.reset();
        assertEquals(2, cli.run("secret", "--file", "a\0b"));
        assertTrue(cli.err().startsWith("clusterlab secret: --file a\0b is not a valid path"), cli.err());
        assertTrue(Files.notExists(dir.resolve("s")));
    }

    @Test
    void helpNamesTheOptionsAndTheCommandIsListed() {
        assertEquals(0, cli.run("secret", "--help"));
        for (String option : new String[] {"--new", "--force", "--file F", "--show-fingerprint"}) {
            assertTrue(cli.out().contains(option), option + " missing from:\n" + cli.out());
        }
        cli.reset();
        assertEquals(0, cli.run());
        assertTrue(cli.out().contains("\n  secret "), cli.out());
    }
}
