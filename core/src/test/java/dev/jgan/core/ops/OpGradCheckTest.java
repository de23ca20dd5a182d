package dev.jgan.core.ops;

import dev.jgan.core.ops.CheckLedger.Order;
import dev.jgan.core.ops.CheckLedger.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * gradcheck on every sample of every registry entry, and gradgradcheck on every sample of every
 * entry that is not exempt. A failure names the op, the sample, the input and the element.
 */
class OpGradCheckTest {

    static Stream<Arguments> samples() {
        return argumentsOf(OpInfos.all().stream());
    }

    static Stream<Arguments> secondOrderSamples() {
        return argumentsOf(OpInfos.all().stream().filter(OpInfo::checksSecondOrder));
    }

    private static Stream<Arguments> argumentsOf(Stream<OpInfo> infos) {
        return infos.flatMap(info -> info.samples().stream().map(s -> Arguments.of(info, s)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("samples")
    void gradcheck(OpInfo info, OpSample sample) {
        assertPassed(info, sample, CheckLedger.run(info, sample, Order.GRADCHECK), "");
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("secondOrderSamples")
    void gradgradcheck(OpInfo info, OpSample sample) {
        assertPassed(info, sample, CheckLedger.run(info, sample, Order.GRADGRADCHECK),
                " (input " + sample.args().size() + " is w, the random weight in f(x) * w; a mismatch there means"
                        + " a backward formula is wrong in its incoming gradient)");
    }

    private static void assertPassed(OpInfo info, OpSample sample, Outcome outcome, String inputNote) {
        if (outcome.failure() != null) {
            throw new AssertionError(info.name() + " [" + sample.name() + "]: " + outcome.failure().getMessage()
                    + inputNote, outcome.failure());
        }
    }
}
