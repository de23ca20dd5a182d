package dev.jgan.gan.models;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm2d;
import dev.jgan.nn.Module;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallConvGanTest {
    @Test
    void generatorDrawsImagesInTheTanhRangeAndDiscriminatorGivesOneLogitEach() {
        Gan gan = SmallConvGan.build(100, 1, 8, 8, new Generator(1));
        Tensor images = gan.generator().forward(gan.noise(new Generator(2), 5));
        assertArrayEquals(new int[]{5, 1, 8, 8}, images.shape());
        for (float v : images.toFloatArray()) {
            assertTrue(v >= -1 && v <= 1, "tanh output " + v);
        }
        assertArrayEquals(new int[]{5, 1}, gan.discriminator().forward(images).shape());
        assertArrayEquals(new int[]{1, 8, 8}, gan.sampleShape());
    }

    /** Any square side that D can halve twice, and any channel count: 12x12 RGB goes 6x6, 3x3 in D. */
    @Test
    void buildsForOtherSidesThatAreMultiplesOfFour() {
        Gan gan = SmallConvGan.build(7, 3, 12, 12, new Generator(3));
        Tensor images = gan.generator().forward(gan.noise(new Generator(4), 2));
        assertArrayEquals(new int[]{2, 3, 12, 12}, images.shape());
        assertArrayEquals(new int[]{2, 1}, gan.discriminator().forward(images).shape());
    }

    /**
     * The sizes the class comment states: 136 673 parameters in G and 33 633 in D at 8x8 with 100-dim
     * noise, 229 585 in G at wide-conv's width.
     */
    @Test
    void parameterCountsAreTheDocumentedOnes() {
        Gan gan = SmallConvGan.build(100, 1, 8, 8, new Generator(5));
        assertEquals(100 * 1024 + 1024 + 2 * 64 + 64 * 32 * 16 + 2 * 32 + 32 * 9 + 1, count(gan.generator()));
        assertEquals(136_673, count(gan.generator()));
        assertEquals(16 * 32 + 32 + 32 * 64 * 16 + 64 + 256 + 1, count(gan.discriminator()));
        assertEquals(33_633, count(gan.discriminator()));
        Gan wide = SmallConvGan.build(100, 1, 8, 8, SmallConvGan.WIDE_GENERATOR_WIDTH, new Generator(5));
        assertEquals(100 * 1536 + 1536 + 2 * 96 + 96 * 48 * 16 + 2 * 48 + 48 * 9 + 1, count(wide.generator()));
        assertEquals(229_585, count(wide.generator()));
        assertEquals(33_633, count(wide.discriminator()), "wide-conv widens G only");
    }

    /** G's BatchNorm uses PyTorch's default eps, not gan.py's 0.8: the recipe records it so. */
    @Test
    void generatorBatchNormHasPyTorchsDefaultEps() {
        Gan gan = SmallConvGan.build(100, 1, 8, 8, new Generator(6));
        long norms = gan.generator().namedModules().values().stream().filter(m -> m instanceof BatchNorm2d)
                .peek(m -> assertEquals(1e-5, ((BatchNorm2d) m).eps())).count();
        assertEquals(2, norms);
    }

    @Test
    void refusesSidesThatAreNotMultiplesOfFourOrNotSquare() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> SmallConvGan.build(100, 1, 10, 10, new Generator(7)));
        assertTrue(odd.getMessage().startsWith("small conv GAN: images must be square with a side that is a multiple"
                + " of 4") && odd.getMessage().contains("[1, 10, 10]"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmallConvGan.build(100, 1, 8, 12, new Generator(7)));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> SmallConvGan.build(100, 1, 8, 8, 95, new Generator(7)));
        assertEquals("small conv GAN: G's width must be even and >= 2 (it halves at full size), got 95",
                width.getMessage());
    }

    private static long count(Module m) {
        return m.parameters().stream().mapToLong(Tensor::numel).sum();
    }
}
