package dev.jgan.tutorials.autodiff;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chapter's scalar engine against core's tensor engine: same expressions, same gradients. */
class ValueEngineTest {

    @Test
    void neuronGradientsMatchMicrogradsKnownValues() {
        Neuron.Result r = Neuron.withValues(2.0, -3.0, 0.0, 1.0, 6.8813735870195432);
        assertEquals(Math.sqrt(0.5), r.output(), 1e-12);
        assertArrayEquals(new double[]{-1.5, 1.0, 0.5, 0.0, 0.5}, r.grads(), 1e-12);
    }

    @Test
    void neuronGradientsAgreeWithTensorsOnRandomInputs() {
        Tensor draws = Tensor.uniform(new Generator(7), DType.FLOAT64, -2.0, 2.0, 20, 5);
        for (int row = 0; row < 20; row++) {
            double[] in = new double[5];
            for (int i = 0; i < 5; i++) {
                in[i] = draws.get(row, i);
            }
            Neuron.Result scalar = Neuron.withValues(in[0], in[1], in[2], in[3], in[4]);
            Neuron.Result tensor = Neuron.withTensors(in[0], in[1], in[2], in[3], in[4]);
            assertEquals(tensor.output(), scalar.output(), 1e-12);
            assertArrayEquals(tensor.grads(), scalar.grads(), 1e-12, "inputs " + Arrays.toString(in));
        }
    }

    /** f = tanh(a*b + a) * a uses a three times, so both engines must add up its gradients. */
    @Test
    void reusedValuesAccumulateLikeTensors() {
        double a0 = 0.7;
        double b0 = -1.3;
        Value a = new Value(a0);
        Value b = new Value(b0);
        Value f = a.mul(b).add(a).tanh().mul(a);
        f.backward();

        Tensor at = Tensor.fromArray(new double[]{a0}).requiresGrad(true);
        Tensor bt = Tensor.fromArray(new double[]{b0}).requiresGrad(true);
        Tensor ft = at.mul(bt).add(at).tanh().mul(at);
        ft.backward();

        assertEquals(ft.item(), f.data(), 1e-12);
        assertEquals(at.grad().item(), a.grad(), 1e-12);
        assertEquals(bt.grad().item(), b.grad(), 1e-12);
        // By hand: u = ab + a, f = a tanh(u); df/db = a^2 (1 - tanh(u)^2).
        double t = Math.tanh(a0 * b0 + a0);
        assertEquals(a0 * a0 * (1 - t * t), b.grad(), 1e-12);
    }
}
