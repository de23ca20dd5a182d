package dev.jgan.gan.train;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanTrainerTest {

    private static Gan smallGan() {
        return MlpGan.build(8, 1, 4, 4, new Generator(1));
    }

    @Test
    void generatorIsUpdatedEveryKthStepOnly() {
        Gan gan = smallGan();
        GanTrainer trainer = new GanTrainer(gan, new GanTrainer.Options(GanLoss.NON_SATURATING, 2, 2e-4, 0.5, 0.999),
                new Generator(2));
        Tensor real = Tensor.rand(new Generator(3), 16, 1, 4, 4).mul(2.0).sub(1.0);
        Tensor g0 = gan.generator().parameters().get(0).contiguousCopy();
        StepResult first = trainer.step(real);
        assertTrue(Double.isNaN(first.generatorLoss()), "k = 2: no G step after the first D step");
        assertTrue(gan.generator().parameters().get(0).allClose(g0, 0, 0), "G unchanged by a D step");
        StepResult second = trainer.step(real);
        assertFalse(Double.isNaN(second.generatorLoss()));
        assertFalse(gan.generator().parameters().get(0).allClose(g0, 0, 0), "G moved by its own step");
        assertEquals(1, second.step());
    }

    @Test
    void discriminatorStepLeavesNoGradientInTheGenerator() {
        Gan gan = smallGan();
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(2));
        trainer.step(Tensor.rand(new Generator(3), 16, 1, 4, 4));
        for (Tensor p : gan.discriminator().parameters()) {
            assertEquals(null, p.grad(), "D's gradients from G's step are cleared");
        }
    }

    @Test
    void aNaNParameterStopsTrainingNamingTheStepAndTheParameter() {
        Gan gan = smallGan();
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(2));
        Tensor real = Tensor.rand(new Generator(3), 16, 1, 4, 4);
        trainer.step(real);
        try (GradMode.Scope s = GradMode.noGrad()) {
            gan.generator().parameters().get(2).fill_(Double.NaN);
        }
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.step(real));
        assertEquals(1, e.step());
        assertTrue(e.getMessage().startsWith("step 1: the discriminator loss is NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("parameter generator.2.weight"), e.getMessage());
    }

    @Test
    void aNaNInputIsTracedToTheFirstLayerThatPassesItOn() {
        Gan gan = smallGan();
        Tensor z = gan.noise(new Generator(4), 4);
        try (GradMode.Scope s = GradMode.noGrad()) {
            z.narrow(0, 0, 1).fill_(Double.POSITIVE_INFINITY);
        }
        String where = NonFiniteDiagnosis.locate("generator", gan.generator(), z).orElseThrow();
        assertEquals("the input of generator is not finite", where);
        try (GradMode.Scope s = GradMode.noGrad()) {
            gan.generator().parameters().get(0).fill_(3e38); // finite, but a sum of such products is not
        }
        String layer = NonFiniteDiagnosis.locate("generator", gan.generator(), gan.noise(new Generator(5), 4)).orElseThrow();
        assertEquals("the output of layer generator.0 (Linear(inFeatures=8, outFeatures=128, bias=true)) is not finite", layer);
        assertNotEquals(where, layer);
    }

    @Test
    void aGeneratorPenaltyIsAddedToGsLossAndSeesGsBatchAndTheRealOne() {
        Tensor real = Tensor.rand(new Generator(3), 16, 1, 4, 4).mul(2.0).sub(1.0);
        Gan plain = smallGan();
        StepResult without = new GanTrainer(plain, GanTrainer.Options.paper(), new Generator(2)).step(real);

        Gan zeroPenalty = smallGan();
        StepResult withZero = new GanTrainer(zeroPenalty, GanTrainer.Options.paper(), new Generator(2))
                .withGeneratorPenalty((fake, r) -> fake.mul(0.0).sum()).step(real);
        assertEquals(without.generatorLoss(), withZero.generatorLoss());
        assertTrue(zeroPenalty.generator().parameters().get(0).allClose(plain.generator().parameters().get(0), 0, 0),
                "a penalty of 0 leaves G's step as it was");

        Gan penalized = smallGan();
        int[] seen = new int[2];
        StepResult withPenalty = new GanTrainer(penalized, GanTrainer.Options.paper(), new Generator(2))
                .withGeneratorPenalty((fake, r) -> {
                    seen[0] = fake.size(0);
                    seen[1] = r == real ? 1 : 0;
                    return fake.sub(r).pow(2.0).mean().mul(100.0);
                }).step(real);
        assertEquals(16, seen[0], "the penalty sees G's batch");
        assertEquals(1, seen[1], "and the real batch of the step");
        assertTrue(withPenalty.generatorLoss() > without.generatorLoss() + 1, withPenalty + " vs " + without);
        assertFalse(penalized.generator().parameters().get(0).allClose(plain.generator().parameters().get(0), 0, 0),
                "the penalty's gradient reaches G");
    }

    /**
     * With real images labelled 0.9, D's loss on the first step exceeds the plain one by exactly
     * 0.1 times the mean real logit: BCE(l, 0.9) - BCE(l, 1) = 0.1 (log sigmoid(l) - log(1 - sigmoid(l))) = 0.1 l.
     * The fake half of the loss is the same, from the same weights and noise.
     */
    @Test
    void aSmoothedRealLabelAddsATenthOfTheMeanRealLogitToDsLoss() {
        Tensor real = Tensor.rand(new Generator(3), 16, 1, 4, 4).mul(2.0).sub(1.0);
        Gan plain = smallGan();
        double meanRealLogit = plain.discriminator().forward(real).mean().item();
        StepResult hard = new GanTrainer(plain, GanTrainer.Options.paper(), new Generator(2)).step(real);
        StepResult smoothed = new GanTrainer(smallGan(), GanTrainer.Options.paper(), new Generator(2))
                .withRealLabel(0.9).step(real);
        assertEquals(hard.discriminatorLoss() + 0.1 * meanRealLogit, smoothed.discriminatorLoss(), 1e-6);
        assertEquals(hard.dReal(), smoothed.dReal(), "the same D before its step");
        assertThrows(IllegalArgumentException.class, () -> new GanTrainer(smallGan(), GanTrainer.Options.paper(),
                new Generator(2)).withRealLabel(1.5));
    }
}
