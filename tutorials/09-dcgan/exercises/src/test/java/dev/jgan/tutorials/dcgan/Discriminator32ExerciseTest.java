package dev.jgan.tutorials.dcgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.ops.ConvGeometry;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exercise 9: the 32x32 discriminator halves the image three times and ends in one logit per image. */
class Discriminator32ExerciseTest {
    private static final int NDF = 64;

    @Test
    void mapsThirtyTwoToOne() {
        Sequential d = Discriminator32.build(1, NDF, new Generator(9));
        List<Integer> sides = new ArrayList<>();
        Tensor y = Tensor.randn(new Generator(10), 2, 1, 32, 32);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int i = 0; i < d.size(); i++) {
                y = d.get(i).forward(y);
                if (d.get(i) instanceof Conv2d) {
                    sides.add(y.size(2));
                }
            }
        }
        System.out.println("exercise 9: D's image sides after each convolution: 32 -> " + sides);
        assertEquals(List.of(16, 8, 4, 1), sides, "the image side after each convolution");
        assertArrayEquals(new int[]{2, 1, 1, 1}, y.shape(), "one logit per image");
        assertEquals(661_248, LayerTable.parameters(d), "the parameters of section 4's dcgan32 discriminator");
    }

    @Test
    void theOutputSizeFormula() {
        // The first draft's chain, the fixed one, and a few from chapter 8.
        int[][] cases = {{32, 4, 2, 0, 15}, {15, 4, 2, 0, 6}, {6, 4, 2, 0, 2}, {32, 4, 2, 1, 16}, {16, 4, 2, 1, 8},
                {8, 4, 2, 1, 4}, {4, 4, 1, 0, 1}, {28, 5, 1, 2, 28}, {7, 3, 2, 1, 4}, {5, 3, 1, 0, 3}};
        for (int[] c : cases) {
            assertEquals(c[4], Discriminator32.outputSize(c[0], c[1], c[2], c[3]),
                    "side " + c[0] + ", kernel " + c[1] + ", stride " + c[2] + ", padding " + c[3]);
        }
        for (int in = 4; in <= 40; in++) {
            for (int stride = 1; stride <= 3; stride++) {
                for (int padding = 0; padding <= 2; padding++) {
                    assertEquals(ConvGeometry.outputSize("test", in, 4, stride, padding, 1),
                            Discriminator32.outputSize(in, 4, stride, padding), "core's formula at side " + in);
                }
            }
        }
    }
}
