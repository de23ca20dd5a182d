package dev.jgan.tutorials.autodiff;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GraphDot;
import dev.jgan.core.autograd.RecordedGraph;
import dev.jgan.gan.pictures.GraphPicture;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Chapter 2's program: the scalar engine, the same neuron with tensors, a second derivative,
 * the fit of y = 3x + 2, and the fit's graph as DOT and as a picture. Everything the chapter text
 * quotes is printed here.
 *
 * <p>Arguments (all optional): the number of gradient-descent steps (default 200), the DOT file to
 * write (default {@code runs/02-autodiff/linear-fit.dot}) and the PNG to draw the graph in
 * (default {@code tutorials/02-autodiff/images/linear-fit-graph.png}, the chapter's own picture,
 * when run from the repository root).
 */
public final class AutodiffChapter {
    static final int DEFAULT_STEPS = 200;
    static final Path DEFAULT_DOT = Path.of("runs", "02-autodiff", "linear-fit.dot");
    static final Path DEFAULT_PICTURE = Path.of("tutorials", "02-autodiff", "images", "linear-fit-graph.png");
    static final double LEARNING_RATE = 0.1;
    static final long SEED = 0;

    // The inputs of micrograd's neuron example: b is chosen so that o comes out near 0.7071.
    private static final double X1 = 2.0;
    private static final double W1 = -3.0;
    private static final double X2 = 0.0;
    private static final double W2 = 1.0;
    private static final double B = 6.8813735870195432;

    private AutodiffChapter() {
    }

    public static void main(String[] args) throws IOException {
        int steps = DEFAULT_STEPS;
        if (args.length > 0) {
            try {
                steps = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("02-autodiff: the first argument is the number of steps, got '"
                        + args[0] + "'", e);
            }
            if (steps < 0) {
                throw new IllegalArgumentException("02-autodiff: the number of steps must be >= 0, got " + steps);
            }
        }
        Path dot = args.length > 1 ? Path.of(args[1]) : DEFAULT_DOT;
        Path picture = args.length > 2 ? Path.of(args[2]) : DEFAULT_PICTURE;
        run(System.out, steps, dot, picture);
    }

    static void run(PrintStream out, int steps, Path dotFile, Path pictureFile) throws IOException {
        out.println("== the neuron o = tanh(x1*w1 + x2*w2 + b) with the scalar Value engine");
        print(out, Neuron.withValues(X1, W1, X2, W2, B));

        out.println("== the same neuron with core's tensors");
        print(out, Neuron.withTensors(X1, W1, X2, W2, B));

        out.println("== a gradient of a gradient: y = x^3 at x = 1.5");
        Tensor x = Tensor.fromArray(new double[]{1.5}).requiresGrad(true);
        Tensor y = x.pow(3.0);
        // createGraph = true records the backward pass itself, so dy can be differentiated again.
        Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true, false).get(0);
        Tensor d2y = Autograd.grad(List.of(dy), List.of(x), null, false, false, false).get(0);
        out.println(String.format(Locale.ROOT, "dy/dx   = 3x^2 = %.4f", dy.item()));
        out.println(String.format(Locale.ROOT, "d2y/dx2 = 6x   = %.4f", d2y.item()));

        out.println("== fitting y = 3x + 2 by gradient descent");
        LinearFit fit = new LinearFit(SEED);
        out.println(String.format(Locale.ROOT, "%d points; the noise in y has mean square %.6f", LinearFit.SAMPLES,
                fit.noiseMeanSquare()));
        RecordedGraph lossGraph = RecordedGraph.of(fit.loss());
        String graph = GraphDot.toDot(lossGraph);
        LinearFit.Result result = fit.fit(steps, LEARNING_RATE, out, 25);
        out.println(String.format(Locale.ROOT, "learned w = %.4f, b = %.4f (true 3 and 2), loss %.6f after %d steps",
                result.w(), result.b(), result.loss(), steps));

        out.println("== the graph of the loss, in DOT");
        Path parent = dotFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(dotFile, graph);
        out.print(graph);
        out.println("written to " + dotFile + "; render it with: dot -Tpng " + dotFile + " -o linear-fit.png");
        GraphPicture.writePng(lossGraph, pictureFile);
        out.println("== the same graph drawn without Graphviz");
        out.println(String.format(Locale.ROOT, "%d vertices in %d columns (the longest path from a leaf to the"
                        + " loss has %d edges), %d edges in all", lossGraph.vertices().size(),
                GraphPicture.layout(lossGraph).columns(), GraphPicture.layout(lossGraph).columns() - 1,
                lossGraph.edges().size()));
        out.println("drawn to " + pictureFile);
    }

    private static void print(PrintStream out, Neuron.Result r) {
        out.println(String.format(Locale.ROOT, "o = %.6f", r.output()));
        for (int i = 0; i < Neuron.NAMES.size(); i++) {
            out.println(String.format(Locale.ROOT, "d o / d %-2s = %9.6f", Neuron.NAMES.get(i), r.grads()[i]));
        }
    }
}
