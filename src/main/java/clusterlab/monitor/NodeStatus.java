package clusterlab.monitor;

import java.util.List;

/**
 * What a view shows of one node, copied out of the model at one moment so that a view can take its
 * time drawing it while reports keep arriving.
 *
 * @param ip       the node's square
 * @param host     its name, or "" when it did not say
 * @param peer     the address its reports come from
 * @param latest   its newest reading
 * @param silentMillis how long since that reading arrived
 * @param stale    true when it has been silent for three periods: views grey it out
 * @param recent   its last few readings, oldest first (the latest among them)
 * @param min      the lowest temperature in its whole history
 * @param max      the highest temperature in its whole history
 * @param held     readings in its history (at most the history size)
 * @param reports  reports received from it since the head started
 */
public record NodeStatus(String ip, String host, String peer, Reading latest, long silentMillis, boolean stale,
        List<Reading> recent, double min, double max, int held, long reports) {
}
