package clusterlab.monitor;

import java.util.List;

/**
 * What every view draws, taken from the model at one moment: the nodes in address order, the grid
 * they are laid out in, and the totals for a title line.
 *
 * @param silent how many of the nodes are stale
 */
public record GridState(List<NodeStatus> nodes, GridLayout layout, int silent, long reports, long rejected) {
    /**
     * The model as it is now.
     *
     * @param expected lay the grid out for at least this many nodes (the whole lab, say), so that it
     *                 keeps its shape as nodes join; 0 sizes it to the nodes heard so far
     */
    public static GridState of(MonitorModel model, int expected) {
        List<NodeStatus> nodes = model.nodes();
        int silent = (int) nodes.stream().filter(NodeStatus::stale).count();
        return new GridState(nodes, GridLayout.forNodes(Math.max(expected, nodes.size())), silent, model.reports(), model.rejected());
    }

    /** "3 nodes (1 silent), 42 reports, 0 rejected" */
    public String title() {
        return nodes.size() + (nodes.size() == 1 ? " node" : " nodes") + (silent > 0 ? " (" + silent + " silent)" : "")
                + ", " + reports + (reports == 1 ? " report" : " reports") + ", " + rejected + " rejected";
    }
}
