package clusterlab.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's name, as the programs show it beside a process id. Looking it up fails on a
 * machine whose own name is missing from /etc/hosts (a Pi whose name was changed by hand, say);
 * that must not stop a worker, so each caller names what to show instead.
 */
public final class HostName {
    private HostName() {
    }

    public static String localOr(String fallback) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fallback;
        }
    }
}
