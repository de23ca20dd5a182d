package dev.jgan.gan.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.TorchFixtures;
import dev.jgan.gan.models.Gan;
import dev.jgan.nn.BatchNorm1d;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.Tanh;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GanTrainer.StepOrder#GAN_PY} against PyTorch-GAN's gan.py loop, run by
 * pytorch/make_gan_fixtures.py for two steps on a tiny MLP GAN of gan.py's shape: both losses of
 * every step (D's halved) and the whole state afterwards (weights, BatchNorm's running statistics)
 * must match torch's.
 */
class GanPyOrderParityTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;
    private static final double LOSS_TOL = 1e-5;
    /**
     * G's first bias feeds a train-mode BatchNorm, which subtracts the batch mean: its true
     * gradient is exactly 0, and what both sides compute is rounding noise that Adam scales up to
     * a step of about lr either way. It can only be held to that: lr per step, two steps.
     */
    private static final String BIAS_BEFORE_BATCH_NORM = "0.bias";
    private static final double ROUNDING_NOISE_STEPS = 2 * 2 * 2e-4;

    /** gan.py's shapes in miniature: noise 4 -> 6 (BatchNorm eps 0.8) -> 5 pixels; D 5 -> 4 -> 1 logit. */
    private static Gan tinyGanPyNetworks(JsonNode f) {
        Generator gen = new Generator(0);
        Module g = new Sequential(new Linear(4, 6, gen), new BatchNorm1d(6, 0.8, 0.1, true), new LeakyReLU(0.2),
                new Linear(6, 5, gen), new Tanh());
        Module d = new Sequential(new Linear(5, 4, gen), new LeakyReLU(0.2), new Linear(4, 1, gen));
        g.loadStateDict(TorchFixtures.tensors(f.get("init_generator")), true);
        d.loadStateDict(TorchFixtures.tensors(f.get("init_discriminator")), true);
        return new Gan(g, d, 4, new int[]{5});
    }

    /** A trainer whose noise is the fixture's, batch after batch. */
    private static GanTrainer trainer(Gan gan, JsonNode f, GanTrainer.StepOrder order) {
        Deque<Tensor> noise = new ArrayDeque<>();
        f.get("z").forEach(z -> noise.add(TorchFixtures.tensor(z)));
        GanTrainer.Options options = GanTrainer.Options.paper().withOrder(order);
        return new GanTrainer(gan, options, n -> {
            assertTrue(!noise.isEmpty(), "the trainer drew more noise batches than the fixture holds");
            return noise.poll();
        });
    }

    @Test
    void twoStepsMatchGanPy() throws IOException {
        JsonNode f = TorchFixtures.load("gan_py_order.json");
        Gan gan = tinyGanPyNetworks(f);
        GanTrainer trainer = trainer(gan, f, GanTrainer.StepOrder.GAN_PY);
        for (int i = 0; i < f.get("losses").size(); i++) {
            StepResult r = trainer.step(TorchFixtures.tensor(f.get("real").get(i)));
            JsonNode expected = f.get("losses").get(i);
            assertEquals(expected.get("loss_g").asDouble(), r.generatorLoss(), LOSS_TOL, "G loss of step " + i);
            assertEquals(expected.get("loss_d").asDouble(), r.discriminatorLoss(), LOSS_TOL,
                    "D loss of step " + i + ", (real_loss + fake_loss) / 2");
        }
        assertState(f.get("after_generator"), gan.generator(), BIAS_BEFORE_BATCH_NORM);
        assertState(f.get("after_discriminator"), gan.discriminator(), null);
    }

    /** The default order on the same start gives other numbers: the test above could tell them apart. */
    @Test
    void algorithmOnesOrderEndsElsewhere() throws IOException {
        JsonNode f = TorchFixtures.load("gan_py_order.json");
        Gan gan = tinyGanPyNetworks(f);
        // The default order draws noise twice per step; give it the fixture's batches twice over.
        Deque<Tensor> noise = new ArrayDeque<>();
        for (int i = 0; i < 2; i++) {
            f.get("z").forEach(z -> noise.add(TorchFixtures.tensor(z)));
        }
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), n -> noise.poll());
        StepResult first = trainer.step(TorchFixtures.tensor(f.get("real").get(0)));
        assertNotEquals(f.get("losses").get(0).get("loss_d").asDouble(), first.discriminatorLoss(), 1e-3);
        trainer.step(TorchFixtures.tensor(f.get("real").get(1)));
        Tensor expected = TorchFixtures.tensor(f.get("after_discriminator").get("0.weight"));
        assertTrue(!gan.discriminator().stateDict().get("0.weight").allClose(expected, RTOL, ATOL),
                "D's weights after two steps of Algorithm 1's order differ from gan.py's");
    }

    @Test
    void ganPyOrderTakesOnlyOneDiscriminatorStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GanTrainer.Options(GanLoss.NON_SATURATING, 2, 2e-4, 0.5, 0.999, GanTrainer.StepOrder.GAN_PY));
        assertTrue(e.getMessage().contains("cannot take 2 discriminator steps"), e.getMessage());
    }

    private static void assertState(JsonNode expected, Module net, String roundingNoiseKey) {
        Map<String, Tensor> state = net.stateDict();
        assertEquals(expected.size(), state.size());
        expected.fields().forEachRemaining(e -> {
            Tensor want = TorchFixtures.tensor(e.getValue());
            Tensor got = state.get(e.getKey());
            assertNotNull(got, e.getKey());
            assertArrayEquals(want.shape(), got.shape(), e.getKey());
            double atol = e.getKey().equals(roundingNoiseKey) ? ROUNDING_NOISE_STEPS : ATOL;
            assertTrue(got.allClose(want, RTOL, atol), e.getKey() + " after two steps: largest difference "
                    + got.sub(want).abs().max().item());
        });
    }
}
