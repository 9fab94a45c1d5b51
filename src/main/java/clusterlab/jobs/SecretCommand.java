package clusterlab.jobs;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.wire.Secret;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * `clusterlab secret`: makes the shared-secret file nodes and clients prove to each other, or shows
 * its fingerprint, so that a teacher can check two machines hold the same secret without showing it.
 */
public final class SecretCommand implements Command {
    static final String NAME = "secret";

    @Override
    public Options options() {
        return new Options(NAME, "Create the shared secret of a cluster's nodes, or show its fingerprint.")
                .flag("new", "create a new random secret (refuses to replace an existing file without --force)")
                .flag("force", "with --new: replace the existing file; every node then needs the new copy")
                .value("file", "F", Secret.defaultFile().toString(), "the secret file; $CLUSTERLAB_SECRET sets the default")
                .flag("show-fingerprint", "print the file's fingerprint (what runs without --new)");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path file = file(args);
        if (args.flag("force") && !args.flag("new")) {
            throw new UsageException("clusterlab " + NAME + ": --force only goes with --new");
        }
        if (args.flag("new")) {
            Secret.createNew(file, args.flag("force"));
            out.println("created " + file + " (mode 600, fingerprint " + Secret.load(file).fingerprint()
                    + "); copy it to every node, e.g. scripts/deploy.sh --secret");
        } else {
            out.println("secret " + file + ": fingerprint " + Secret.load(file).fingerprint());
        }
        return 0;
    }

    private static Path file(Args args) throws UsageException {
        String text = args.string("file");
        if (text.isBlank()) {
            throw new UsageException("clusterlab " + NAME + ": --file must name a file, not '" + text + "'");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException("clusterlab " + NAME + ": --file " + text + " is not a valid path: " + e.getReason());
        }
    }
}
