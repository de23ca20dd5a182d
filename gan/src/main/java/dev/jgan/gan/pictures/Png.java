package dev.jgan.gan.pictures;

import dev.jgan.nn.io.AtomicFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a picture as PNG atomically: a reader never sees a half-written file. */
public final class Png {
    private Png() {
    }

    public static void write(BufferedImage image, Path file) throws IOException {
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
