package lesson07;

import java.util.Map;

/**
 * (c) Static load balancing, to compare with the job server's dynamic kind. Split {@code jobs}
 * jobs between nodes in proportion to their worker counts, in whole jobs: each node first gets
 * floor(jobs * workers / total); the jobs left over go one each to the nodes with the largest
 * remainders (ties: the node that comes first in the map). Return a map in the same order with
 * every node, even those that get 0. A node with 0 workers gets 0 jobs; if no node has workers,
 * throw IllegalArgumentException.
 */
public final class Share {
    private Share() {
    }

    public static Map<String, Integer> split(Map<String, Integer> workers, int jobs) {
        return Map.of(); // your code here
    }
}
