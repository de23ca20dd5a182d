package dev.jgan.tutorials.convolution;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pictures of sections 3 and 7: written by the program, and showing what the text says they show. */
class PicturesTest {
    private final ConvolutionChapter.Findings found = ChapterRun.RUN.get().value();

    @Test
    void theIm2colPictureColoursEachMatrixEntryLikeThePixelItCopies() throws IOException {
        // The run (shared with the other test classes) wrote the pictures; found holds its findings.
        assertNotNull(found);
        BufferedImage img = ImageIO.read(ChapterRun.IMAGES.resolve(Im2colPicture.FILE).toFile());
        assertNotNull(img, "the program writes " + Im2colPicture.FILE);
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        float[] cols = Convolution.im2col(x, new int[]{2}, new int[]{1}, new int[]{0}, new int[]{1}).toFloatArray();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 9; c++) {
                // A cell's corner, inside its outline and clear of its number (and of the window outlines' 3 px).
                int px = Im2colPicture.MATRIX_LEFT + c * Im2colPicture.CELL + 7;
                int py = Im2colPicture.TOP + r * Im2colPicture.CELL + 7;
                int value = Math.round(cols[r * 9 + c]);
                assertEquals(Im2colPicture.colour(value).getRGB() & 0xFFFFFF, img.getRGB(px, py) & 0xFFFFFF,
                        "entry (" + r + ", " + c + ") copies pixel " + value);
            }
        }
        for (int i = 0; i < 16; i++) {
            int px = Im2colPicture.INPUT_LEFT + (i % 4) * Im2colPicture.CELL + Im2colPicture.CELL - 7;
            int py = Im2colPicture.TOP + (i / 4) * Im2colPicture.CELL + Im2colPicture.CELL - 7;
            assertEquals(Im2colPicture.colour(i).getRGB() & 0xFFFFFF, img.getRGB(px, py) & 0xFFFFFF, "pixel " + i);
        }
    }

    @Test
    void everyGeneratedSampleCarriesTheSharedPatternAndTheRealImagesAverageToNone() throws IOException {
        CheckerboardSample.Result r = found.checkerboard();
        assertNotNull(ImageIO.read(ChapterRun.IMAGES.resolve(CheckerboardSample.FILE).toFile()),
                "the program writes " + CheckerboardSample.FILE);
        for (double v : r.realPattern()) {
            assertTrue(Math.abs(v) < 0.002, "real images have no preferred position: " + Arrays.toString(r.realPattern()));
        }
        double strongest = Arrays.stream(r.generatedPattern()).map(Math::abs).max().orElseThrow();
        assertTrue(strongest > 0.02, "the generated images share a pattern: " + Arrays.toString(r.generatedPattern()));
        assertTrue(Arrays.stream(r.generatedShare()).allMatch(v -> v > 0), "every sample carries it");
        assertTrue(Arrays.stream(r.realShare()).anyMatch(v -> v < 0), "real images fall on both sides of 0");
    }
}
