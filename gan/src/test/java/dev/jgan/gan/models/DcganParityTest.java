package dev.jgan.gan.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.TorchFixtures;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.nn.Module;
import dev.jgan.nn.optim.Adam;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One DCGAN training step against PyTorch (pytorch/make_gan_fixtures.py): the 32x32 networks at
 * nz = 4, ngf = ndf = 2 from PyTorch's initial weights, D's step on real images and detached
 * fakes, then G's non-saturating step, both with Adam(2e-4, (0.5, 0.999)), in the order of
 * GanTrainer.step with the fixture's noise. G's output, both losses, every gradient and the
 * whole state after the step (weights and BatchNorm running statistics) must match torch.
 */
class DcganParityTest {
    /** float32 through a dozen conv, BatchNorm and Adam stages: agreement to a few ulps of the largest values. */
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    @Test
    void oneTrainingStepMatchesPyTorch() throws IOException {
        JsonNode f = TorchFixtures.load("dcgan_step.json");
        Dcgan.Config config = new Dcgan.Config(32, f.get("channels").asInt(), f.get("nz").asInt(), f.get("ngf").asInt(),
                f.get("ndf").asInt(), 1e-5);
        Gan gan = Dcgan.build(config, new Generator(0));
        gan.generator().loadStateDict(TorchFixtures.tensors(f.get("init_generator")), true);
        gan.discriminator().loadStateDict(TorchFixtures.tensors(f.get("init_discriminator")), true);
        Adam adamG = new Adam(gan.generator().parameters(), 2e-4, 0.5, 0.999);
        Adam adamD = new Adam(gan.discriminator().parameters(), 2e-4, 0.5, 0.999);
        gan.generator().train();
        gan.discriminator().train();

        Tensor fake;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            fake = gan.generator().forward(TorchFixtures.tensor(f.get("z1")));
        }
        assertClose(f.get("fake"), fake, "G(z1)");
        Tensor lossD = GanLoss.discriminatorLoss(gan.discriminator().forward(TorchFixtures.tensor(f.get("real"))),
                gan.discriminator().forward(fake));
        assertEquals(f.get("loss_d").asDouble(), lossD.item(), 1e-5, "D loss");
        adamD.zeroGrad();
        lossD.backward();
        assertGrads(f.get("grads_discriminator"), gan.discriminator());
        adamD.step();

        Tensor lossG = GanLoss.NON_SATURATING.generatorLoss(
                gan.discriminator().forward(gan.generator().forward(TorchFixtures.tensor(f.get("z2")))));
        assertEquals(f.get("loss_g").asDouble(), lossG.item(), 1e-5, "G loss");
        adamG.zeroGrad();
        lossG.backward();
        assertGrads(f.get("grads_generator"), gan.generator());
        adamG.step();

        assertState(f.get("after_generator"), gan.generator());
        assertState(f.get("after_discriminator"), gan.discriminator());
    }

    private static void assertGrads(JsonNode expected, Module net) {
        Map<String, Tensor> params = net.namedParameters();
        assertEquals(expected.size(), params.size());
        expected.fields().forEachRemaining(e -> {
            Tensor grad = params.get(e.getKey()).grad();
            assertNotNull(grad, "no gradient for " + e.getKey());
            assertClose(e.getValue(), grad, "gradient of " + e.getKey());
        });
    }

    private static void assertState(JsonNode expected, Module net) {
        Map<String, Tensor> state = net.stateDict();
        assertEquals(expected.size(), state.size());
        expected.fields().forEachRemaining(e -> assertClose(e.getValue(), state.get(e.getKey()), e.getKey() + " after the step"));
    }

    private static void assertClose(JsonNode expected, Tensor actual, String what) {
        Tensor e = TorchFixtures.tensor(expected);
        assertArrayEquals(e.shape(), actual.shape(), what);
        assertTrue(actual.allClose(e, RTOL, ATOL), what + ": largest difference "
                + actual.sub(e).abs().max().item() + " (values up to " + e.abs().max().item() + ")");
    }
}
