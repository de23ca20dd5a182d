package dev.jgan.gan.train;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.cpu.CpuBackend;
import dev.jgan.core.backend.cpu.CpuMemoryPool;
import dev.jgan.core.backend.cpu.CpuMemoryScope;
import dev.jgan.core.backend.cpu.CpuMemoryStats;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.nn.BatchNorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GAN training steps in CPU memory scopes, as {@code gan train} runs them: the parameters, Adam's
 * moments and batch norm's running statistics, all updated in place, come out with the same bits
 * as steps taken without scopes, while every array of a later step is a reused one. The pooled
 * run fills every array it hands out with NaN, so an op that read an element before writing it
 * would show.
 */
class ScopedTrainingTest {
    private static final int STEPS = 4;
    /** The pool's counters over the last step of the latest {@link #train}. */
    private static CpuMemoryStats lastStep;

    @Test
    void mlpGanStepsInScopesGiveTheBitsOfPlainSteps() {
        assertSameBits(() -> MlpGan.build(8, 1, 6, 6, new Generator(1)), new int[] {16, 1, 6, 6});
    }

    @Test
    void dcganStepsInScopesGiveTheBitsOfPlainSteps() {
        assertSameBits(() -> Dcgan.build(new Dcgan.Config(16, 1, 8, 8, 8, BatchNorm.DEFAULT_EPS), new Generator(1)),
                new int[] {8, 1, 16, 16});
    }

    /**
     * A step's D part and G part run in scopes of their own inside the caller's, so arrays the D
     * part gives back serve the G part of the same step: starting from an empty pool, a single
     * step already reuses arrays (in one scope it could not: nothing goes back before it ends).
     */
    @ParameterizedTest
    @EnumSource(GanTrainer.StepOrder.class)
    void theGeneratorsPartReusesTheDiscriminatorsArraysWithinAStep(GanTrainer.StepOrder order) {
        Gan gan = Dcgan.build(new Dcgan.Config(16, 1, 8, 8, 8, BatchNorm.DEFAULT_EPS), new Generator(1));
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper().withOrder(order), new Generator(2));
        Tensor real = Tensor.rand(new Generator(3), 8, 1, 16, 16).mul(2.0).sub(1.0);
        trainer.step(real);
        CpuMemoryPool pool = pool();
        long cap = pool.capBytes();
        pool.setCapBytes(1L << 30);
        try {
            pool.emptyCache();
            CpuMemoryStats before = pool.stats();
            try (CpuMemoryScope scope = ((CpuBackend) Backends.cpu()).openScope()) {
                trainer.step(real);
            }
            CpuMemoryStats step = pool.stats().since(before);
            assertTrue(step.reused() > 10, "the G part reuses the D part's arrays (or the other way): " + step);
        } finally {
            pool.setCapBytes(cap);
        }
    }

    private static void assertSameBits(Supplier<Gan> build, int[] batchShape) {
        CpuMemoryPool pool = pool();
        long cap = pool.capBytes();
        List<float[]> plain = train(build.get(), batchShape, false);
        pool.setPoison(true);
        pool.setCapBytes(1L << 30);
        try {
            List<float[]> scoped = train(build.get(), batchShape, true);
            assertEquals(plain.size(), scoped.size());
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(plain.get(i), scoped.get(i), "tensor " + i + " (parameters, then losses)");
            }
            assertTrue(lastStep.requests() > 20 && lastStep.reused() == lastStep.requests(),
                    "the last step takes every array from the pool: " + lastStep);
        } finally {
            pool.setPoison(false);
            pool.setCapBytes(cap);
        }
    }

    private static CpuMemoryPool pool() {
        return ((CpuBackend) Backends.cpu()).memoryPool();
    }

    /** Parameters, buffers and the losses after STEPS steps, the first outside any scope (it creates Adam's state). */
    private static List<float[]> train(Gan gan, int[] batchShape, boolean scoped) {
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(2));
        Tensor real = Tensor.rand(new Generator(3), batchShape).mul(2.0).sub(1.0);
        float[] losses = new float[2 * STEPS];
        for (int step = 0; step < STEPS; step++) {
            StepResult r;
            CpuMemoryStats before = pool().stats();
            if (scoped && step > 0) {
                try (CpuMemoryScope scope = ((CpuBackend) Backends.cpu()).openScope()) {
                    r = trainer.step(real);
                }
            } else {
                r = trainer.step(real);
            }
            lastStep = pool().stats().since(before);
            losses[2 * step] = (float) r.discriminatorLoss();
            losses[2 * step + 1] = (float) r.generatorLoss();
        }
        List<float[]> state = new ArrayList<>();
        for (var module : List.of(gan.generator(), gan.discriminator())) {
            module.parameters().forEach(p -> state.add(p.toFloatArray()));
            module.buffers().forEach(b -> state.add(b.toFloatArray()));
        }
        state.add(losses);
        return state;
    }
}
