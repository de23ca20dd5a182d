package dev.jgan.tutorials.dcgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claims of section 4's seed-notebook part and of section 7 (BatchNorm, and batch norm as one node), checked on what the program computes. */
class BatchNormAndSeedTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theDerivedBackwardIsTheEnginesAndTrainModeDependsOnTheBatch() {
        BatchNormSection.Result r = BatchNormSection.run(NOWHERE);
        assertTrue(r.maxDxDifference() < 1e-12 && r.maxDgammaDifference() < 1e-12 && r.maxDbetaDifference() < 1e-12,
                r.toString());
        // The running mean approaches the data's mean 3 from 0 by a tenth of the gap per step.
        assertEquals(0.1 * 3.2672, r.runningMeans()[0], 1e-4);
        assertEquals(3.0, r.runningMeans()[4], 0.3);
        assertTrue(r.trainDifference() > 0.1, "train mode: the output depends on the batch mates");
        assertEquals(0.0, r.evalDifference(), "eval mode: it does not");
    }

    @Test
    void theEnginesBatchNormHasTheBitsOfTheComposition() {
        OneNodeBatchNorm.Result r = OneNodeBatchNorm.run(NOWHERE);
        assertArrayEquals(new int[4], r.differing(), "output, dx, dgamma, dbeta: elements whose bits differ");
        assertTrue(r.composedMillis() > 0 && r.nodeMillis() > 0, r.toString());
    }

    @Test
    void theSeedsNetworksHaveTheWrongShapesAndTheFixedOnesTheRightOnes() {
        Generator gen = new Generator(0);
        List<Integer> g = SeedDcgan.trace(NOWHERE, "G", SeedDcgan.generator(2, 0, gen), Tensor.zeros(1, 100, 1, 1));
        List<Integer> d = SeedDcgan.trace(NOWHERE, "D", SeedDcgan.discriminator(0, 2, gen), Tensor.zeros(1, 3, 32, 32));
        assertEquals(List.of(1, 4, 10, 22, 46), g);
        assertEquals(List.of(32, 15, 6, 2), d, "the last convolution refuses the 2x2 map");
        assertEquals(List.of(1, 4, 8, 16, 32),
                SeedDcgan.trace(NOWHERE, "G", SeedDcgan.generator(1, 1, gen), Tensor.zeros(1, 100, 1, 1)));
        assertEquals(List.of(32, 16, 8, 4, 1),
                SeedDcgan.trace(NOWHERE, "D", SeedDcgan.discriminator(1, 1, gen), Tensor.zeros(1, 3, 32, 32)));
    }
}
