package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/**
 * What every conformance suite has in common: the targets it runs against, given by the
 * subclass in each module that has a backend (core: the CPU's reference loops and fast paths;
 * cuda-kernels: the emulator and the GPU). The suites themselves hold each target to its
 * definition ({@link Oracle}) or to the CPU reference, never to another target's output.
 *
 * <p>Per-class instances let the parameter sources be instance methods that call
 * {@link #targets()}, which a static method could not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceSuite {

    /** The backends to test, in the order their cases should appear. */
    protected abstract Stream<ConformanceTarget> targets();

    /** Every target in both dtypes. */
    protected Stream<Arguments> targetsAndDtypes() {
        return targets().flatMap(t -> Stream.of(Arguments.of(t, DType.FLOAT32), Arguments.of(t, DType.FLOAT64)));
    }
}
