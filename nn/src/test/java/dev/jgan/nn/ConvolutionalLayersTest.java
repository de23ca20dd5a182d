package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.init.Init;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers over core's convolution, pooling, resampling and dropout ops. */
class ConvolutionalLayersTest {

    @Test
    void conv2dHasPyTorchShapesNamesAndDefaultInitBounds() {
        Conv2d conv = new Conv2d(3, 8, 4, 2, 1, new Generator(1));
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
        assertArrayEquals(new int[]{8, 3, 4, 4}, conv.weight().shape());
        double bound = 1 / Math.sqrt(3 * 4 * 4); // kaiming_uniform(a = sqrt 5) and the bias share it
        assertTrue(conv.weight().abs().max().item() <= bound);
        assertTrue(conv.bias().abs().max().item() <= bound);
        Tensor y = conv.forward(Tensor.randn(new Generator(2), 2, 3, 32, 32));
        assertArrayEquals(new int[]{2, 8, 16, 16}, y.shape());
    }

    @Test
    void conv2dForwardIsTheCoreOpOnItsParameters() {
        Conv2d conv = new Conv2d(2, 3, new int[]{3, 2}, new int[]{1}, new int[]{1, 0}, new int[]{1}, 1, true,
                new Generator(3));
        Tensor x = Tensor.randn(new Generator(4), 1, 2, 5, 4);
        Tensor expected = Convolution.conv2d(x, conv.weight(), conv.bias(), new int[]{1, 1}, new int[]{1, 0},
                new int[]{1, 1}, 1);
        assertTrue(conv.forward(x).allClose(expected, 0, 0));
    }

    @Test
    void convTranspose2dDoublesTheSideAsInDcgan() {
        ConvTranspose2d up = new ConvTranspose2d(16, 8, 4, 2, 1, false, new Generator(5));
        assertArrayEquals(new int[]{16, 8, 4, 4}, up.weight().shape());
        assertEquals(null, up.bias());
        Tensor y = up.forward(Tensor.randn(new Generator(6), 2, 16, 8, 8));
        assertArrayEquals(new int[]{2, 8, 16, 16}, y.shape());
    }

    @Test
    void wrongChannelCountNamesTheLayerAndShape() {
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1, new Generator(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.zeros(1, 1, 8, 8)));
        assertTrue(e.getMessage().startsWith("Conv2d(3, 8"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 1, 8, 8]"), e.getMessage());
    }

    @Test
    void dcganInitFindsConvolutionsAndBatchNorms() {
        Sequential net = new Sequential(new ConvTranspose2d(4, 8, 4, 2, 1, false, new Generator(1)),
                new BatchNorm2d(8), new ReLU(), new Conv2d(8, 1, 3, 1, 1, new Generator(2)));
        net.apply(Init.dcgan(new Generator(7)));
        Tensor w = ((ConvTranspose2d) net.get(0)).weight();
        assertEquals(0.0, w.mean().item(), 0.01);
        assertEquals(0.02, Math.sqrt(w.var().item()), 0.004);
        Tensor scale = ((BatchNorm2d) net.get(1)).weight();
        assertEquals(1.0, scale.mean().item(), 0.02);
        assertEquals(0.0, ((Conv2d) net.get(3)).bias().abs().max().item());
    }

    @Test
    void poolsAndUpsamplingHaveTheirShapes() {
        Tensor x = Tensor.randn(new Generator(8), 2, 3, 8, 8);
        assertArrayEquals(new int[]{2, 3, 4, 4}, new MaxPool2d(2).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 4, 4}, new AvgPool2d(3, 2, 1).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 16, 16}, new Upsample(2).forward(x).shape());
        Tensor avg = new AvgPool2d(8).forward(x);
        assertEquals(x.mean(new int[]{2, 3}, false).get(1, 2), avg.get(1, 2, 0, 0), 1e-6);
    }

    @Test
    void dropoutIsTheIdentityInEvalAndDropsInTraining() {
        Tensor x = Tensor.ones(1000);
        Dropout d = new Dropout(0.25, new Generator(9));
        d.eval();
        assertSame(x, d.forward(x));
        d.train();
        Tensor y = d.forward(x);
        double kept = y.gt(0.0).mean().item();
        assertEquals(0.75, kept, 0.05);
        assertEquals(1 / 0.75, y.max().item(), 1e-6);
        Tensor maps = Dropout.channels(0.5, new Generator(10)).forward(Tensor.ones(4, 6, 3, 3));
        Tensor perChannel = maps.mean(new int[]{2, 3}, false);
        for (double v : perChannel.toDoubleArray()) {
            assertTrue(v == 0.0 || v == 2.0, "whole channels are kept (x2) or dropped: " + v);
        }
    }
}
