package dev.jgan.gan.models;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conditional recipe's GAN: noise that carries a label, and a D told the labels. */
class ConditionalGanTest {
    private static Gan gan() {
        return SmallConvGan.conditional(16, 10, 1, 8, 8, new Generator(1));
    }

    @Test
    void itsNoiseIsZFollowedByALabelOneHotDrawnUniformly() {
        Gan gan = gan();
        Tensor noise = gan.noise(new Generator(2), 2000);
        assertArrayEquals(new int[]{2000, 26}, noise.shape());
        assertArrayEquals(Tensor.randn(new Generator(2), 2000, 16).toFloatArray(),
                noise.narrow(1, 0, 16).contiguous().toFloatArray(), "z comes first, drawn as an unconditional GAN draws it");
        float[] labels = gan.labels(noise).contiguous().toFloatArray();
        int[] counts = new int[10];
        for (int i = 0; i < 2000; i++) {
            int ones = 0;
            for (int c = 0; c < 10; c++) {
                float v = labels[i * 10 + c];
                assertTrue(v == 0f || v == 1f, "one-hot entries are 0 or 1, got " + v);
                if (v == 1f) {
                    ones++;
                    counts[c]++;
                }
            }
            assertEquals(1, ones, "row " + i);
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] > 140 && counts[c] < 260, "class " + c + " drawn " + counts[c] + " times of 2000");
        }
    }

    @Test
    void noiseForGivenLabelsCarriesThemAndGDrawsOneImageEach() {
        Gan gan = gan();
        Tensor noise = gan.noise(new Generator(3), new int[]{7, 0, 3});
        assertArrayEquals(gan.oneHot(new int[]{7, 0, 3}).toFloatArray(), gan.labels(noise).contiguous().toFloatArray());
        assertArrayEquals(new int[]{3, 1, 8, 8}, gan.sample(noise).shape());
        assertArrayEquals(new int[]{7, 0, 3}, gan.askedClasses(noise), "the classes the noise asks for, read back");
        assertArrayEquals(new int[]{0, 3}, gan.askedClasses(noise.narrow(0, 1, 2)), "a view of some of the rows");
        IllegalArgumentException notOneHot = assertThrows(IllegalArgumentException.class,
                () -> gan.askedClasses(Tensor.randn(new Generator(2), 2, 16 + 10)));
        assertTrue(notOneHot.getMessage().startsWith("gan: noise row 0 does not end in a one-hot label of 10 classes"),
                notOneHot.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> gan.noise(new Generator(3), new int[]{10}));
        assertEquals("gan: label 10 of example 0 is outside 0..9 (the GAN was built for 10 classes)",
                outside.getMessage());
    }

    /** A class grid: column c asks for class c, and the samples of a row share one z. */
    @Test
    void aClassGridAsksForEachClassInTurnWithOneZPerRow() {
        Gan gan = gan();
        Tensor grid = gan.classGrid(new Generator(5), 3);
        assertArrayEquals(new int[]{30, 16 + 10}, grid.shape());
        int[] asked = gan.askedClasses(grid);
        float[] z = grid.narrow(1, 0, 16).contiguous().toFloatArray();
        for (int i = 0; i < 30; i++) {
            assertEquals(i % 10, asked[i], "sample " + i + " asks for its column's class");
            int row = i / 10;
            assertArrayEquals(java.util.Arrays.copyOfRange(z, row * 10 * 16, row * 10 * 16 + 16),
                    java.util.Arrays.copyOfRange(z, i * 16, i * 16 + 16), "sample " + i + " has its row's z");
        }
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(z, 0, 16),
                java.util.Arrays.copyOfRange(z, 10 * 16, 10 * 16 + 16)), "rows differ");
        assertArrayEquals(Tensor.randn(new Generator(5), 3, 16).toFloatArray(), rowsOf(z, 3, 10, 16),
                "the rows' z are the generator's first draws, in order");
    }

    private static float[] rowsOf(float[] z, int rows, int perRow, int latent) {
        float[] first = new float[rows * latent];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(z, r * perRow * latent, first, r * latent, latent);
        }
        return first;
    }

    @Test
    void anUnconditionalGanHasNoLabels() {
        Gan plain = SmallConvGan.build(16, 1, 8, 8, new Generator(1));
        assertNull(plain.labels(plain.noise(new Generator(2), 3)));
        assertThrows(IllegalStateException.class, () -> plain.askedClasses(plain.noise(new Generator(2), 3)));
        assertThrows(IllegalStateException.class, () -> plain.classGrid(new Generator(2), 3));
        assertThrows(IllegalStateException.class, () -> plain.noise(new Generator(2), new int[]{1}));
        IllegalArgumentException notProjection = assertThrows(IllegalArgumentException.class,
                () -> new Gan(plain.generator(), plain.discriminator(), 16, new int[]{1, 8, 8}, 10));
        assertTrue(notProjection.getMessage().contains("needs a ProjectionDiscriminator"), notProjection.getMessage());
        GanTrainer trainer = new GanTrainer(plain, GanTrainer.Options.paper(), new Generator(9));
        Tensor real = Tensor.rand(new Generator(4), 4, 1, 8, 8);
        IllegalArgumentException told = assertThrows(IllegalArgumentException.class,
                () -> trainer.step(real, gan().oneHot(new int[]{0, 1, 2, 3})));
        assertEquals("gan trainer: an unconditional GAN is not told labels; step(images) trains it", told.getMessage());
    }

    /** D is told the real batch's labels: the same images under other labels give D another loss. */
    @Test
    void theTrainerTellsDTheRealBatchsLabels() {
        Tensor real = Tensor.rand(new Generator(4), 8, 1, 8, 8).mul(2).sub(1);
        int[] zeros = new int[8];
        int[] fives = new int[8];
        java.util.Arrays.fill(fives, 5);
        StepResult asZeros = trainer().step(real, gan().oneHot(zeros));
        StepResult asFives = trainer().step(real, gan().oneHot(fives));
        assertNotEquals(asZeros.dReal(), asFives.dReal());
        IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class, () -> trainer().step(real));
        assertTrue(unlabelled.getMessage().contains("trains on labelled batches"), unlabelled.getMessage());
    }

    private static GanTrainer trainer() {
        return new GanTrainer(gan(), GanTrainer.Options.paper(), new Generator(9));
    }
}
