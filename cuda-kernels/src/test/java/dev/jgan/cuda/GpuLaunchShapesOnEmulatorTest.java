package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;
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
            backend.reduce(op, x.device(), new boolean[]{false, true}, out);
            double[] expected = Oracle.reduce(op, x.cpu().toDoubleArray(), new int[]{3, 1000}, new boolean[]{false, true});
            Expect.close(op + " of 1000 with 256 threads", expected, out.toDoubleArray(), 0, 1000 * 8 * 0x1p-24);
        }
    }

    @Test
    void softmaxWithFullBlocksOf256Threads() {
        Layout.Pair x = Layout.transposed(1000, 2).random(backend, DType.FLOAT64, new Random(62), -30, 30);
        Tensor out = Tensor.empty(backend, DType.FLOAT64, 1000, 2);
        backend.softmax(x.device(), 0, false, out);
        Expect.close("softmax of 1000 with 256 threads", Oracle.softmax(x.cpu().toDoubleArray(), new int[]{1000, 2}, 0, false),
                out.toDoubleArray(), 1e-13, 1e-16);
    }

    @Test
    void elementwiseOverManyFullBlocks() {
        Layout.Pair x = Layout.gapped(300, 233).random(backend, DType.FLOAT32, new Random(63), -3, 3);
        Tensor out = Tensor.empty(backend, DType.FLOAT32, 300, 233);
        backend.unary(UnaryOp.ABS, x.device(), out, 0, 0);
        double[] in = x.cpu().toDoubleArray();
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            expected[i] = Math.abs(in[i]);
        }
        Expect.equal("abs of 69900 elements in blocks of 256", expected, out.toDoubleArray());
    }
}
