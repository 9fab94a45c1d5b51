package clusterlab.mpi;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.cluster.HostList;
import clusterlab.cluster.LocalJava;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * `clusterlab mpirun -np N PROGRAM [ARG...]`: starts N ranks of an MPI program, as local processes
 * or over ssh on the hosts given, and waits for them all.
 */
public final class MpirunCommand implements Command {
    /** Where scripts/deploy.sh puts the jar on every node. */
    static final String REMOTE_JAR = "~/clusterlab/clusterlab.jar";
    private static final Pattern HOST = Pattern.compile("([a-z_][a-z0-9_-]*@)?[A-Za-z0-9.-]+");

    @Override
    public Options options() {
        return new Options("mpirun", "Run an MPI program: N ranks that talk with clusterlab.mpi.Comm, here or on the cluster's hosts.")
                .value("np", "N", null, "how many ranks (default: one per host slot; required without hosts)")
                .value("host", "A,B,...", null, "run the ranks on these hosts over ssh, in order; a host listed twice takes two ranks")
                .value("hostfile", "FILE", null, "run the ranks on the hosts of a host list such as pi_list.txt (slots=N takes N ranks)")
                .value("classpath", "PATH", null, "where PROGRAM's classes are, besides the clusterlab jar (on the hosts: a path there)")
                .value("ssh-config", "FILE", null, "ssh configuration to use (ssh -F FILE)")
                .value("head-address", "ADDRESS", null, "this machine's address as the hosts reach it (default: the interface that reaches the first host)")
                .value("timeout", "DURATION", "1h", "stop every rank after this long; 0 for no limit")
                .value("warn", "DURATION", "10s", "a receive waiting this long prints what it waits for")
                .operands("PROGRAM [ARG...]", Integer.MAX_VALUE, "a class with public static void main(String[]) that uses Comm.world(),"
                        + " or a built-in: hello, powers, pi [INTERVALS], pingpong, life [LIFE OPTIONS]")
                .firstOperandEndsOptions();
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.operands().isEmpty()) {
            throw new UsageException("clusterlab mpirun: PROGRAM is missing (see clusterlab mpirun --help)");
        }
        List<HostList.Host> hosts = hosts(args);
        int np;
        if (args.string("np") != null) {
            np = args.integer("np", 1, 1024);
        } else if (hosts != null) {
            np = hosts.stream().mapToInt(HostList.Host::slots).sum();
        } else {
            throw new UsageException("clusterlab mpirun: --np N is required when no hosts are given");
        }
        List<String> placement = hosts == null ? null : place(hosts, np);
        InetAddress head = hosts == null ? InetAddress.getLoopbackAddress() : headAddress(args, hosts.get(0).host());
        long warnMillis = args.duration("warn").toMillis();
        Duration timeout = args.duration("timeout");

        try (Rendezvous rendezvous = Rendezvous.start(head, np, timeout.isZero() ? 600_000 : timeout.toMillis())) {
            InetSocketAddress at = rendezvous.address();
            List<Job.Launch> launches = new ArrayList<>();
            for (int rank = 0; rank < np; rank++) {
                Map<String, String> env = new LinkedHashMap<>();
                env.put(Comm.ENV_RANK, String.valueOf(rank));
                env.put(Comm.ENV_SIZE, String.valueOf(np));
                env.put(Comm.ENV_RENDEZVOUS, at.getHostString() + ":" + at.getPort());
                env.put(Comm.ENV_WARN, warnMillis + "ms");
                launches.add(placement == null
                        ? new Job.Launch(rank, localCommand(args.string("classpath"), args.operands()), env)
                        : new Job.Launch(rank, sshCommand(placement.get(rank), args.string("ssh-config"), args.string("classpath"),
                                env, args.operands()), Map.of()));
            }
            return new Job(launches, out, err, timeout).run();
        }
    }

    /** The hosts of --host or --hostfile, or null to run locally. */
    private static List<HostList.Host> hosts(Args args) throws Exception {
        if (args.string("host") != null && args.string("hostfile") != null) {
            throw new UsageException("clusterlab mpirun: give --host or --hostfile, not both");
        }
        if (args.string("hostfile") != null) {
            try {
                List<HostList.Host> hosts = HostList.read(Path.of(args.string("hostfile")));
                if (hosts.isEmpty()) {
                    throw new UsageException("clusterlab mpirun: " + args.string("hostfile") + " lists no hosts");
                }
                return hosts;
            } catch (HostList.Error e) {
                throw new UsageException("clusterlab mpirun: " + e.getMessage());
            }
        }
        if (args.string("host") == null) {
            return null;
        }
        Map<String, HostList.Host> hosts = new LinkedHashMap<>();
        for (String target : args.string("host").split(",")) {
            if (!HOST.matcher(target).matches()) {
                throw new UsageException("clusterlab mpirun: --host must be a comma-separated list of [user@]host, not '" + target + "'");
            }
            int at = target.indexOf('@');
            HostList.Host host = new HostList.Host(at < 0 ? null : target.substring(0, at), target.substring(at + 1), 1);
            hosts.merge(target, host, (a, b) -> new HostList.Host(a.user(), a.host(), a.slots() + 1));
        }
        return new ArrayList<>(hosts.values());
    }

    /** Rank r's ssh target: the first host's slots take the first ranks, and so on. */
    static List<String> place(List<HostList.Host> hosts, int np) throws UsageException {
        List<String> targets = new ArrayList<>();
        for (HostList.Host host : hosts) {
            for (int slot = 0; slot < host.slots() && targets.size() < np; slot++) {
                targets.add(host.target());
            }
        }
        if (targets.size() < np) {
            throw new UsageException("clusterlab mpirun: --np " + np + " but the hosts have only " + targets.size()
                    + " slots; list a host again or give it slots=N");
        }
        return targets;
    }

    /** The address of the interface that reaches {@code firstHost}: connecting a UDP socket sends nothing. */
    private static InetAddress headAddress(Args args, String firstHost) throws UsageException {
        String given = args.string("head-address");
        try {
            if (given != null) {
                return InetAddress.getByName(given);
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(InetAddress.getByName(firstHost), 22);
                InetAddress local = probe.getLocalAddress();
                if (local.isAnyLocalAddress()) {
                    throw new SocketException("no route");
                }
                return local;
            }
        } catch (UnknownHostException | SocketException e) {
            throw new UsageException("clusterlab mpirun: cannot find this machine's address as " + firstHost
                    + " sees it (" + e.getMessage() + "); give --head-address ADDRESS");
        }
    }

    /** This JVM's java, with the program's classpath, the clusterlab classes (a jar or a build's directory) and this JVM's classpath. */
    static List<String> localCommand(String classpath, List<String> program) {
        return LocalJava.command(classpath, List.of(), RankMain.class.getName(), program);
    }

    /** ssh to the node, and there: env RANK=... java -cp ~/clusterlab/clusterlab.jar clusterlab.mpi.RankMain PROGRAM ... */
    static List<String> sshCommand(String target, String sshConfig, String classpath, Map<String, String> env, List<String> program) {
        List<String> command = new ArrayList<>(List.of("ssh"));
        if (sshConfig != null) {
            command.addAll(List.of("-F", sshConfig));
        }
        command.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=10", target));
        // ssh hands the remote shell one string: quote every word we did not write ourselves.
        StringBuilder remote = new StringBuilder("exec env");
        env.forEach((name, value) -> remote.append(' ').append(name).append('=').append(quote(value)));
        remote.append(" java -cp ").append(REMOTE_JAR).append(classpath == null ? "" : ":" + quote(classpath))
                .append(' ').append(RankMain.class.getName());
        for (String word : program) {
            remote.append(' ').append(quote(word));
        }
        command.add(remote.toString());
        return command;
    }

    /** A word for a POSIX shell, in single quotes ('it'\''s'). */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
