package dev.jgan.nn.init;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.NormalizationLayer;
import dev.jgan.nn.ReLU;
import dev.jgan.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitTest {
    /** Enough draws that the sample mean and std land within a few percent of the target. */
    private static final int[] BIG = {200, 300};

    private static double mean(Tensor t) {
        double s = 0;
        for (double v : t.toDoubleArray()) {
            s += v;
        }
        return s / t.numel();
    }

    private static double std(Tensor t) {
        double m = mean(t);
        double s = 0;
        for (double v : t.toDoubleArray()) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / t.numel());
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toDoubleArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void fansCountInputsAndOutputsTimesTheReceptiveField() {
        Tensor linear = Tensor.zeros(128, 784);
        assertEquals(784, Init.fanIn(linear));
        assertEquals(128, Init.fanOut(linear));
        Tensor conv = Tensor.zeros(64, 3, 4, 4);
        assertEquals(3 * 16, Init.fanIn(conv));
        assertEquals(64 * 16, Init.fanOut(conv));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.fanIn(Tensor.zeros(5)));
        assertEquals("fanIn: fans need a tensor of at least 2 dims, got shape [5]", e.getMessage());
    }

    @Test
    void gainsAreTorchs() {
        assertEquals(1.0, Init.calculateGain(Nonlinearity.LINEAR));
        assertEquals(1.0, Init.calculateGain(Nonlinearity.CONV_TRANSPOSE2D));
        assertEquals(1.0, Init.calculateGain(Nonlinearity.SIGMOID));
        assertEquals(5.0 / 3.0, Init.calculateGain(Nonlinearity.TANH));
        assertEquals(Math.sqrt(2), Init.calculateGain(Nonlinearity.RELU));
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain(Nonlinearity.LEAKY_RELU));
        assertEquals(Math.sqrt(2 / 1.04), Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2), 1e-15);
        assertEquals(0.75, Init.calculateGain(Nonlinearity.SELU));
    }

    @Test
    void uniformAndNormalHitTheirRangeAndMoments() {
        Tensor u = Init.uniform_(Tensor.zeros(BIG), -2, 3, new Generator(1));
        assertTrue(maxAbs(u.sub(0.5)) <= 2.5);
        assertEquals(0.5, mean(u), 0.03);
        assertEquals(5 / Math.sqrt(12), std(u), 0.03);
        Tensor n = Init.normal_(Tensor.zeros(BIG), 1.5, 0.3, new Generator(2));
        assertEquals(1.5, mean(n), 0.01);
        assertEquals(0.3, std(n), 0.01);
    }

    @Test
    void constantsFillEveryElement() {
        assertArrayEquals(new double[]{7, 7, 7}, Init.constant_(Tensor.zeros(3), 7).toDoubleArray());
        assertArrayEquals(new double[]{1, 1}, Init.ones_(Tensor.zeros(2)).toDoubleArray());
        assertArrayEquals(new double[]{0, 0}, Init.zeros_(Tensor.ones(2)).toDoubleArray());
    }

    @Test
    void initializersWorkOnParametersThatRequireGrad() {
        Tensor p = Tensor.zeros(3, 4).requiresGrad(true);
        Init.xavierUniform_(p, 1.0, new Generator(3));
        assertTrue(maxAbs(p) > 0);
        assertTrue(p.isLeaf() && p.gradFn() == null);
    }

    @Test
    void xavierScalesByBothFans() {
        double gain = Init.calculateGain(Nonlinearity.TANH);
        double std = gain * Math.sqrt(2.0 / (200 + 300));
        Tensor u = Init.xavierUniform_(Tensor.zeros(BIG), gain, new Generator(4));
        assertTrue(maxAbs(u) <= Math.sqrt(3) * std);
        assertEquals(std, std(u), 0.02 * std);
        Tensor n = Init.xavierNormal_(Tensor.zeros(BIG), gain, new Generator(5));
        assertEquals(std, std(n), 0.02 * std);
    }

    @ParameterizedTest
    @EnumSource(FanMode.class)
    void kaimingScalesByTheChosenFan(FanMode mode) {
        int fan = mode == FanMode.FAN_IN ? 300 : 200;
        double std = Math.sqrt(2.0) / Math.sqrt(fan);
        Tensor u = Init.kaimingUniform_(Tensor.zeros(BIG), 0, mode, Nonlinearity.RELU, new Generator(6));
        assertTrue(maxAbs(u) <= Math.sqrt(3) * std);
        assertEquals(std, std(u), 0.02 * std);
        Tensor n = Init.kaimingNormal_(Tensor.zeros(BIG), 0, mode, Nonlinearity.RELU, new Generator(7));
        assertEquals(std, std(n), 0.02 * std);
        assertEquals(0, mean(n), 0.05 * std);
    }

    @Test
    void zeroFanIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.kaimingNormal_(Tensor.zeros(4, 0), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Generator(0)));
        assertEquals("kaiming: FAN_IN of a tensor of shape [4, 0] is 0, so the scale of its values is undefined", e.getMessage());
    }

    @Test
    void sameSeedSameValuesAndTheGeneratorAdvances() {
        Generator gen = new Generator(9);
        Tensor a = Init.normal_(Tensor.zeros(4), 0, 1, gen);
        Tensor b = Init.normal_(Tensor.zeros(4), 0, 1, gen);
        assertEquals(8, gen.offset());
        assertTrue(!a.allClose(b, 0, 0));
        assertArrayEquals(a.toDoubleArray(), Init.normal_(Tensor.zeros(4), 0, 1, new Generator(9)).toDoubleArray());
    }

    /** A stand-in for BatchNorm: a scale and a shift per channel. */
    static final class FakeNorm extends Module implements NormalizationLayer {
        private final dev.jgan.nn.Parameter weight = registerParameter("weight", Tensor.zeros(BIG[0]));
        private final dev.jgan.nn.Parameter bias = registerParameter("bias", Tensor.ones(BIG[0]));

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(weight.get()).add(bias.get());
        }

        @Override
        public Tensor weight() {
            return weight.get();
        }

        @Override
        public Tensor bias() {
            return bias.get();
        }
    }

    @Test
    void dcganInitDrawsWeightsAroundZeroScalesAroundOneAndZeroesBiases() {
        Linear first = new Linear(300, 200, new Generator(0));
        FakeNorm norm = new FakeNorm();
        Sequential model = new Sequential(first, norm, new ReLU());
        model.apply(Init.dcgan(new Generator(10)));
        assertEquals(0, mean(first.weight()), 0.002);
        assertEquals(0.02, std(first.weight()), 0.001);
        assertArrayEquals(new double[200], first.bias().toDoubleArray());
        assertEquals(1, mean(norm.weight()), 0.005);
        assertEquals(0.02, std(norm.weight()), 0.003);
        assertArrayEquals(new double[200], norm.bias().toDoubleArray());
    }
}
