package clusterlab.life;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an animated GIF, one frame at a time, with the JDK's own GIF writer.
 *
 * <p>The writer does not animate by itself: each frame needs a Graphic Control Extension giving
 * its delay (in hundredths of a second), and the first frame needs the "NETSCAPE2.0" application
 * extension, which is how browsers and viewers learn to loop. Both go into the frame's metadata,
 * as nodes of the "javax_imageio_gif_image_1.0" tree that {@link #frameMetadata} builds.
 */
public final class AnimatedGif implements Closeable {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final ImageWriter writer;
    private final ImageOutputStream stream;
    private final int delayCentiseconds;
    private int frames;

    /** A GIF at {@code file} whose frames each show for {@code delay} (rounded to 1/100 s) and that loops forever. */
    public AnimatedGif(Path file, Duration delay) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this JDK has no GIF writer");
        }
        this.writer = writers.next();
        Files.deleteIfExists(file); // an output stream over a longer old file would leave its tail
        this.stream = ImageIO.createImageOutputStream(file.toFile());
        if (stream == null) {
            throw new IOException("cannot write " + file);
        }
        this.delayCentiseconds = (int) Math.min(65_535, Math.max(1, (delay.toMillis() + 5) / 10));
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
    }

    public void addFrame(BufferedImage image) throws IOException {
        writer.writeToSequence(new IIOImage(image, null, frameMetadata(image, frames == 0)), null);
        frames++;
    }

    public int frames() {
        return frames;
    }

    private IIOMetadata frameMetadata(BufferedImage image, boolean first) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode root = new IIOMetadataNode(FORMAT);

        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "none"); // each frame covers the whole picture
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);

        if (first) {
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            // Sub-block 1 holds the loop count, 2 bytes little-endian; 0 means loop forever.
            netscape.setUserObject(new byte[] {1, 0, 0});
            extensions.appendChild(netscape);
            root.appendChild(extensions);
        }
        metadata.mergeTree(FORMAT, root);
        return metadata;
    }

    @Override
    public void close() throws IOException {
        try {
            if (frames > 0) {
                writer.endWriteSequence();
            }
        } finally {
            stream.close();
            writer.dispose();
        }
    }
}
