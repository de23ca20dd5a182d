package dev.jgan.core.parity;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * jgan's core ops against PyTorch 1.13: each case runs our op on the inputs PyTorch used,
 * backpropagates PyTorch's upstream gradient and compares the output and every input gradient.
 * The fixtures come from {@code pytorch/make_core_fixtures.py}; see {@code pytorch/README.md}.
 */
class CorePytorchParityTest {

    static Stream<Named<ParityCase>> elementwiseCases() {
        return ParityFixtures.named("elementwise");
    }

    static Stream<Named<ParityCase>> reductionCases() {
        return ParityFixtures.named("reductions");
    }

    static Stream<Named<ParityCase>> matmulCases() {
        return ParityFixtures.named("matmul");
    }

    static Stream<Named<ParityCase>> softmaxCases() {
        return ParityFixtures.named("softmax");
    }

    static Stream<Named<ParityCase>> joinCases() {
        return ParityFixtures.named("joins");
    }

    static Stream<Named<ParityCase>> lossCases() {
        return ParityFixtures.named("losses");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwiseCases")
    void elementwise(ParityCase c) {
        assertMatchesPytorch(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductionCases")
    void reductions(ParityCase c) {
        assertMatchesPytorch(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matmulCases")
    void matmul(ParityCase c) {
        assertMatchesPytorch(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxCases")
    void softmax(ParityCase c) {
        assertMatchesPytorch(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("joinCases")
    void joins(ParityCase c) {
        assertMatchesPytorch(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossCases")
    void losses(ParityCase c) {
        assertMatchesPytorch(c);
    }

    private static void assertMatchesPytorch(ParityCase c) {
        DType dtype = c.type();
        Tolerance tolerance = Tolerance.of(dtype);
        List<Tensor> inputs = new ArrayList<>();
        for (FixtureInput input : c.inputs()) {
            inputs.add(input.value().toTensor(dtype).requiresGrad(input.grad() != null));
        }
        Tensor out = CoreOps.apply(c, inputs);
        assertEquals(dtype, out.dtype(), c.name() + ": output dtype");
        tolerance.assertClose(c.name() + ": forward", c.output(), out);
        out.backward(c.gradOutput().toTensor(dtype));
        for (int i = 0; i < inputs.size(); i++) {
            FixtureInput input = c.inputs().get(i);
            if (input.grad() != null) {
                tolerance.assertClose(c.name() + ": gradient of " + input.name(), input.grad(), inputs.get(i).grad());
            }
        }
    }
}
