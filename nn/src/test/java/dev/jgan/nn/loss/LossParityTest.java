package dev.jgan.nn.loss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;
import dev.jgan.nn.PyTorchFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.jgan.nn.PyTorchFixtures.assertClose;
import static dev.jgan.nn.PyTorchFixtures.tensor;

/** Every loss, every reduction, value and input gradient, against torch.nn.functional. */
class LossParityTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @TestFactory
    List<DynamicTest> lossesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : PyTorchFixtures.load("losses.json").get("cases")) {
            String loss = c.get("loss").asText();
            Reduction reduction = Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT));
            String name = loss + " " + reduction + " " + c.get("input").get("shape");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = tensor(c.get("input")).requiresGrad(true);
                Tensor out = compute(loss, reduction, x, c);
                assertClose(c.get("output"), out, RTOL, ATOL, name + " value");
                out.backward(tensor(c.get("grad_output")));
                assertClose(c.get("grad_input"), x.grad(), RTOL, ATOL, name + " input grad");
            }));
        }
        return tests;
    }

    private static Tensor compute(String loss, Reduction reduction, Tensor x, JsonNode c) {
        return switch (loss) {
            case "bce" -> new BCELoss(reduction).forward(x, tensor(c.get("target")));
            case "bce_with_logits" -> new BCEWithLogitsLoss(reduction).forward(x, tensor(c.get("target")));
            case "mse" -> new MSELoss(reduction).forward(x, tensor(c.get("target")));
            // one form takes labels as int[], the other as a tensor of class indices: both are checked
            case "cross_entropy" -> new CrossEntropyLoss(reduction).forward(x, PyTorchFixtures.ints(c.get("labels")));
            case "nll" -> new NLLLoss(reduction).forward(x, labelTensor(c));
            default -> throw new IllegalArgumentException("unknown loss in fixture: " + loss);
        };
    }

    private static Tensor labelTensor(JsonNode c) {
        int[] labels = PyTorchFixtures.ints(c.get("labels"));
        double[] values = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            values[i] = labels[i];
        }
        return Tensor.fromArray(values, PyTorchFixtures.ints(c.get("label_shape"))).to(dev.jgan.core.DType.FLOAT32);
    }
}
