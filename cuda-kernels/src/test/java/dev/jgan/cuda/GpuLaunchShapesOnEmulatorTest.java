package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;
import dev.jgan.core.conformance.ConvolutionConformance;
import dev.jgan.core.conformance.Expect;
import dev.jgan.core.conformance.Layout;
import dev.jgan.core.conformance.Oracle;
import dev.jgan.core.conformance.Windows;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.driver.EmulatedDriver;
import dev.jgan.cuda.driver.EmulatorLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The emulator normally launches small blocks to stay fast; these cases run it with the launch
 * shapes of a real GPU (256 threads, the full reduction scratch), so that the shapes the GPU
 * uses are checked here too.
 */
class GpuLaunchShapesOnEmulatorTest {
    private CudaBackend backend;

    @BeforeEach
    void emulatorWithGpuShapes() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        backend = new CudaBackend(Device.cuda(0), new EmulatedDriver(), new KernelMatmul(GemmKernel.BLOCKTILE_2D),
                LaunchShapes.GPU);
    }

    @Test
    void reductionsWithFullBlocksOf256Threads() {
        Layout.Pair x = Layout.contiguous(3, 1000).random(backend, DType.FLOAT32, new Random(61), -2, 2);
        for (ReduceOp op : ReduceOp.values()) {
            Tensor out = Tensor.empty(backend, DType.FLOAT32, 3, 1);
            backend.reduce(op, x.device().operand(), new boolean[]{false, true}, out.operand());
            double[] expected = Oracle.reduce(op, x.cpu().toDoubleArray(), new int[]{3, 1000}, new boolean[]{false, true});
            Expect.close(op + " of 1000 with 256 threads", expected, out.toDoubleArray(), 0, 1000 * 8 * 0x1p-24);
        }
    }

    @Test
    void softmaxWithFullBlocksOf256Threads() {
        Layout.Pair x = Layout.transposed(1000, 2).random(backend, DType.FLOAT64, new Random(62), -30, 30);
        Tensor out = Tensor.empty(backend, DType.FLOAT64, 1000, 2);
        backend.softmax(x.device().operand(), 0, false, out.operand());
        Expect.close("softmax of 1000 with 256 threads", Oracle.softmax(x.cpu().toDoubleArray(), new int[]{1000, 2}, 0, false),
                out.toDoubleArray(), 1e-13, 1e-16);
    }

    @Test
    void elementwiseOverManyFullBlocks() {
        Layout.Pair x = Layout.gapped(300, 233).random(backend, DType.FLOAT32, new Random(63), -3, 3);
        Tensor out = Tensor.empty(backend, DType.FLOAT32, 300, 233);
        backend.unary(UnaryOp.ABS, x.device().operand(), out.operand(), 0, 0);
        double[] in = x.cpu().toDoubleArray();
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            expected[i] = Math.abs(in[i]);
        }
        Expect.equal("abs of 69900 elements in blocks of 256", expected, out.toDoubleArray());
    }

    @Test
    void col2imAndAdamOverSeveralFullBlocks() {
        Backend cpu = Backends.cpu();
        Windows g = new Windows("20x20, kernel 3, padding 1", 2, 3, 20, 20, 3, 3, 1, 1, 1, 1, 1, 1);
        Layout.Pair cols = Layout.contiguous(g.columnsShape()).random(backend, DType.FLOAT64, new Random(64), -1, 1);
        Tensor image = Tensor.empty(backend, DType.FLOAT64, g.imageShape());
        ConvolutionConformance.col2im(backend, g, cols.device(), image);
        Expect.equal("col2im of 2400 pixels in blocks of 256", Oracle.col2im(cols.cpu().toDoubleArray(), g),
                image.toDoubleArray());

        Tensor param = Tensor.randn(new Generator(65), 1000);
        Tensor grad = Tensor.randn(new Generator(66), 1000);
        Tensor[] cpuState = {Tensor.zeros(1000), Tensor.zeros(1000)};
        Tensor devParam = param.to(backend);
        Tensor[] devState = {cpuState[0].to(backend), cpuState[1].to(backend)};
        AdamSettings adam = new AdamSettings(1e-3, 0.9, 0.999, 1e-8, 1e-2, false);
        ((FusedOptimizerKernels) cpu).adamStep(param.operand(), grad.operand(), cpuState[0].operand(),
                cpuState[1].operand(), null, 1, adam);
        backend.adamStep(devParam.operand(), grad.to(backend).operand(), devState[0].operand(), devState[1].operand(),
                null, 1, adam);
        Expect.equal("adam over 1000 elements in blocks of 256", param.toDoubleArray(), devParam.toDoubleArray());
    }
}
