package dev.jgan.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.jgan.nn.PyTorchFixtures.assertClose;
import static dev.jgan.nn.PyTorchFixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SpectralNorm against torch.nn.utils.spectral_norm (pytorch/make_nn_fixtures.py), its gradients
 * against finite differences in float64, and its estimate of sigma against a weight whose singular
 * values are known.
 */
class SpectralNormTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;

    @Test
    void twoTrainingPassesOneBackwardAndAnEvalPassMatchPyTorch() {
        JsonNode fixture = PyTorchFixtures.load("spectral_norm.json");
        for (JsonNode c : fixture.get("cases")) {
            String name = c.get("name").asText();
            Module layer = switch (name) {
                case "linear" -> new Linear(5, 3, new Generator(0));
                case "conv2d" -> new Conv2d(2, 3, 3, 2, 1, new Generator(0));
                case "conv_transpose2d" -> new ConvTranspose2d(3, 2, 4, 2, 1, true, new Generator(0));
                default -> throw new IllegalStateException("unknown case " + name);
            };
            SpectralNorm wrapped = new SpectralNorm(layer, fixture.get("eps").asDouble(), new Generator(0));
            wrapped.loadStateDict(Map.of("layer.weight", tensor(c.get("weight")), "layer.bias", tensor(c.get("bias")),
                    "weight_u", tensor(c.get("u")), "weight_v", tensor(c.get("v"))), true);
            Tensor x1 = tensor(c.get("input1")).requiresGrad(true);
            Tensor x2 = tensor(c.get("input2")).requiresGrad(true);
            Tensor y1 = wrapped.forward(x1);
            Tensor y2 = wrapped.forward(x2);
            assertClose(c.get("output1"), y1, RTOL, ATOL, name + " output of the first pass");
            assertClose(c.get("output2"), y2, RTOL, ATOL, name + " output of the second pass");
            y1.mul(tensor(c.get("grad_output1"))).sum().add(y2.mul(tensor(c.get("grad_output2"))).sum()).backward();
            assertClose(c.get("grad_input1"), x1.grad(), RTOL, ATOL, name + " first input's grad");
            assertClose(c.get("grad_input2"), x2.grad(), RTOL, ATOL, name + " second input's grad");
            WeightedLayer weighted = (WeightedLayer) layer;
            assertClose(c.get("grad_weight"), weighted.weight().grad(), RTOL, ATOL, name + " weight grad");
            assertClose(c.get("grad_bias"), weighted.bias().grad(), RTOL, ATOL, name + " bias grad");
            Map<String, Tensor> buffers = wrapped.namedBuffers();
            assertClose(c.get("u_after"), buffers.get("weight_u"), RTOL, ATOL, name + " u after two iterations");
            assertClose(c.get("v_after"), buffers.get("weight_v"), RTOL, ATOL, name + " v after two iterations");
            wrapped.eval();
            assertClose(c.get("eval_output"), wrapped.forward(tensor(c.get("eval_input"))), RTOL, ATOL,
                    name + " output in eval mode");
        }
    }

    @Test
    void gradientsForInputAndWeightPassGradcheckInFloat64() {
        Generator gen = new Generator(3);
        for (Module layer : new Module[]{new Linear(4, 3, gen), new Conv2d(2, 3, 3, 2, 1, gen),
                new ConvTranspose2d(2, 3, 4, 2, 1, true, gen)}) {
            SpectralNorm wrapped = new SpectralNorm(layer, gen);
            wrapped.to(DType.FLOAT64);
            for (int i = 0; i < 3; i++) {
                wrapped.forward(Tensor.randn(gen, layer instanceof Linear ? new int[]{2, 4} : new int[]{2, 2, 3, 3})
                        .to(DType.FLOAT64));
            }
            wrapped.eval(); // u and v fixed: sigma is then a function of the weight alone
            Tensor x = Tensor.randn(gen, layer instanceof Linear ? new int[]{2, 4} : new int[]{2, 2, 3, 3})
                    .to(DType.FLOAT64).requiresGrad(true);
            Tensor weight = ((WeightedLayer) layer).weight();
            GradCheck.gradcheck(in -> wrapped.forward(in.get(0)).pow(2).sum(), x, weight);
            GradCheck.gradgradcheck(in -> wrapped.forward(in.get(0)).pow(2).sum(), x, weight);
        }
    }

    @Test
    void sigmaConvergesToTheLargestSingularValueAndTheNormalizedWeightHasNormOne() {
        // Rows scaled by 3, 2 and 0.5 of an orthonormal 3x3 (a rotation): singular values 3, 2, 0.5.
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        Tensor w = Tensor.fromArray(new float[]{(float) (3 * c), (float) (-3 * s), 0, (float) (2 * s), (float) (2 * c), 0,
                0, 0, 0.5f}, 3, 3);
        Linear layer = new Linear(3, 3, false, new Generator(0));
        SpectralNorm wrapped = new SpectralNorm(layer, new Generator(1));
        wrapped.loadStateDict(Map.of("layer.weight", w), false);
        Tensor probe = Tensor.fromArray(new float[]{1, 0, 0}, 1, 3);
        for (int i = 0; i < 30; i++) {
            wrapped.forward(probe);
        }
        assertEquals(3.0, wrapped.sigma(), 1e-4);
        // The first right singular vector of w is the first row's direction: stretched by exactly 1.
        Tensor top = Tensor.fromArray(new float[]{(float) c, (float) -s, 0}, 1, 3);
        assertEquals(1.0, Math.sqrt(wrapped.forward(top).pow(2).sum().item()), 1e-4);
        Tensor other = Tensor.fromArray(new float[]{0, 0, 1}, 1, 3);
        assertEquals(0.5 / 3, Math.sqrt(wrapped.forward(other).pow(2).sum().item()), 1e-4);
    }

    @Test
    void aLayerWithoutAWeightIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpectralNorm(new ReLU(), new Generator(0)));
        assertTrue(e.getMessage().contains("ReLU has no weight"), e.getMessage());
    }
}
