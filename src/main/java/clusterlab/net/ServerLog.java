package clusterlab.net;

import java.net.SocketAddress;

/** The line both servers print when a connection ends, so their logs read alike. */
final class ServerLog {
    private ServerLog() {
    }

    /** @param reason why the server ended the connection, or null when the client left */
    static String ending(SocketAddress peer, long frames, String reason) {
        String line = (reason == null ? "left: " : "dropped: ") + peer + " after " + frames
                + (frames == 1 ? " frame" : " frames");
        return reason == null ? line : line + " (" + reason + ")";
    }
}
