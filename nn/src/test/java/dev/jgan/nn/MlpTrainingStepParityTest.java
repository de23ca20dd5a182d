package dev.jgan.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.loss.BCELoss;
import dev.jgan.nn.optim.Adam;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.jgan.nn.PyTorchFixtures.assertClose;
import static dev.jgan.nn.PyTorchFixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole training steps end to end: Linear-LeakyReLU-Linear-Sigmoid, BCE and Adam with DCGAN's
 * betas, three steps on three batches from PyTorch's initial weights. The loss of every step and
 * every parameter after it must match torch.
 */
class MlpTrainingStepParityTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @Test
    void threeAdamStepsMatchPyTorch() {
        JsonNode fixture = PyTorchFixtures.load("mlp_step.json");
        Sequential model = new Sequential(new Linear(4, 8, new Generator(0)),
                new LeakyReLU(fixture.get("negative_slope").asDouble()), new Linear(8, 1, new Generator(0)), new Sigmoid());
        Map<String, Tensor> init = new LinkedHashMap<>();
        fixture.get("init").fields().forEachRemaining(e -> init.put(e.getKey(), tensor(e.getValue())));
        model.loadStateDict(init, true);
        Adam adam = new Adam(model.parameters(), fixture.get("lr").asDouble(), fixture.get("betas").get(0).asDouble(),
                fixture.get("betas").get(1).asDouble());
        BCELoss bce = new BCELoss();
        int step = 0;
        for (JsonNode s : fixture.get("steps")) {
            step++;
            adam.zeroGrad();
            Tensor loss = bce.forward(model.forward(tensor(s.get("input"))), tensor(s.get("target")));
            loss.backward();
            adam.step();
            assertEquals(s.get("loss").asDouble(), loss.item(), 1e-6, "loss at step " + step);
            Map<String, Tensor> state = model.stateDict();
            int at = step;
            s.get("params_after").fields().forEachRemaining(e ->
                    assertClose(e.getValue(), state.get(e.getKey()), RTOL, ATOL, e.getKey() + " after step " + at));
        }
        assertEquals(3, step);
    }
}
