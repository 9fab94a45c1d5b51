package clusterlab.life;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * A Swing window showing the board, drawn by {@link BoardImage} (so strips get their colours).
 * Swing must only be touched from its event thread: {@link #show} hands each new picture over
 * with {@link SwingUtilities#invokeLater}, and the simulation keeps running on its own thread.
 */
public final class LifeWindow {
    /** Created and used only on Swing's event thread. */
    private JFrame frame;
    private final Canvas canvas = new Canvas();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** True when there is a screen to open a window on (not a headless JVM or a session without DISPLAY). */
    public static boolean available() {
        return !GraphicsEnvironment.isHeadless();
    }

    /** Opens the window, sized for pictures of {@code width} x {@code height} pixels. */
    public LifeWindow(String title, int width, int height) throws Exception {
        if (!available()) {
            throw new IllegalStateException("there is no display to open a window on");
        }
        SwingUtilities.invokeAndWait(() -> {
            frame = new JFrame(title);
            canvas.setPreferredSize(new Dimension(width, height));
            frame.add(canvas);
            frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            frame.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    closed.countDown();
                }
            });
            frame.pack();
            frame.setLocationByPlatform(true);
            frame.setVisible(true);
        });
    }

    /** Shows a new picture, with {@code status} in the title bar. */
    public void show(BufferedImage image, String status) {
        SwingUtilities.invokeLater(() -> {
            canvas.image = image;
            frame.setTitle(status);
            canvas.repaint();
        });
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Waits until the user closes the window. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Draws the latest picture scaled to the window, without smoothing so cells stay square. */
    private static final class Canvas extends JComponent {
        private static final long serialVersionUID = 1L;
        private transient BufferedImage image;

        @Override
        protected void paintComponent(Graphics g) {
            if (image != null) {
                g.drawImage(image, 0, 0, getWidth(), getHeight(), null);
            }
        }
    }
}
