package dev.jgan.nn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.nn.PyTorchFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static dev.jgan.nn.PyTorchFixtures.assertClose;
import static dev.jgan.nn.PyTorchFixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SGD and Adam over five steps from the same parameters and the same fixed gradients as
 * torch.optim (parameter 1 has no gradient at step 3), comparing the parameters after every
 * step and the final per-parameter state.
 */
class OptimizerParityTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @TestFactory
    List<DynamicTest> optimizersMatchPyTorchStepByStep() {
        JsonNode fixture = PyTorchFixtures.load("optim.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            String name = c.get("optimizer").asText() + " " + c.get("options");
            tests.add(DynamicTest.dynamicTest(name, () -> run(fixture, c, name)));
        }
        return tests;
    }

    private static void run(JsonNode fixture, JsonNode c, String name) {
        List<Tensor> params = new ArrayList<>();
        for (JsonNode init : fixture.get("init")) {
            params.add(tensor(init).requiresGrad(true));
        }
        Optimizer opt = build(c.get("optimizer").asText(), c.get("options"), params);
        JsonNode grads = fixture.get("grads");
        for (int step = 0; step < grads.size(); step++) {
            opt.zeroGrad();
            for (int i = 0; i < params.size(); i++) {
                JsonNode g = grads.get(step).get(i);
                params.get(i).setGrad(g.isNull() ? null : tensor(g));
            }
            opt.step();
            for (int i = 0; i < params.size(); i++) {
                assertClose(c.get("params_after").get(step).get(i), params.get(i), RTOL, ATOL,
                        name + " param " + i + " after step " + (step + 1));
            }
        }
        OptimizerState state = opt.stateDict();
        assertEquals(c.get("final_state").size(), state.tensors().size(), name + " state tensors " + state.tensors().keySet());
        c.get("final_state").fields().forEachRemaining(e ->
                assertClose(e.getValue(), state.tensors().get(e.getKey()), RTOL, ATOL, name + " " + e.getKey()));
        c.get("final_steps").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), state.metadata().get("state." + e.getKey() + ".step"), name + " steps"));
    }

    private static Optimizer build(String kind, JsonNode o, List<Tensor> params) {
        double lr = o.get("lr").asDouble();
        double weightDecay = o.get("weight_decay").asDouble();
        if (kind.equals("sgd")) {
            return new SGD(params, lr, o.get("momentum").asDouble(), o.get("dampening").asDouble(),
                    o.get("nesterov").asBoolean(), weightDecay);
        }
        return new Adam(params, lr, o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble(),
                o.get("eps").asDouble(), weightDecay, o.get("amsgrad").asBoolean());
    }
}
