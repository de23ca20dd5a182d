package dev.jgan.gan.models;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Module;
import dev.jgan.nn.NormalizationLayer;
import dev.jgan.nn.WeightedLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcganTest {
    private static Gan tiny(int imageSize, int channels) {
        return Dcgan.build(new Dcgan.Config(imageSize, channels, 8, 4, 4, 1e-5), new Generator(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void generatorMakesImagesInTanhRangeAndDiscriminatorOneLogitEach(int size) {
        Gan gan = tiny(size, 3);
        Tensor images = gan.generator().forward(gan.noise(new Generator(2), 5));
        assertArrayEquals(new int[]{5, 3, size, size}, images.shape());
        assertTrue(images.abs().max().item() <= 1.0, "Tanh output");
        assertArrayEquals(new int[]{5, 1}, gan.discriminator().forward(images).shape());
        assertArrayEquals(new int[]{3, size, size}, gan.sampleShape());
    }

    @Test
    void generatorAlsoTakesNoiseAsOneByOneImagesAsPyTorchExamplesDoes() {
        Gan gan = tiny(32, 1);
        Tensor z = gan.noise(new Generator(2), 3);
        gan.generator().eval();
        Tensor flat = gan.generator().forward(z);
        Tensor image = gan.generator().forward(z.reshape(3, 8, 1, 1));
        assertTrue(flat.allClose(image, 0, 0));
    }

    @Test
    void parameterCountsAreThoseOfPytorchExamples() {
        // pytorch/examples dcgan/main.py with nc = 3, nz = 100, ngf = ndf = 64, as PyTorch counts them.
        Gan gan = Dcgan.build(Dcgan.Config.of(64, 3), new Generator(0));
        assertEquals(3_576_704, count(gan.generator()));
        assertEquals(2_765_568, count(gan.discriminator()));
    }

    @Test
    void layersFollowThePaperGuidelines() {
        Gan gan = tiny(64, 1);
        assertEquals(List.of("ConvTranspose2d", "BatchNorm2d", "ReLU", "ConvTranspose2d", "BatchNorm2d", "ReLU",
                "ConvTranspose2d", "BatchNorm2d", "ReLU", "ConvTranspose2d", "BatchNorm2d", "ReLU", "ConvTranspose2d",
                "Tanh"), layerNames(((DcganGenerator) gan.generator()).layers().children()));
        assertEquals(List.of("Conv2d", "LeakyReLU", "Conv2d", "BatchNorm2d", "LeakyReLU", "Conv2d", "BatchNorm2d",
                "LeakyReLU", "Conv2d", "BatchNorm2d", "LeakyReLU", "Conv2d"),
                layerNames(((DcganDiscriminator) gan.discriminator()).layers().children()));
        assertEquals(List.of("ConvTranspose2d", "BatchNorm2d", "ReLU", "ConvTranspose2d", "BatchNorm2d", "ReLU",
                "ConvTranspose2d", "BatchNorm2d", "ReLU", "ConvTranspose2d", "Tanh"),
                layerNames(((DcganGenerator) tiny(32, 1).generator()).layers().children()));
    }

    @Test
    void stateDictKeysAreThoseOfPytorchExamples() {
        Gan gan = tiny(32, 1);
        assertEquals(List.of("main.0.weight", "main.1.weight", "main.1.bias", "main.1.running_mean",
                        "main.1.running_var", "main.3.weight", "main.4.weight", "main.4.bias", "main.4.running_mean",
                        "main.4.running_var", "main.6.weight", "main.7.weight", "main.7.bias", "main.7.running_mean",
                        "main.7.running_var", "main.9.weight"),
                List.copyOf(gan.generator().stateDict().keySet()));
    }

    @Test
    void initIsNormalWithStd002AndBatchNormScalesAroundOne() {
        Gan gan = Dcgan.build(Dcgan.Config.of(32, 1), new Generator(3));
        for (Module net : List.of(gan.generator(), gan.discriminator())) {
            for (Module m : net.namedModules().values()) {
                if (m instanceof NormalizationLayer n) {
                    assertEquals(1.0, n.weight().mean().item(), 0.01, m.toString());
                    assertEquals(0.0, n.bias().abs().max().item(), 0.0, m.toString());
                } else if (m instanceof WeightedLayer w && w.weight().numel() > 10_000) {
                    double std = w.weight().var(new int[0], 1, false).sqrt().item();
                    assertEquals(0.02, std, 0.001, m.toString());
                    assertEquals(0.0, w.weight().mean().item(), 0.001, m.toString());
                }
            }
        }
    }

    @Test
    void imagesOfTheWrongSizeAreRefusedByName() {
        Gan gan = tiny(32, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gan.discriminator().forward(Tensor.zeros(2, 1, 28, 28)));
        assertEquals("dcgan32: images must be [1, 32, 32]; got [1, 28, 28]: pad or resize them first"
                + " (nn.data.Pad or Resize; gan train does it with --image-size 32)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gan.discriminator().forward(Tensor.zeros(2, 3, 32, 32)));
        assertEquals("dcgan32: images must be [1, 32, 32]; got [3, 32, 32]: this discriminator was built for"
                + " 1 channel(s)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gan.discriminator().forward(Tensor.zeros(2, 1024)));
        assertTrue(e.getMessage().contains("a batch of shape [2, 1024]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gan.generator().forward(Tensor.zeros(2, 100)));
        assertEquals("dcgan32 generator: noise must be [N, 8] (or [N, 8, 1, 1]); got [2, 100]", e.getMessage());
    }

    @Test
    void sizesThatAreNotPowersOfTwoAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dcgan.Config.of(28, 1));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    private static long count(Module m) {
        return m.parameters().stream().mapToLong(Tensor::numel).sum();
    }

    private static List<String> layerNames(List<Module> layers) {
        return layers.stream().map(m -> m.getClass().getSimpleName()).toList();
    }
}
