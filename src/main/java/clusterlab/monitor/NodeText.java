package clusterlab.monitor;

import java.util.Locale;
import java.util.StringJoiner;

/** A node described in words, for a tooltip or a detail line: what it reports and its recent history. */
public final class NodeText {
    private NodeText() {
    }

    /** "51.2 C" */
    public static String celsius(double temp) {
        return String.format(Locale.ROOT, "%.1f C", temp);
    }

    /** One line per fact, plain text. */
    public static String describe(NodeStatus node) {
        Reading r = node.latest();
        StringBuilder s = new StringBuilder();
        s.append(node.ip()).append(node.host().isEmpty() ? "" : " (" + node.host() + ")");
        s.append(node.peer().equals(node.ip()) ? "" : ", reported from " + node.peer()).append('\n');
        s.append(celsius(r.temp())).append(", heard ").append(ago(node.silentMillis()))
                .append(node.stale() ? " (silent: greyed out)" : "").append('\n');
        if (!Double.isNaN(r.load1())) {
            s.append(String.format(Locale.ROOT, "load %.2f", r.load1()));
        }
        if (r.memTotalMiB() >= 0) {
            s.append(Double.isNaN(r.load1()) ? "" : ", ").append("memory ")
                    .append(r.memUsedMiB() < 0 ? "?" : String.valueOf(r.memUsedMiB())).append(" of ").append(r.memTotalMiB()).append(" MiB");
        }
        if (!Double.isNaN(r.load1()) || r.memTotalMiB() >= 0) {
            s.append('\n');
        }
        StringJoiner recent = new StringJoiner(" ");
        node.recent().forEach(reading -> recent.add(String.format(Locale.ROOT, "%.1f", reading.temp())));
        s.append("last ").append(node.recent().size()).append(": ").append(recent).append('\n');
        s.append(String.format(Locale.ROOT, "lowest %.1f, highest %.1f over the last %d readings (%d reports in all)",
                node.min(), node.max(), node.held(), node.reports()));
        return s.toString();
    }

    /** {@link #describe} as HTML for a Swing tooltip. */
    public static String html(NodeStatus node) {
        String text = describe(node).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<html>" + text.replace("\n", "<br>") + "</html>";
    }

    /** "3 s ago", "2 min ago" */
    static String ago(long millis) {
        long s = millis / 1000;
        return s < 120 ? s + " s ago" : s / 60 + " min ago";
    }
}
