package clusterlab.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.cluster.HostList;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** mpirun with real processes on this machine. */
@Timeout(60)
class MpirunTest {
    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.lines().sorted().toList();
        }
    }

    static Result mpirun(String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MpirunCommand command = new MpirunCommand();
        int status = command.run(command.options().parse(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void powersWorksOnOneToFiveRanks() throws Exception {
        for (int np = 1; np <= 5; np++) {
            Result r = mpirun("--np", String.valueOf(np), "--timeout", "30s", "powers");
            assertEquals(0, r.status(), r.err());
            List<String> expected = new ArrayList<>();
            for (int p = 1; p <= np; p++) {
                StringBuilder row = new StringBuilder();
                for (int n = 1; n <= 6; n++) {
                    row.append(n == 1 ? "" : ", ").append((long) Math.pow(n, p));
                }
                expected.add("[rank 0] gathered power " + p + ": [" + row + "]");
                if (p > 1) {
                    expected.add("[rank " + (p - 1) + "] rank " + (p - 1) + " received " + np + " rows; mine is \"power "
                            + p + ": [" + row + "]\"");
                }
            }
            expected.sort(null);
            assertEquals(expected, r.lines());
        }
    }

    @Test
    void helloAndPiPrintWithRankPrefixes() throws Exception {
        Result hello = mpirun("--np", "3", "hello");
        assertEquals(0, hello.status(), hello.err());
        List<String> lines = hello.lines();
        assertEquals(3, lines.size(), hello.out());
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(lines.get(rank).matches("\\[rank " + rank + "] hello from rank " + rank + " of 3 on .+, pid \\d+"),
                    lines.get(rank));
        }
        Result pi = mpirun("--np", "2", "pi", "1000");
        assertTrue(pi.out().matches("\\[rank 0] pi is about 3\\.14159\\d+ \\(error .+\\) from 1000 intervals on 2 ranks\\R"), pi.out());
    }

    @Test
    void aFailingRankStopsTheOthersAndIsNamed() throws Exception {
        String classes = Path.of(FailingProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Result r = mpirun("--np", "3", "--classpath", classes, "--timeout", "30s", FailingProgram.class.getName());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("[rank 1] rank 1 failed: java.lang.IllegalStateException: boom"), r.err());
        assertTrue(r.err().contains("clusterlab mpirun: rank 1 failed with exit status 1"
                + " (rank 1 failed: java.lang.IllegalStateException: boom); stopped the other 2 ranks"), r.err());
    }

    @Test
    void anUnknownProgramIsReported() throws Exception {
        Result r = mpirun("--np", "1", "no.such.Program");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no program 'no.such.Program'"), r.err());
    }

    @Test
    void ranksFillEachHostsSlotsInTurnAndSshGetsAQuotedCommand() throws Exception {
        List<HostList.Host> hosts = List.of(new HostList.Host("pi", "10.77.0.2", 2), new HostList.Host(null, "10.77.0.3", 1));
        assertEquals(List.of("pi@10.77.0.2", "pi@10.77.0.2", "10.77.0.3"), MpirunCommand.place(hosts, 3));
        assertEquals(List.of("ssh", "-F", "cfg", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "10.77.0.3",
                        "exec env CLUSTERLAB_MPI_RANK='2' java -cp ~/clusterlab/clusterlab.jar clusterlab.mpi.RankMain 'pi' 'it'\\''s'"),
                MpirunCommand.sshCommand("10.77.0.3", "cfg", null, Map.of(Comm.ENV_RANK, "2"), List.of("pi", "it's")));
    }
}
