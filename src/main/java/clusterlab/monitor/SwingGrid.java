package clusterlab.monitor;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.ToolTipManager;
import javax.swing.WindowConstants;

/**
 * The grid in a Swing window, as the article's head showed it, redrawn from the model every second.
 * Resting the mouse on a square shows that node's recent history. Swing is only touched on its
 * event thread: the window is built there, and a Swing timer (which fires there) does the redrawing.
 */
public final class SwingGrid {
    private static final int REFRESH_MILLIS = 1000;
    /** The window's largest size at first; the grid is scaled down to fit it. */
    private static final Dimension LARGEST = new Dimension(1400, 900);

    private final MonitorModel model;
    private final int expected;
    private final Canvas canvas = new Canvas();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Created and used only on Swing's event thread. */
    private JFrame frame;
    private Timer timer;

    /** True when there is a screen to open a window on (not a headless JVM or a session without DISPLAY). */
    public static boolean available() {
        return !GraphicsEnvironment.isHeadless();
    }

    /**
     * Opens the window.
     *
     * @param expected lay the grid out for at least this many nodes, as {@link GridState#of} does
     */
    public SwingGrid(MonitorModel model, int expected) throws Exception {
        if (!available()) {
            throw new IllegalStateException("there is no display to open a window on");
        }
        this.model = model;
        this.expected = expected;
        SwingUtilities.invokeAndWait(() -> {
            frame = new JFrame("clusterlab monitor");
            canvas.setToolTipText(""); // registers with the tooltip manager; the text depends on the square
            ToolTipManager.sharedInstance().setDismissDelay(60_000);
            frame.add(canvas);
            frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            frame.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    timer.stop();
                    closed.countDown();
                }
            });
            refresh();
            frame.pack();
            frame.setLocationByPlatform(true);
            frame.setVisible(true);
            timer = new Timer(REFRESH_MILLIS, e -> refresh());
            timer.start();
        });
    }

    /** On the event thread: takes the model's state and repaints; the window grows when the grid does. */
    private void refresh() {
        GridState state = GridState.of(model, expected);
        Dimension full = GridImage.size(state.nodes(), state.layout());
        Dimension wanted = new Dimension(Math.min(full.width, LARGEST.width), Math.min(full.height, LARGEST.height));
        boolean resized = canvas.state == null || !full.equals(GridImage.size(canvas.state.nodes(), canvas.state.layout()));
        canvas.state = state;
        frame.setTitle("clusterlab monitor: " + state.title());
        if (resized) {
            canvas.setPreferredSize(wanted);
            canvas.invalidate(); // else pack() keeps the frame's last, cached size
            frame.pack();
        }
        canvas.repaint();
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Closes the window (from any thread). */
    public void close() {
        SwingUtilities.invokeLater(() -> frame.dispose());
    }

    /** Paints the grid scaled to fit, keeping squares their shape, and names the square under the mouse. */
    private static final class Canvas extends JComponent {
        private static final long serialVersionUID = 1L;
        private transient GridState state;

        private double scale() {
            Dimension full = GridImage.size(state.nodes(), state.layout());
            return Math.min((double) getWidth() / full.width, (double) getHeight() / full.height);
        }

        @Override
        protected void paintComponent(Graphics g) {
            if (state == null) {
                return;
            }
            Graphics2D g2 = (Graphics2D) g.create();
            g2.scale(scale(), scale());
            GridImage.paint(g2, state.nodes(), state.layout());
            g2.dispose();
        }

        @Override
        public String getToolTipText(MouseEvent e) {
            if (state == null) {
                return null;
            }
            List<NodeStatus> nodes = state.nodes();
            double scale = scale();
            int index = GridImage.indexAt(state.layout(), nodes.size(), (int) (e.getX() / scale), (int) (e.getY() / scale));
            return index < 0 ? null : NodeText.html(nodes.get(index));
        }
    }
}
