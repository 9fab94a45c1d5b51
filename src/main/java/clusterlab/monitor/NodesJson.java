package clusterlab.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid as JSON, for the web page and any other program: what {@code /api/nodes} answers.
 * <pre>
 * {"title": "3 nodes, 42 reports, 0 rejected", "rows": 1, "cols": 3, "period": 5.0, "staleAfter": 15.0,
 *  "reports": 42, "rejected": 0, "scale": [{"temp": 40, "colour": "#0000ff"}, ...],
 *  "nodes": [{"ip": "10.0.0.1", "host": "pi-1", "peer": "127.0.0.1", "row": 0, "col": 0,
 *             "temp": 51.2, "colour": "#a3ff00", "text": "#000000", "stale": false, "silentSeconds": 1.2,
 *             "load1": 0.42, "memUsedMiB": 312, "memTotalMiB": 3794, "recent": [50.9, 51.2],
 *             "min": 48.3, "max": 55.0, "reports": 14, "describe": "10.0.0.1 (pi-1)\n..."}],
 *  "log": ["12:03:04 new node 10.0.0.1 (pi-1) from 127.0.0.1"]}
 * </pre>
 * Colours are the views' own ({@link TemperatureScale}), so the page needs no scale of its own;
 * {@code load1} and the memory figures are null when the node did not send them.
 */
public final class NodesJson {
    private static final int LOG_LINES = 5;

    private NodesJson() {
    }

    public static Map<String, Object> of(GridState state, MonitorModel model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", state.title());
        json.put("rows", state.layout().rows());
        json.put("cols", state.layout().cols());
        json.put("period", model.period().toMillis() / 1000.0);
        json.put("staleAfter", model.staleAfter().toMillis() / 1000.0);
        json.put("reports", state.reports());
        json.put("rejected", state.rejected());
        List<Object> scale = new ArrayList<>();
        for (double t = TemperatureScale.COLDEST; t <= TemperatureScale.HOTTEST; t += 10) {
            Map<String, Object> anchor = new LinkedHashMap<>();
            anchor.put("temp", t);
            anchor.put("colour", TemperatureScale.hex(TemperatureScale.rgb(t)));
            scale.add(anchor);
        }
        json.put("scale", scale);
        List<Object> nodes = new ArrayList<>();
        for (int i = 0; i < state.nodes().size(); i++) {
            nodes.add(node(state.nodes().get(i), state.layout().row(i), state.layout().col(i)));
        }
        json.put("nodes", nodes);
        json.put("log", model.log().last(LOG_LINES));
        return json;
    }

    private static Map<String, Object> node(NodeStatus node, int row, int col) {
        Reading r = node.latest();
        int colour = TemperatureScale.of(node);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ip", node.ip());
        json.put("host", node.host());
        json.put("peer", node.peer());
        json.put("row", row);
        json.put("col", col);
        json.put("temp", r.temp());
        json.put("colour", TemperatureScale.hex(colour));
        json.put("text", TemperatureScale.hex(TemperatureScale.textOn(colour)));
        json.put("stale", node.stale());
        json.put("silentSeconds", node.silentMillis() / 1000.0);
        json.put("load1", Double.isNaN(r.load1()) ? null : r.load1());
        json.put("memUsedMiB", r.memUsedMiB() < 0 ? null : r.memUsedMiB());
        json.put("memTotalMiB", r.memTotalMiB() < 0 ? null : r.memTotalMiB());
        json.put("recent", node.recent().stream().map(Reading::temp).toList());
        json.put("min", node.min());
        json.put("max", node.max());
        json.put("reports", node.reports());
        json.put("describe", NodeText.describe(node));
        return json;
    }
}
