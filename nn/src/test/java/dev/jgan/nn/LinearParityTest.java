package dev.jgan.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.jgan.nn.PyTorchFixtures.assertClose;
import static dev.jgan.nn.PyTorchFixtures.tensor;

/** Linear's forward and its gradients for input, weight and bias against torch.nn.Linear. */
class LinearParityTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @Test
    void forwardAndGradientsMatchPyTorch() {
        JsonNode fixture = PyTorchFixtures.load("linear.json");
        Linear layer = new Linear(fixture.get("in_features").asInt(), fixture.get("out_features").asInt(), new Generator(0));
        layer.loadStateDict(Map.of("weight", tensor(fixture.get("weight")), "bias", tensor(fixture.get("bias"))), true);
        for (JsonNode c : fixture.get("cases")) {
            String name = c.get("name").asText();
            layer.zeroGrad();
            Tensor x = tensor(c.get("input")).requiresGrad(true);
            Tensor y = layer.forward(x);
            assertClose(c.get("output"), y, RTOL, ATOL, name + " output");
            y.backward(tensor(c.get("grad_output")));
            assertClose(c.get("grad_input"), x.grad(), RTOL, ATOL, name + " input grad");
            assertClose(c.get("grad_weight"), layer.weight().grad(), RTOL, ATOL, name + " weight grad");
            assertClose(c.get("grad_bias"), layer.bias().grad(), RTOL, ATOL, name + " bias grad");
        }
    }
}
