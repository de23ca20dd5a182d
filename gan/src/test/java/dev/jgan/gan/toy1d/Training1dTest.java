package dev.jgan.gan.toy1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.ToyGan;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Training1dTest {
    private static final Gaussian1d DATA = new Gaussian1d(4.0, 1.25);
    private static final GanTrainer.Options ADAM = new GanTrainer.Options(GanLoss.NON_SATURATING, 1, 1e-3, 0.5, 0.999);

    private static Training1d training(Gan gan, int steps, int batch) {
        return new Training1d(gan, DATA, new Training1d.Options(ADAM, batch, steps, 4.0), new Generator(10),
                new Generator(11));
    }

    @Test
    void learningRatesFallLinearlyToZeroAndDsIsTheRatioTimesGs() {
        Training1d.Options options = new Training1d.Options(ADAM, 8, 100, 4.0);
        assertEquals(1e-3, options.generatorLr(0), 1e-18);
        assertEquals(0.5e-3, options.generatorLr(50), 1e-18);
        assertEquals(1e-5, options.generatorLr(99), 1e-18);
        assertEquals(2e-3, options.discriminatorLr(50), 1e-18);
    }

    @Test
    void eachStepRunsAtItsScheduledRateAndThePlanCannotBeOverrun() {
        Training1d t = training(Gan1d.build(2, 8, 1, new FittedGaussian(4.0, 1.25), new Generator(1)), 4, 8);
        List<StepResult> results = t.train(3);
        assertEquals(3, results.size());
        assertEquals(2, results.get(2).step());
        assertEquals(t.options().generatorLr(2), t.trainer().generatorOptimizer().lr(), 1e-18);
        assertEquals(t.options().discriminatorLr(2), t.trainer().discriminatorOptimizer().lr(), 1e-18);
        t.step();
        assertEquals(4, t.stepCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, t::step);
        assertTrue(e.getMessage().contains("all 4 planned steps are done"), e.getMessage());
    }

    @Test
    void aShortRunMovesTheGeneratorOntoTheData() {
        Gan gan = Gan1d.build(4, 16, 2, new FittedGaussian(4.0, 1.25), new Generator(1));
        FittedGaussian before = FittedGaussian.ofGenerator(gan, new Generator(2), 2000);
        // Planned for 1000 steps, so the learning rate is still 80 % of its start at the end.
        training(gan, 1000, 32).train(200);
        FittedGaussian after = FittedGaussian.ofGenerator(gan, new Generator(2), 2000);
        assertTrue(Math.abs(before.mean() - 4.0) > 3.0, "G starts far from the data: " + before);
        assertEquals(4.0, after.mean(), 0.5, "after 200 steps: " + after);
        assertEquals(1.25, after.std(), 0.5, "after 200 steps: " + after);
    }

    @Test
    void badSetupsAreRejectedWithTheReason() {
        Gan twoD = ToyGan.build(2, 2, 8, 1, new Generator(1));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> training(twoD, 10, 8));
        assertTrue(shape.getMessage().contains("[2]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Training1d.Options(ADAM, 1, 10, 4.0));
        assertThrows(IllegalArgumentException.class, () -> new Training1d.Options(ADAM, 8, 0, 4.0));
        assertThrows(IllegalArgumentException.class, () -> new Training1d.Options(ADAM, 8, 10, 0.0));
    }
}
