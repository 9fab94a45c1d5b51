package clusterlab.primes;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * The article's head-node window rebuilt in Swing: the state, the largest prime, the count, the
 * progress, the last primes, a table of the workers with their rates, the log, and the Start, Stop
 * and Quit buttons. A Swing timer reads a snapshot of the model four times a second and shows its
 * {@link PanelContent}; the buttons only call the {@link HeadControl}. Closing the window is Quit.
 * Swing is touched only on its event thread.
 */
public final class PrimesWindow implements ProgressView {
    private static final int REFRESH_MILLIS = 250;

    private final PrimesModel model;
    private final HeadControl control;
    private final CountDownLatch closed = new CountDownLatch(1);
    // Created and used only on Swing's event thread.
    private JFrame frame;
    private Timer timer;
    private JLabel state;
    private JPanel fieldPanel;
    private final Map<String, JLabel> values = new HashMap<>();
    private JProgressBar bar;
    private final WorkerTable workers = new WorkerTable();
    private JTextArea log;
    private JButton start;
    private JButton stop;
    private List<String> logShown = List.of();
    private boolean over;

    /** True when there is a screen to open a window on (not a headless JVM or a session without DISPLAY). */
    public static boolean available() {
        return !GraphicsEnvironment.isHeadless();
    }

    /** Opens the window on {@code model}, with buttons acting on {@code control}. */
    public PrimesWindow(PrimesModel model, HeadControl control) throws Exception {
        if (!available()) {
            throw new IllegalStateException("there is no display to open a window on");
        }
        this.model = model;
        this.control = control;
        SwingUtilities.invokeAndWait(this::build);
    }

    private void build() {
        frame = new JFrame("clusterlab primes-head");
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                quit();
            }

            @Override
            public void windowClosed(WindowEvent e) {
                closed.countDown();
            }
        });

        state = new JLabel(" ");
        state.setFont(state.getFont().deriveFont(Font.BOLD, 15f));
        fieldPanel = new JPanel(new GridBagLayout());
        bar = new JProgressBar(0, 1000);
        bar.setStringPainted(true);
        JPanel top = new JPanel(new BorderLayout(0, 8));
        top.setBorder(BorderFactory.createEmptyBorder(10, 12, 6, 12));
        top.add(state, BorderLayout.NORTH);
        top.add(fieldPanel, BorderLayout.CENTER);
        top.add(bar, BorderLayout.SOUTH);

        JTable table = new JTable(workers);
        table.setFillsViewportHeight(true);
        DefaultTableCellRenderer right = new DefaultTableCellRenderer();
        right.setHorizontalAlignment(SwingConstants.RIGHT);
        for (int i = PanelContent.FIRST_NUMBER_COLUMN; i < PanelContent.WORKER_COLUMNS.size(); i++) {
            table.getColumnModel().getColumn(i).setCellRenderer(right);
        }
        log = new JTextArea();
        log.setEditable(false);
        log.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        JScrollPane tableScroll = new JScrollPane(table);
        tableScroll.setPreferredSize(new Dimension(PanelPicture.WIDTH, 180));
        JScrollPane logScroll = new JScrollPane(log);
        logScroll.setPreferredSize(new Dimension(PanelPicture.WIDTH, 260));
        JSplitPane middle = new JSplitPane(JSplitPane.VERTICAL_SPLIT, tableScroll, logScroll);
        middle.setResizeWeight(0.5);
        middle.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));

        start = new JButton("Start");
        stop = new JButton("Stop");
        JButton quit = new JButton("Quit");
        start.addActionListener(e -> control.resume());
        stop.addActionListener(e -> control.pause());
        quit.addActionListener(e -> quit());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(start);
        buttons.add(stop);
        buttons.add(quit);

        frame.add(top, BorderLayout.NORTH);
        frame.add(middle, BorderLayout.CENTER);
        frame.add(buttons, BorderLayout.SOUTH);
        frame.setPreferredSize(new Dimension(PanelPicture.WIDTH, PanelPicture.HEIGHT));
        show(PanelContent.of(model.snapshot()));
        frame.pack();
        frame.setLocationByPlatform(true);
        frame.setVisible(true);
        timer = new Timer(REFRESH_MILLIS, e -> show(PanelContent.of(model.snapshot())));
        timer.start();
    }

    private void quit() {
        if (!over) {
            control.quit();
        }
        timer.stop();
        frame.dispose();
    }

    /** Puts the content into the components; on the event thread. */
    private void show(PanelContent c) {
        frame.setTitle(c.title());
        state.setText(c.state());
        for (PanelContent.Field f : c.fields()) {
            JLabel value = values.get(f.label());
            if (value == null) {
                value = addField(f.label());
            }
            value.setText(f.value());
        }
        bar.setValue((int) Math.round(1000 * c.fraction()));
        bar.setString(c.progress());
        workers.setRows(c.workers());
        if (!c.log().equals(logShown)) {
            log.setText(String.join("\n", c.log()));
            log.setCaretPosition(log.getDocument().getLength());
            logShown = c.log();
        }
        start.setEnabled(c.canStart() && !over);
        stop.setEnabled(c.canStop() && !over);
    }

    private JLabel addField(String label) {
        GridBagConstraints at = new GridBagConstraints();
        at.gridy = values.size();
        at.anchor = GridBagConstraints.WEST;
        at.insets = new Insets(1, 0, 1, 16);
        JLabel name = new JLabel(label);
        name.setFont(name.getFont().deriveFont(Font.BOLD));
        fieldPanel.add(name, at);
        at.gridx = 1;
        at.weightx = 1;
        at.fill = GridBagConstraints.HORIZONTAL;
        at.insets = new Insets(1, 0, 1, 0);
        JLabel value = new JLabel();
        fieldPanel.add(value, at);
        values.put(label, value);
        fieldPanel.revalidate();
        return value;
    }

    /** The timer reads the model itself: nothing to do here. */
    @Override
    public void update(PrimesModel.Snapshot snapshot) {
    }

    /** The run is over: the window keeps showing its end, with Start and Stop off, until it is closed. */
    @Override
    public void finish(PrimesModel.Snapshot snapshot) {
        SwingUtilities.invokeLater(() -> {
            over = true;
            timer.stop();
            show(PanelContent.of(snapshot));
        });
    }

    /** Waits until the window is closed (with Quit or by the window manager). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
