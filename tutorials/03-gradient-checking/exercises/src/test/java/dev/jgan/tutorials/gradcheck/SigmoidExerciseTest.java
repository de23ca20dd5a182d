package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Exercise 3: the hand-written sigmoid's backward passes gradcheck and agrees with core's sigmoid. */
class SigmoidExerciseTest {
    @Test
    void passesGradcheck() {
        Tensor x = Tensor.randn(new Generator(3), 3, 4).to(DType.FLOAT64).mul(2.0).requiresGrad(true);
        // On failure, GradCheckError's message is the report to read: analytical against numerical.
        System.out.println("exercise 3: " + Outcome.of(
                () -> GradCheck.gradcheck(in -> HandWrittenSigmoid.sigmoid(in.get(0)), x)));
        GradCheck.gradcheck(in -> HandWrittenSigmoid.sigmoid(in.get(0)), x);
    }

    @Test
    void gradientIsCoresSigmoidGradient() {
        double[] values = {-4, -1, -0.25, 0, 0.5, 3};
        Tensor mine = Tensor.fromArray(values, values.length).to(DType.FLOAT64).requiresGrad(true);
        Tensor cores = Tensor.fromArray(values, values.length).to(DType.FLOAT64).requiresGrad(true);
        HandWrittenSigmoid.sigmoid(mine).sum().backward();
        cores.sigmoid().sum().backward();
        assertArrayEquals(cores.grad().toDoubleArray(), mine.grad().toDoubleArray(), 1e-15,
                "d sigmoid / dx at " + java.util.Arrays.toString(values));
    }
}
