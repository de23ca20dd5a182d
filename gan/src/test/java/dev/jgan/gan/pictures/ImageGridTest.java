package dev.jgan.gan.pictures;

import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageGridTest {

    @Test
    void tilesImagesWithPaddingAndScale() {
        // two 1x2 gray images: [-1, 1] and [0, 1]
        Tensor images = Tensor.fromArray(new float[]{-1, 1, 0, 1}, 2, 1, 1, 2);
        BufferedImage img = ImageGrid.render(images, 2, 1, 3);
        // width: padding + 2 * (2 * 3 + padding); height: padding + (1 * 3 + padding)
        assertEquals(1 + 2 * 7, img.getWidth());
        assertEquals(1 + 4, img.getHeight());
        assertEquals(0x000000, img.getRGB(1, 1) & 0xFFFFFF);       // -1 is black
        assertEquals(0xFFFFFF, img.getRGB(1 + 3, 1) & 0xFFFFFF);   // 1 is white
        assertEquals(0x808080, img.getRGB(1 + 7, 1) & 0xFFFFFF);   // 0 is mid gray (128)
        assertEquals(0x000000, img.getRGB(0, 0) & 0xFFFFFF);       // padding
    }

    @Test
    void writesAPngThatReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grid.png");
        ImageGrid.writePng(Tensor.zeros(5, 3, 4, 4), 3, 2, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(2 + 3 * (8 + 2), back.getWidth());
        assertEquals(2 + 2 * (8 + 2), back.getHeight());
    }

    @Test
    void rejectsTensorsThatAreNotImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.render(Tensor.zeros(4, 64), 8, 2, 1));
        assertEquals("ImageGrid: expects images [N, 1 or 3, H, W], got [4, 64]", e.getMessage());
    }

    @Test
    void tilesReadsBackWhatRenderDrewToTheNearestGrayLevel() {
        Tensor images = Tensor.rand(new dev.jgan.core.random.Generator(3), 5, 1, 6, 6).mul(2.0).sub(1.0);
        BufferedImage grid = ImageGrid.render(images, 3, ImageGrid.PADDING, 2);
        // Placed at an offset inside a larger picture, as in RealBesideFake's right half.
        BufferedImage bigger = new BufferedImage(grid.getWidth() + 10, grid.getHeight() + 7, BufferedImage.TYPE_INT_RGB);
        bigger.getGraphics().drawImage(grid, 10, 7, null);
        Tensor back = ImageGrid.tiles(bigger, 10, 7, 5, 3, 6, 2);
        assertEquals(ImageGrid.width(3, 6, 2), grid.getWidth());
        float[] a = images.toFloatArray();
        float[] b = back.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1.0 / 255 + 1e-6, "value " + i);
        }
    }

    @Test
    void tilesRefusesAGridThatDoesNotFitThePicture() {
        BufferedImage small = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.tiles(small, 0, 0, 4, 2, 8, 1));
        assertEquals("ImageGrid.tiles: a grid of 4 images of side 8 at scale 1, 2 per row, from (0, 0) reaches (22, 22),"
                + " outside the 20x20 picture", e.getMessage());
    }
}
