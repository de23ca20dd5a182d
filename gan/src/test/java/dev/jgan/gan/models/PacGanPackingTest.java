package dev.jgan.gan.models;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacGanPackingTest {
    @Test
    void consecutiveRowsAreConcatenated() {
        Tensor x = Tensor.fromArray(new float[]{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
        Tensor packed = new PacGanPacking(2).forward(x);
        assertArrayEquals(new int[]{2, 4}, packed.shape());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6, 7, 8}, packed.toFloatArray());
    }

    @Test
    void aBatchThatIsNotAMultipleOfThePackIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PacGanPacking(3).forward(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("multiple of the pack size 3") && e.getMessage().contains("[4, 2]"),
                e.getMessage());
    }

    @Test
    void packedToyDiscriminatorGivesOneLogitPerPackAndGradientsFlowToEverySample() {
        Gan gan = ToyGan.build(2, 2, 16, 2, 4, new Generator(1));
        Tensor x = Tensor.randn(new Generator(2), 8, 2).requiresGrad(true);
        Tensor logits = gan.discriminator().forward(x);
        assertArrayEquals(new int[]{2, 1}, logits.shape());
        logits.sum().backward();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < 8; i++) {
            assertTrue(g[2 * i] != 0 || g[2 * i + 1] != 0, "sample " + i + " got no gradient");
        }
    }

    @Test
    void packOneBuildsThePlainToyGanWithTheSameWeights() {
        Gan plain = ToyGan.build(2, 2, 16, 2, new Generator(3));
        Gan packOne = ToyGan.build(2, 2, 16, 2, 1, new Generator(3));
        Tensor x = Tensor.randn(new Generator(4), 5, 2);
        assertArrayEquals(plain.discriminator().forward(x).toFloatArray(),
                packOne.discriminator().forward(x).toFloatArray());
        assertEquals(plain.discriminator().parameters().size(), packOne.discriminator().parameters().size());
    }
}
