package clusterlab.cluster;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another JVM on this machine with the clusterlab classes: this JVM's
 * own java, and a class path of the caller's extra entries, the clusterlab jar (or a build's class
 * directory) and this JVM's class path. mpirun's local ranks and the job server's worker processes
 * start this way, so a child runs whatever code its parent runs, from a jar or from a build.
 */
public final class LocalJava {
    private LocalJava() {
    }

    /**
     * {@code java [jvmOptions] -cp PATH mainClass [args]}.
     *
     * @param extraClasspath entries put first on the class path, or null
     */
    public static List<String> command(String extraClasspath, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> path = new ArrayList<>();
        if (extraClasspath != null) {
            path.add(extraClasspath);
        }
        path.add(clusterlabClasses().toString());
        path.add(System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, path), mainClass));
        command.addAll(args);
        return command;
    }

    /** The jar or directory the clusterlab classes were loaded from. */
    static Path clusterlabClasses() {
        try {
            return Path.of(LocalJava.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the clusterlab classes are: " + e.getMessage(), e);
        }
    }
}
