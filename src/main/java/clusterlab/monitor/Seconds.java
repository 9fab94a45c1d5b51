package clusterlab.monitor;

import java.time.Duration;

/** Durations in log lines and messages, as people write them: "15 s", "0.3 s". */
final class Seconds {
    private Seconds() {
    }

    static String of(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
