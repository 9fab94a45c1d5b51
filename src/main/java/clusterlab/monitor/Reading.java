package clusterlab.monitor;

/**
 * One report as the head keeps it: what the node measured and when the head received it.
 *
 * @param temp           degrees Celsius
 * @param load1          load average over a minute, NaN when the node did not say
 * @param memUsedMiB     memory in use, -1 when the node did not say
 * @param memTotalMiB    memory installed, -1 when the node did not say
 * @param receivedMillis when it arrived, milliseconds since 1970 on the head's clock
 */
public record Reading(double temp, double load1, long memUsedMiB, long memTotalMiB, long receivedMillis) {
    static Reading of(Report report, long receivedMillis) {
        return new Reading(report.temp(), report.load1(), report.memUsedMiB(), report.memTotalMiB(), receivedMillis);
    }
}
