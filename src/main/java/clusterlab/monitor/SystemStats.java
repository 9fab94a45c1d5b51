package clusterlab.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The other figures an agent reports: load average over a minute, and memory in use and installed.
 * Memory comes from /proc/meminfo where there is one (in use = MemTotal - MemAvailable, which does
 * not count the disk cache the kernel gives back on demand), else from the JVM's view of the system.
 */
final class SystemStats {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private SystemStats() {
    }

    /** Load average over the last minute, or NaN where the system does not tell. */
    static double load1() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : Math.round(load * 100) / 100.0;
    }

    /** {used, total} in MiB, or {-1, -1} when unknown. */
    static long[] memoryMiB() {
        try {
            long total = -1;
            long available = -1;
            for (String line : Files.readAllLines(MEMINFO)) {
                String[] parts = line.split("\\s+");
                if (parts[0].equals("MemTotal:")) {
                    total = Long.parseLong(parts[1]) / 1024;
                } else if (parts[0].equals("MemAvailable:")) {
                    available = Long.parseLong(parts[1]) / 1024;
                }
            }
            if (total >= 0 && available >= 0) {
                return new long[] {total - available, total};
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through to the JVM's figures
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize() >> 20;
            return new long[] {total - (os.getFreeMemorySize() >> 20), total};
        }
        return new long[] {-1, -1};
    }
}
