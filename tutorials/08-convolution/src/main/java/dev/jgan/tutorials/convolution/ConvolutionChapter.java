package dev.jgan.tutorials.convolution;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.ops.ConvGeometry;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.ops.Pooling;
import dev.jgan.core.ops.Resampling;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.ConvTranspose2d;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Chapter 8's program: convolution as nested loops, the output-size formula, im2col and the
 * one matmul it turns a convolution into and a timing of the loops against it, the backward and
 * col2im, transposed convolution as a gradient and as upsampling, checkerboards, pooling,
 * upsampling and groups, in the order of the chapter's sections. Everything the chapter text
 * quotes is printed here.
 *
 * <p>Arguments (both optional): the untimed warm-up runs (default 3) and the timed runs
 * (default 7) of each contender. The pictures go to the chapter's {@code images/} folder (paths
 * from the repository root, where {@code exec:java} runs).
 */
public final class ConvolutionChapter {
    static final int DEFAULT_WARMUPS = 3;
    static final int DEFAULT_REPEATS = 7;
    static final long SEED = 8;
    static final Path DEFAULT_IMAGES = Path.of("tutorials", "08-convolution", "images");
    /** The DCGAN samples of section 7: chapter 9's run at ngf = 16 after 200 steps, beside real images. */
    static final Path DEFAULT_SAMPLES = Path.of("tutorials", "09-dcgan", "images", "fashion-ngf16-step200.png");

    /** Headline of the machine-dependent block, so the text test can tell it apart. */
    static final String TIMING_HEADLINE = "== timing one DCGAN discriminator layer";

    private static final int[] ONE = {1};
    private static final int[] ZERO = {0};
    private static final int[] TWO = {2};

    /** What the program found, for the tests to check. */
    record Findings(double tinyDirectVsIm2col, double tinyWeightGradVsFormula, double tinyInputGradVsFormula,
                    double adjointLeft, double adjointRight, double transposedVsAutograd,
                    double transposedVsScatter, double transposedVsFractional, int[] dcganInput, int[] dcganOutput,
                    double groupsVsSplit, double layerDirectVsIm2colRelative, CheckerboardSample.Result checkerboard,
                    Timings timings) {
    }

    /** The timed layer: wall and CPU milliseconds of each contender. */
    record Timings(Stopwatch.Result directOneCore, Stopwatch.Result directAllCores, Stopwatch.Result im2col,
                   Stopwatch.Result conv2d) {
    }

    private ConvolutionChapter() {
    }

    public static void main(String[] args) throws IOException {
        int warmups = args.length > 0 ? count(args[0], "warm-up runs", 0) : DEFAULT_WARMUPS;
        int repeats = args.length > 1 ? count(args[1], "timed runs", 1) : DEFAULT_REPEATS;
        run(System.out, warmups, repeats, DEFAULT_IMAGES, DEFAULT_SAMPLES);
    }

    private static int count(String arg, String what, int least) {
        int value;
        try {
            value = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("08-convolution: the number of " + what + " must be an integer, got '"
                    + arg + "'", e);
        }
        if (value < least) {
            throw new IllegalArgumentException("08-convolution: the number of " + what + " must be >= " + least
                    + ", got " + value);
        }
        return value;
    }

    static Findings run(PrintStream out, int warmups, int repeats, Path images, Path samples) throws IOException {
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        Tensor w = Tensor.fromArray(new float[]{1, 2, 3, 4, -1, 0, 0, 1}, 2, 1, 2, 2);
        double tiny = slidingDotProduct(out, x, w);
        outputSizes(out);
        im2col(out, x, w);
        Im2colPicture.write(out, x, images);
        // Section 4 of the text: the race, right after im2col, so that the output follows the text.
        Generator gen = new Generator(SEED);
        Tensor input = Tensor.randn(gen, 16, 64, 16, 16);
        // Scaled so that the outputs, sums of 1024 products, stay of order 1.
        Tensor weight = Tensor.randn(gen, 128, 64, 4, 4).mul(0.05);
        double layer = layerAgreement(out, input, weight);
        Timings timings = timing(out, input, weight, warmups, repeats);
        double[] backward = backward(out, x, w);
        double[] adjoint = adjoint(out);
        double[] transposed = transposedIsTheGradient(out);
        int[][] dcgan = dcganGenerator(out);
        checkerboards(out);
        CheckerboardSample.Result checkerboard = CheckerboardSample.run(out, samples, images);
        pooling(out, x);
        double groups = groups(out);
        return new Findings(tiny, backward[0], backward[1], adjoint[0], adjoint[1], transposed[0], transposed[1],
                transposed[2], dcgan[0], dcgan[1], groups, layer, checkerboard, timings);
    }

    private static double slidingDotProduct(PrintStream out, Tensor x, Tensor w) {
        out.println("== the image x " + Shape.format(x.shape()) + " and two 2x2 filters w " + Shape.format(w.shape()));
        out.print(Matrices.grid(x));
        out.println("--");
        out.print(Matrices.grid(w));
        Tensor direct = DirectConvolution.conv2d(x, w, 1, 0, 1);
        Tensor im2col = Convolution.conv2d(x, w, null, ONE, ZERO, ONE, 1);
        out.println("== conv2d by the direct loops: " + Shape.format(direct.shape()) + ", one 3x3 map per filter");
        out.print(Matrices.grid(direct));
        double difference = Matrices.maxAbsDifference(direct, im2col);
        out.println(String.format(Locale.ROOT, "core's conv2d (im2col + matmul) gives the same: max |difference| %.1e",
                difference));
        return difference;
    }

    private static void outputSizes(PrintStream out) {
        out.println("== output size = floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1");
        out.println("   in  kernel  stride  padding  dilation   out");
        int[][] cases = {{4, 2, 1, 0, 1}, {16, 3, 1, 1, 1}, {16, 4, 2, 1, 1}, {17, 4, 2, 1, 1}, {16, 3, 1, 2, 2},
                {5, 3, 2, 0, 1}, {64, 4, 2, 1, 1}};
        for (int[] c : cases) {
            out.println(String.format(Locale.ROOT, "%5d  %6d  %6d  %7d  %8d  %4d", c[0], c[1], c[2], c[3], c[4],
                    ConvGeometry.outputSize("conv2d", c[0], c[1], c[2], c[3], c[4])));
        }
    }

    private static void im2col(PrintStream out, Tensor x, Tensor w) {
        Tensor cols = Convolution.im2col(x, TWO, ONE, ZERO, ONE);
        out.println("== im2col(x), kernel 2x2: " + Shape.format(cols.shape())
                + ", row = (channel, kernel row, kernel column), column = window");
        out.print(Matrices.grid(cols));
        Tensor filters = w.reshape(2, 4);
        out.println("== the filters w reshaped to [OC, C*kh*kw] = " + Shape.format(filters.shape()));
        out.print(Matrices.grid(filters));
        Tensor product = filters.matmul(cols);
        out.println("== filters @ columns: " + Shape.format(product.shape())
                + ", each row one output map (reshape to [1, 2, 3, 3])");
        out.print(Matrices.grid(product));
        out.println("== the price: im2col's columns hold every pixel once per window that reads it");
        memory(out, new int[]{16, 64, 16, 16}, 4, 2, 1);
        memory(out, new int[]{16, 64, 16, 16}, 3, 1, 1);
    }

    private static void memory(PrintStream out, int[] input, int kernel, int stride, int padding) {
        int oh = ConvGeometry.outputSize("im2col", input[2], kernel, stride, padding, 1);
        int ow = ConvGeometry.outputSize("im2col", input[3], kernel, stride, padding, 1);
        long pixels = Shape.numel(input);
        long columns = (long) input[0] * input[1] * kernel * kernel * oh * ow;
        out.println(String.format(Locale.ROOT,
                "input %s, kernel %dx%d, stride %d, padding %d: columns [%d, %d, %d], %,d floats = %.0fx the input",
                Shape.format(input), kernel, kernel, stride, padding, input[0], input[1] * kernel * kernel, oh * ow,
                columns, (double) columns / pixels));
    }

    /** The tiny example's gradients, by autograd and by the two formulas; returns their differences. */
    private static double[] backward(PrintStream out, Tensor x32, Tensor w32) {
        Tensor x = x32.to(DType.FLOAT64).requiresGrad(true);
        Tensor w = w32.to(DType.FLOAT64).requiresGrad(true);
        Tensor y = Convolution.conv2d(x, w, null, ONE, ZERO, ONE, 1);
        Tensor g = Tensor.onesLike(y);
        y.backward(g);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor cols = Convolution.im2col(x, TWO, ONE, ZERO, ONE);
            Tensor gm = g.reshape(1, 2, 9);
            Tensor dW = gm.matmul(cols.transpose(1, 2)).sum(new int[]{0}, false);
            Tensor dx = Convolution.col2im(w.reshape(2, 4).t().matmul(gm), new int[]{4, 4}, TWO, ONE, ZERO, ONE);
            out.println("== backward with dL/dy = 1 everywhere: dL/dW = g @ cols^T, as [OC, C*kh*kw]");
            out.print(Matrices.grid(dW));
            double dWDifference = Matrices.maxAbsDifference(dW, w.grad().reshape(2, 4));
            out.println(String.format(Locale.ROOT, "autograd's w.grad: max |difference| %.1e", dWDifference));
            out.println("== dL/dx = col2im(W^T @ g)");
            out.print(Matrices.grid(dx));
            double dxDifference = Matrices.maxAbsDifference(dx, x.grad());
            out.println(String.format(Locale.ROOT, "autograd's x.grad: max |difference| %.1e", dxDifference));
            Tensor ones = Tensor.onesLike(x);
            out.println("== col2im(im2col(ones)): how many 2x2 windows read each pixel");
            out.print(Matrices.grid(Convolution.col2im(Convolution.im2col(ones, TWO, ONE, ZERO, ONE), new int[]{4, 4},
                    TWO, ONE, ZERO, ONE)));
            return new double[]{dWDifference, dxDifference};
        }
    }

    /** {@code <im2col(x), y>} and {@code <x, col2im(y)>} in float64. */
    private static double[] adjoint(PrintStream out) {
        Generator gen = new Generator(SEED);
        int[] k = {3}, s = {2}, p = {1}, d = {2};
        Tensor x = Tensor.normal(gen, DType.FLOAT64, 0, 1, 2, 3, 7, 6);
        Tensor cols = Convolution.im2col(x, k, s, p, d);
        Tensor y = Tensor.normal(gen, DType.FLOAT64, 0, 1, cols.shape());
        double left = dot(cols, y);
        double right = dot(x, Convolution.col2im(y, new int[]{7, 6}, k, s, p, d));
        out.println("== col2im is the adjoint of im2col: x " + Shape.format(x.shape()) + ", y "
                + Shape.format(y.shape()) + ", kernel 3, stride 2, padding 1, dilation 2, float64");
        out.println(String.format(Locale.ROOT, "<im2col(x), y> = %.12f", left));
        out.println(String.format(Locale.ROOT, "<x, col2im(y)> = %.12f", right));
        out.println(String.format(Locale.ROOT, "difference     = %.1e", left - right));
        return new double[]{left, right};
    }

    private static double dot(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** Autograd's input gradient of a conv2d against conv_transpose2d, the scatter loops and zero insertion. */
    private static double[] transposedIsTheGradient(PrintStream out) {
        Generator gen = new Generator(SEED + 1);
        Tensor x = Tensor.randn(gen, 2, 3, 8, 8).requiresGrad(true);
        Tensor w = Tensor.randn(gen, 5, 3, 4, 4);
        Tensor y = Convolution.conv2d(x, w, null, TWO, ONE, ONE, 1);
        Tensor g = Tensor.randn(gen, y.shape());
        y.backward(g);
        Tensor transposed = Convolution.convTranspose2d(g, w, null, TWO, ONE, ZERO, ONE, 1);
        Tensor scatter = DirectConvolution.convTranspose2d(g, w, 2, 1);
        Tensor fractional = FractionalStride.convTranspose2d(g, w, 2, 1);
        double[] differences = {Matrices.maxAbsDifference(transposed, x.grad()),
                Matrices.maxAbsDifference(transposed, scatter), Matrices.maxAbsDifference(transposed, fractional)};
        out.println("== conv2d(x " + Shape.format(x.shape()) + ", w " + Shape.format(w.shape())
                + ", stride 2, padding 1) = y " + Shape.format(y.shape()) + "; g = random dL/dy");
        out.println("convTranspose2d(g, w, stride 2, padding 1): " + Shape.format(transposed.shape()));
        out.println(String.format(Locale.ROOT, "  vs autograd's x.grad:                  max |difference| %.1e",
                differences[0]));
        out.println(String.format(Locale.ROOT, "  vs the scatter loops:                  max |difference| %.1e",
                differences[1]));
        out.println(String.format(Locale.ROOT, "  vs zeros inserted + flipped conv2d:    max |difference| %.1e",
                differences[2]));
        out.println("== zeros inserted: a 1x1x3x3 image spread out for stride 2");
        out.print(Matrices.grid(FractionalStride.insertZeros(Tensor.arange(9).add(1).reshape(1, 1, 3, 3), 2)));
        return differences;
    }

    private static int[][] dcganGenerator(PrintStream out) {
        Generator gen = new Generator(SEED + 2);
        ConvTranspose2d up = new ConvTranspose2d(128, 64, 4, 2, 1, false, gen);
        Conv2d down = new Conv2d(64, 128, 4, 2, 1, gen);
        Tensor z = Tensor.randn(gen, 16, 128, 8, 8);
        Tensor image;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            image = up.forward(z);
            out.println("== a DCGAN generator layer: " + up);
            out.println("input " + Shape.format(z.shape()) + " -> output " + Shape.format(image.shape())
                    + ", weight " + Shape.format(up.weight().shape()));
            out.println("output size (8 - 1) * 2 - 2 * 1 + (4 - 1) + 1 = "
                    + ConvGeometry.transposedOutputSize(8, 4, 2, 1, 0, 1));
            out.println("the conv2d it is the gradient of: " + down + " maps " + Shape.format(image.shape())
                    + " to " + Shape.format(down.forward(image).shape()));
            out.println("that conv2d maps 17x17 to " + ConvGeometry.outputSize("conv2d", 17, 4, 2, 1, 1)
                    + "x" + ConvGeometry.outputSize("conv2d", 17, 4, 2, 1, 1) + " too; outputPadding 1 picks 17: "
                    + ConvGeometry.transposedOutputSize(8, 4, 2, 1, 1, 1));
        }
        return new int[][]{z.shape(), image.shape()};
    }

    private static void checkerboards(PrintStream out) {
        Tensor ones = Tensor.ones(1, 1, 4, 4);
        out.println("== how many kernel taps land on each output pixel: conv_transpose2d of ones with ones, 4x4 -> 8x8");
        out.println("kernel 3, stride 2, padding 1, outputPadding 1 (kernel not a multiple of the stride):");
        out.print(Matrices.grid(Convolution.convTranspose2d(ones, Tensor.ones(1, 1, 3, 3), null, TWO, ONE, ONE, ONE, 1)));
        out.println("kernel 4, stride 2, padding 1 (DCGAN's):");
        out.print(Matrices.grid(Convolution.convTranspose2d(ones, Tensor.ones(1, 1, 4, 4), null, TWO, ONE, ZERO, ONE, 1)));
        out.println("nearest upsampling x2, then conv2d with kernel 3, padding 1:");
        Tensor upsampled = Resampling.upsampleNearest2d(ones, 2);
        out.print(Matrices.grid(Convolution.conv2d(upsampled, Tensor.ones(1, 1, 3, 3), null, ONE, ONE, ONE, 1)));
    }

    private static void pooling(PrintStream out, Tensor x) {
        Tensor cols = Convolution.im2col(x, TWO, TWO, ZERO, ONE);
        out.println("== pooling 2x2, stride 2: im2col's columns, then a reduction down each column");
        out.print(Matrices.grid(cols));
        out.println("the largest of each column = maxPool2d:");
        out.print(Matrices.grid(Pooling.maxPool2d(x, TWO, null, ZERO)));
        out.println("the mean of each column = avgPool2d:");
        out.print(Matrices.grid(Pooling.avgPool2d(x, TWO, null, ZERO)));
        Tensor small = Tensor.fromArray(new float[]{1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor blocks = small.reshape(1, 1, 2, 1, 2, 1).expand(1, 1, 2, 2, 2, 2);
        out.println("== nearest upsampling x2 of [[1, 2], [3, 4]]: reshape to " + Shape.format(blocks.shape())
                + " and expand; strides " + Arrays.toString(blocks.strides()) + ", nothing copied yet");
        out.print(Matrices.grid(Resampling.upsampleNearest2d(small, 2)));
    }

    private static double groups(PrintStream out) {
        Generator gen = new Generator(SEED + 3);
        Tensor x = Tensor.randn(gen, 1, 4, 5, 5);
        Tensor w = Tensor.randn(gen, 6, 2, 3, 3);
        Tensor grouped = Convolution.conv2d(x, w, null, ONE, ONE, ONE, 2);
        Tensor first = Convolution.conv2d(x.narrow(1, 0, 2), w.narrow(0, 0, 3), null, ONE, ONE, ONE, 1);
        Tensor second = Convolution.conv2d(x.narrow(1, 2, 2), w.narrow(0, 3, 3), null, ONE, ONE, ONE, 1);
        double difference = Matrices.maxAbsDifference(grouped, Tensor.concat(List.of(first, second), 1));
        out.println("== groups = 2: x " + Shape.format(x.shape()) + ", w " + Shape.format(w.shape())
                + " (OC, C/groups, kh, kw)");
        out.println(String.format(Locale.ROOT, "equals two convolutions on the channel halves, concatenated: "
                + "max |difference| %.1e", difference));
        for (int groups : new int[]{1, 4, 64}) {
            Conv2d layer = new Conv2d(64, 64, new int[]{3}, ONE, ONE, ONE, groups, false, gen);
            out.println(String.format(Locale.ROOT, "Conv2d(64, 64, 3, groups=%d): weight %s, %,d parameters", groups,
                    Shape.format(layer.weight().shape()), layer.weight().numel()));
        }
        return difference;
    }

    /** Largest |direct - im2col| relative to the largest |output| on the timed layer. */
    private static double layerAgreement(PrintStream out, Tensor input, Tensor weight) {
        Tensor direct = DirectConvolution.conv2d(input, weight, 2, 1, 1);
        Tensor im2col = Convolution.conv2d(input, weight, null, TWO, ONE, ONE, 1);
        double largest = Arrays.stream(im2col.toDoubleArray()).map(Math::abs).max().orElseThrow();
        double relative = Matrices.maxAbsDifference(direct, im2col) / largest;
        out.println("== the timed layer: x " + Shape.format(input.shape()) + ", w " + Shape.format(weight.shape())
                + ", stride 2, padding 1 -> " + Shape.format(im2col.shape()));
        out.println(String.format(Locale.ROOT, "direct loops vs im2col + matmul: max |difference| / max |output| "
                + "below 1e-6: %b", relative < 1e-6));
        return relative;
    }

    private static Timings timing(PrintStream out, Tensor input, Tensor weight, int warmups, int repeats) {
        int oh = ConvGeometry.outputSize("conv2d", input.size(2), weight.size(2), 2, 1, 1);
        int ow = ConvGeometry.outputSize("conv2d", input.size(3), weight.size(3), 2, 1, 1);
        // Every weight meets every output position of every image once: a multiply and an add.
        double flops = 2.0 * input.size(0) * weight.numel() * oh * ow;
        // Other processes share the cores: the load average when the timing starts says how much.
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Timings t = new Timings(
                Stopwatch.measure(() -> DirectConvolution.conv2d(input, weight, 2, 1, 1), warmups, repeats),
                Stopwatch.measure(() -> DirectConvolution.conv2dParallel(input, weight, 2, 1, 1), warmups, repeats),
                Stopwatch.measure(() -> Convolution.im2col(input, new int[]{4}, TWO, ONE, ONE), warmups, repeats),
                Stopwatch.measure(() -> Convolution.conv2d(input, weight, null, TWO, ONE, ONE, 1), warmups,
                        repeats));
        out.println(TIMING_HEADLINE + ", " + warmups + " warm-ups, " + repeats + " timed runs, "
                + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + (load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load)));
        out.println("                           wall (median)  GFLOP/s  CPU (mean)");
        out.println(line("direct loops, one core", t.directOneCore(), flops));
        out.println(line("direct loops, all cores", t.directAllCores(), flops));
        out.println(line("im2col + matmul (conv2d)", t.conv2d(), flops));
        out.println(line("  of which im2col", t.im2col(), Double.NaN));
        out.println(String.format(Locale.ROOT, "im2col + matmul is %.1fx faster than the loops on one core and "
                + "%.1fx on all cores (wall); it uses %.1fx less CPU time",
                t.directOneCore().wallMillis() / t.conv2d().wallMillis(),
                t.directAllCores().wallMillis() / t.conv2d().wallMillis(),
                t.directOneCore().cpuMillis() / t.conv2d().cpuMillis()));
        return t;
    }

    private static String line(String what, Stopwatch.Result r, double flops) {
        String rate = Double.isNaN(flops) ? "" : String.format(Locale.ROOT, "%.1f", flops / r.wallMillis() / 1e6);
        return String.format(Locale.ROOT, "%-26s %10.1f ms  %7s  %7.0f ms", what, r.wallMillis(), rate, r.cpuMillis());
    }
}
