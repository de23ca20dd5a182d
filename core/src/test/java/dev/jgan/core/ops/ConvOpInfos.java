package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.random.Generator;

import java.util.Arrays;
import java.util.List;

import static dev.jgan.core.ops.Values.of;
import static dev.jgan.core.ops.Values.shape;
import static dev.jgan.core.ops.Values.vec;

/**
 * Registry entries for the image ops: convolutions and their primitives im2col / col2im
 * ({@link Convolution}), pooling ({@link Pooling}), upsampling ({@link Resampling}), batch
 * normalization ({@link Normalization}) and dropout ({@link Dropout}). Most are composed of
 * other ops, so the nodes they declare are the ones every sample's graph records; the sizes are
 * tiny because every check compares a whole Jacobian.
 */
final class ConvOpInfos {
    private static final Domain D = Domain.standard();
    /** Values at least 0.1 apart: no pooling window ever holds a tie for its maximum. */
    private static final Domain DISTINCT = Domain.shuffledGrid(-1, 0.1);
    /** 1, 2, ..., 9 as a [1, 1, 3, 3] image. */
    private static final Tensor NINE = of(shape(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);

    private ConvOpInfos() {
    }

    static List<OpInfo> all() {
        return List.of(conv2d(), convTranspose2d(), im2col(), col2im(), maxPool2d(), avgPool2d(), upsampleNearest2d(),
                batchNormTraining(), batchNormEvaluation(), dropout(), dropout2d());
    }

    private static int[] ints(int... values) {
        return values;
    }

    private static OpInfo conv2d() {
        return OpInfo.op("conv2d", Op.IM2COL, Op.MATMUL, Op.RESHAPE)
                .sample("stride 2x1, padding 1x0, dilation 1x2, bias: [1, 2, 4, 5] * [2, 2, 2, 2]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2), ints(2, 1), ints(1, 0), ints(1, 2), 1),
                        Arg.of(D, 1, 2, 4, 5), Arg.of(D, 2, 2, 2, 2), Arg.of(D, 2))
                .sample("groups 2, padding 1, no bias: [1, 4, 2, 2] * [2, 2, 2, 2]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), null, ints(1), ints(1), ints(1), 2),
                        Arg.of(D, 1, 4, 2, 2), Arg.of(D, 2, 2, 2, 2))
                .sample("groups 2 of one channel, stride 1x2, bias, batch 2: [2, 2, 3, 3] * [2, 1, 2, 2]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2), ints(1, 2), ints(0), ints(1), 2),
                        Arg.of(D, 2, 2, 3, 3), Arg.of(D, 2, 1, 2, 2), Arg.of(D, 2))
                .sample("transposed input [1, 2, 3, 2].transpose(2, 3) and weight [2, 2, 2, 2].transpose(2, 3),"
                                + " padding 1, bias",
                        in -> Convolution.conv2d(in.get(0).transpose(2, 3), in.get(1).transpose(2, 3), in.get(2), ints(1),
                                ints(1), ints(1), 1),
                        Arg.of(D, 1, 2, 3, 2), Arg.of(D, 2, 2, 2, 2), Arg.of(D, 2))
                .sample("constant weight, 1x1 kernel, stride 2: [1, 2, 3, 3] * [3, 2, 1, 1]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), null, ints(2), ints(0), ints(1), 1),
                        Arg.of(D, 1, 2, 3, 3), Arg.constant(D, 3, 2, 1, 1))
                .example("[[1, 2, 3], [4, 5, 6], [7, 8, 9]] * [[1, 2], [3, 4]] + 1 = [[38, 48], [68, 78]]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2), ints(1), ints(0), ints(1), 1),
                        of(shape(1, 1, 2, 2), 38, 48, 68, 78), NINE, of(shape(1, 1, 2, 2), 1, 2, 3, 4), vec(1))
                .example("dilation 2: a 2x2 kernel of ones over 1..9 reads the corners, 1 + 3 + 7 + 9 = 20",
                        in -> Convolution.conv2d(in.get(0), in.get(1), null, ints(1), ints(0), ints(2), 1),
                        of(shape(1, 1, 1, 1), 20), NINE, of(shape(1, 1, 2, 2), 1, 1, 1, 1))
                .example("stride 2, padding 1, 1x1 kernel [[2]] over 1..9: only the centre 5 is read = [[0, 0, 0],"
                                + " [0, 10, 0], [0, 0, 0]]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), null, ints(2), ints(1), ints(1), 1),
                        of(shape(1, 1, 3, 3), 0, 0, 0, 0, 10, 0, 0, 0, 0), NINE, of(shape(1, 1, 1, 1), 2))
                .example("groups 2: channels [3, 5] with one filter each, [2] and [-1], = [6, -5]",
                        in -> Convolution.conv2d(in.get(0), in.get(1), null, ints(1), ints(0), ints(1), 2),
                        of(shape(1, 2, 1, 1), 6, -5), of(shape(1, 2, 1, 1), 3, 5), of(shape(2, 1, 1, 1), 2, -1))
                .build();
    }

    private static OpInfo convTranspose2d() {
        return OpInfo.op("convTranspose2d", Op.PERMUTE, Op.MATMUL, Op.RESHAPE, Op.COL2IM)
                .sample("stride 2, padding 1, outputPadding 1, bias: [1, 2, 2, 2] with [2, 2, 3, 3]",
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), in.get(2), ints(2), ints(1), ints(1),
                                ints(1), 1),
                        Arg.of(D, 1, 2, 2, 2), Arg.of(D, 2, 2, 3, 3), Arg.of(D, 2))
                .sample("groups 2, stride 1x2, padding 0x1, dilation 2x1, outputPadding 1 (below dilation in height):"
                                + " [1, 4, 2, 2] with [4, 1, 2, 2]",
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), null, ints(1, 2), ints(0, 1), ints(1),
                                ints(2, 1), 2),
                        Arg.of(D, 1, 4, 2, 2), Arg.of(D, 4, 1, 2, 2))
                .sample("transposed input [1, 2, 3, 2].transpose(2, 3), stride 1: with [2, 2, 2, 2]",
                        in -> Convolution.convTranspose2d(in.get(0).transpose(2, 3), in.get(1), null, ints(1), ints(0),
                                ints(0), ints(1), 1),
                        Arg.of(D, 1, 2, 3, 2), Arg.of(D, 2, 2, 2, 2))
                .sample("stride 2, 2x2 kernel (DCGAN's upsampling), bias, batch 2: [2, 1, 1, 2] with [1, 2, 2, 2]",
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), in.get(2), ints(2), ints(0), ints(0),
                                ints(1), 1),
                        Arg.of(D, 2, 1, 1, 2), Arg.of(D, 1, 2, 2, 2), Arg.of(D, 2))
                .example("stride 2, 2x2 kernel of ones: each pixel of [[1, 2], [3, 4]] becomes a 2x2 block",
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), null, ints(2), ints(0), ints(0), ints(1),
                                1),
                        of(shape(1, 1, 4, 4), 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4),
                        of(shape(1, 1, 2, 2), 1, 2, 3, 4), of(shape(1, 1, 2, 2), 1, 1, 1, 1))
                .example("[1, 2] with kernel [1, 10], stride 1: overlapping taps add up, = [1, 12, 20]",
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), null, ints(1), ints(0), ints(0), ints(1),
                                1),
                        of(shape(1, 1, 1, 3), 1, 12, 20), of(shape(1, 1, 1, 2), 1, 2), of(shape(1, 1, 1, 2), 1, 10))
                .example("[[5]] with kernel [[2]], stride 2, outputPadding (0, 1), bias 1 = [[11, 1]]",
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), in.get(2), ints(2), ints(0), ints(0, 1),
                                ints(1), 1),
                        of(shape(1, 1, 1, 2), 11, 1), of(shape(1, 1, 1, 1), 5), of(shape(1, 1, 1, 1), 2), vec(1))
                .build();
    }

    private static OpInfo im2col() {
        return OpInfo.op("im2col", Op.IM2COL)
                .sample("kernel 2: [1, 1, 3, 3]", in -> Convolution.im2col(in.get(0), ints(2), ints(1), ints(0), ints(1)),
                        Arg.of(D, 1, 1, 3, 3))
                .sample("kernel 2x3, stride 2x1, padding 1, dilation 1x2: transposed [1, 1, 5, 4].transpose(2, 3)",
                        in -> Convolution.im2col(in.get(0).transpose(2, 3), ints(2, 3), ints(2, 1), ints(1), ints(1, 2)),
                        Arg.of(D, 1, 1, 5, 4))
                .sample("kernel 3, padding 1 (most taps read padding): [1, 1, 2, 2]",
                        in -> Convolution.im2col(in.get(0), ints(3), ints(1), ints(1), ints(1)), Arg.of(D, 1, 1, 2, 2))
                .sample("kernel 1x2, stride 1x2 (windows do not overlap): [2, 2, 2, 4]",
                        in -> Convolution.im2col(in.get(0), ints(1, 2), ints(1, 2), ints(0), ints(1)),
                        Arg.of(D, 2, 2, 2, 4))
                .example("[[1, 2, 3], [4, 5, 6]], kernel 2: one column per window, rows by tap, = [[1, 2], [2, 3],"
                                + " [4, 5], [5, 6]]",
                        in -> Convolution.im2col(in.get(0), ints(2), ints(1), ints(0), ints(1)),
                        of(shape(1, 4, 2), 1, 2, 2, 3, 4, 5, 5, 6), of(shape(1, 1, 2, 3), 1, 2, 3, 4, 5, 6))
                .example("[[7]], kernel 3, padding 1: the centre tap reads 7, the other 8 read padding 0",
                        in -> Convolution.im2col(in.get(0), ints(3), ints(1), ints(1), ints(1)),
                        of(shape(1, 9, 1), 0, 0, 0, 0, 7, 0, 0, 0, 0), of(shape(1, 1, 1, 1), 7))
                .example("1..9 as 3x3, kernel 2, dilation 2: the corners [1, 3, 7, 9]",
                        in -> Convolution.im2col(in.get(0), ints(2), ints(1), ints(0), ints(2)),
                        of(shape(1, 4, 1), 1, 3, 7, 9), NINE)
                .build();
    }

    private static OpInfo col2im() {
        return OpInfo.op("col2im", Op.COL2IM)
                .sample("[1, 12, 9] into 4x5, kernel 2x3, stride 2x1, padding 1, dilation 1x2",
                        in -> Convolution.col2im(in.get(0), ints(4, 5), ints(2, 3), ints(2, 1), ints(1), ints(1, 2)),
                        Arg.of(D, 1, 12, 9))
                .sample("transposed [1, 9, 4].transpose(1, 2) into 4x4, kernel 2 (overlapping windows)",
                        in -> Convolution.col2im(in.get(0).transpose(1, 2), ints(4), ints(2), ints(1), ints(0), ints(1)),
                        Arg.of(D, 1, 9, 4))
                .sample("[2, 8, 4] into 4x4, kernel 2, stride 2 (no overlap), 2 channels",
                        in -> Convolution.col2im(in.get(0), ints(4), ints(2), ints(2), ints(0), ints(1)),
                        Arg.of(D, 2, 8, 4))
                .sample("[1, 9, 4] into 2x2, kernel 3, padding 1 (taps on padding are dropped)",
                        in -> Convolution.col2im(in.get(0), ints(2), ints(3), ints(1), ints(1), ints(1)),
                        Arg.of(D, 1, 9, 4))
                .example("[[1, 2], [2, 3], [4, 5], [5, 6]] into 2x3, kernel 2: overlaps add up, = [[1, 4, 3],"
                                + " [4, 10, 6]]",
                        in -> Convolution.col2im(in.get(0), ints(2, 3), ints(2), ints(1), ints(0), ints(1)),
                        of(shape(1, 1, 2, 3), 1, 4, 3, 4, 10, 6), of(shape(1, 4, 2), 1, 2, 2, 3, 4, 5, 5, 6))
                .example("ones [1, 4, 4] into 3x3, kernel 2: windows covering each pixel, = [[1, 2, 1], [2, 4, 2],"
                                + " [1, 2, 1]]",
                        in -> Convolution.col2im(in.get(0), ints(3), ints(2), ints(1), ints(0), ints(1)),
                        of(shape(1, 1, 3, 3), 1, 2, 1, 2, 4, 2, 1, 2, 1),
                        of(shape(1, 4, 4), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
                .build();
    }

    /** Inputs are drawn without ties, where max pooling's gradient is that of the unique maximum. */
    private static OpInfo maxPool2d() {
        return OpInfo.op("maxPool2d", Op.IM2COL, Op.RESHAPE, Op.MAX)
                .sample("kernel 2 (stride = kernel): [1, 2, 4, 4]",
                        in -> Pooling.maxPool2d(in.get(0), ints(2), null, ints(0)), Arg.of(DISTINCT, 1, 2, 4, 4))
                .sample("kernel 3x2, stride 2x1, padding 1: transposed [1, 1, 4, 5].transpose(2, 3)",
                        in -> Pooling.maxPool2d(in.get(0).transpose(2, 3), ints(3, 2), ints(2, 1), ints(1)),
                        Arg.of(DISTINCT, 1, 1, 4, 5))
                .sample("kernel 3, stride 1, padding 1 (overlapping windows): [2, 1, 3, 3]",
                        in -> Pooling.maxPool2d(in.get(0), ints(3), ints(1), ints(1)), Arg.of(DISTINCT, 2, 1, 3, 3))
                .sample("kernel 2, stride 1: narrowed [1, 1, 3, 5].narrow(3, 1, 3)",
                        in -> Pooling.maxPool2d(in.get(0).narrow(3, 1, 3), ints(2), ints(1), ints(0)),
                        Arg.of(DISTINCT, 1, 1, 3, 5))
                .example("[[1, 5, 2, 0], [3, 4, 8, 6]], kernel 2 = [[5, 8]]",
                        in -> Pooling.maxPool2d(in.get(0), ints(2), null, ints(0)),
                        of(shape(1, 1, 1, 2), 5, 8), of(shape(1, 1, 2, 4), 1, 5, 2, 0, 3, 4, 8, 6))
                .example("[[-1, -2], [-3, -4]], kernel 2, stride 1, padding 1: padding never wins, = [[-1, -1, -2],"
                                + " [-1, -1, -2], [-3, -3, -4]]",
                        in -> Pooling.maxPool2d(in.get(0), ints(2), ints(1), ints(1)),
                        of(shape(1, 1, 3, 3), -1, -1, -2, -1, -1, -2, -3, -3, -4), of(shape(1, 1, 2, 2), -1, -2, -3, -4))
                .build();
    }

    private static OpInfo avgPool2d() {
        return OpInfo.op("avgPool2d", Op.IM2COL, Op.RESHAPE, Op.MEAN)
                .sample("kernel 2 (stride = kernel): [1, 2, 4, 4]",
                        in -> Pooling.avgPool2d(in.get(0), ints(2), null, ints(0)), Arg.of(D, 1, 2, 4, 4))
                .sample("kernel 3x2, stride 2x1, padding 1: transposed [1, 1, 4, 5].transpose(2, 3)",
                        in -> Pooling.avgPool2d(in.get(0).transpose(2, 3), ints(3, 2), ints(2, 1), ints(1)),
                        Arg.of(D, 1, 1, 4, 5))
                .sample("kernel 3, stride 1, padding 1 (padding counts in the divisor): [2, 1, 3, 3]",
                        in -> Pooling.avgPool2d(in.get(0), ints(3), ints(1), ints(1)), Arg.of(D, 2, 1, 3, 3))
                .example("[[1, 2, 3, 4], [5, 6, 7, 8]], kernel 2 = [[3.5, 5.5]]",
                        in -> Pooling.avgPool2d(in.get(0), ints(2), null, ints(0)),
                        of(shape(1, 1, 1, 2), 3.5, 5.5), of(shape(1, 1, 2, 4), 1, 2, 3, 4, 5, 6, 7, 8))
                .example("[[1, 2], [3, 4]], kernel 2, stride 2, padding 1: each window has one pixel and 3 padding"
                                + " zeros, = [[0.25, 0.5], [0.75, 1]]",
                        in -> Pooling.avgPool2d(in.get(0), ints(2), ints(2), ints(1)),
                        of(shape(1, 1, 2, 2), 0.25, 0.5, 0.75, 1), of(shape(1, 1, 2, 2), 1, 2, 3, 4))
                .build();
    }

    private static OpInfo upsampleNearest2d() {
        return OpInfo.op("upsampleNearest2d", Op.RESHAPE, Op.EXPAND)
                .sample("scale 2: [1, 2, 2, 3]", in -> Resampling.upsampleNearest2d(in.get(0), 2), Arg.of(D, 1, 2, 2, 3))
                .sample("scale 3: transposed [1, 1, 3, 2].transpose(2, 3)",
                        in -> Resampling.upsampleNearest2d(in.get(0).transpose(2, 3), 3), Arg.of(D, 1, 1, 3, 2))
                .sample("scale 1 (identity): [2, 1, 2, 2]", in -> Resampling.upsampleNearest2d(in.get(0), 1),
                        Arg.of(D, 2, 1, 2, 2))
                .sample("scale 2: narrowed [1, 2, 3, 3].narrow(2, 1, 2)",
                        in -> Resampling.upsampleNearest2d(in.get(0).narrow(2, 1, 2), 2), Arg.of(D, 1, 2, 3, 3))
                .example("[[1, 2], [3, 4]], scale 2: each pixel becomes a 2x2 block",
                        in -> Resampling.upsampleNearest2d(in.get(0), 2),
                        of(shape(1, 1, 4, 4), 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4), of(shape(1, 1, 2, 2), 1, 2, 3, 4))
                .example("[[5]], scale 3: a 3x3 block of 5",
                        in -> Resampling.upsampleNearest2d(in.get(0), 3),
                        of(shape(1, 1, 3, 3), 5, 5, 5, 5, 5, 5, 5, 5, 5), of(shape(1, 1, 1, 1), 5))
                .build();
    }

    /**
     * Training mode normalizes with the batch's mean and biased variance, and the gradient flows
     * through the batch statistics too. It is one node whose backward is written as tensor ops
     * (fused kernels on the CPU in float32, see BatchNormFusionTest), so gradgradcheck checks
     * those ops' own derivatives.
     */
    private static OpInfo batchNormTraining() {
        double eps = 1e-5;
        return OpInfo.op("batchNorm, training (batch statistics)", Op.BATCH_NORM)
                .sample("2-D [4, 3], weight and bias",
                        in -> Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, eps),
                        Arg.of(D, 4, 3), Arg.of(D, 3), Arg.of(D, 3))
                .sample("4-D [2, 2, 2, 2], weight and bias",
                        in -> Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, eps),
                        Arg.of(D, 2, 2, 2, 2), Arg.of(D, 2), Arg.of(D, 2))
                // The running stats are made inside f, so every evaluation starts from the same ones;
                // their in-place update stays out of the graph. They follow the input's backend and
                // dtype, so the sample runs wherever the input is (OpInfoConformance).
                .sample("4-D [3, 2, 1, 2], no weight or bias, running stats updated",
                        in -> Normalization.batchNorm(in.get(0), Tensor.zeros(in.get(0).backend(), in.get(0).dtype(), 2),
                                Tensor.full(in.get(0).backend(), in.get(0).dtype(), 1, 2), null, null, true, 0.1, eps),
                        Arg.of(D, 3, 2, 1, 2))
                .sample("transposed 2-D [3, 4].t(), weight only",
                        in -> Normalization.batchNorm(in.get(0).t(), null, null, in.get(1), null, true, 0.1, eps),
                        Arg.of(D, 3, 4), Arg.of(D, 3))
                .example("[[1], [3]], eps 0: mean 2, variance 1, = [[-1], [1]]; weight 2, bias 0.5 = [[-1.5], [2.5]]",
                        in -> Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, 0),
                        of(shape(2, 1), -1.5, 2.5), of(shape(2, 1), 1, 3), vec(2), vec(0.5))
                .example("[2, 2, 1, 1] with channels [1, 3] and [10, 14], eps 0: both normalize to [-1, 1];"
                                + " weight [1, 3], bias [0, -1] = channels [-1, 1] and [-4, 2]",
                        in -> Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, 0),
                        of(shape(2, 2, 1, 1), -1, -4, 1, 2), of(shape(2, 2, 1, 1), 1, 10, 3, 14), vec(1, 3), vec(0, -1))
                .example("running stats (0, 1) after [[1], [3]] with momentum 0.5 = (1, 1.5): the running variance"
                                + " takes the unbiased batch variance 2",
                        in -> {
                            Tensor runningMean = Tensor.zeros(DType.FLOAT64, 1);
                            Tensor runningVar = Tensor.ones(DType.FLOAT64, 1);
                            Normalization.batchNorm(in.get(0), runningMean, runningVar, null, null, true, 0.5, 0);
                            return Tensor.concat(List.of(runningMean, runningVar), 0);
                        },
                        vec(1, 1.5), of(shape(2, 1), 1, 3))
                .build();
    }

    /** Evaluation mode normalizes with the running stats, which are constants here as in PyTorch. */
    private static OpInfo batchNormEvaluation() {
        double eps = 1e-5;
        Domain variance = Domain.positive();
        return OpInfo.op("batchNorm, evaluation (running statistics)", Op.SUB, Op.DIV)
                .sample("4-D [2, 2, 2, 2], weight and bias",
                        in -> Normalization.batchNorm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), false, 0.1,
                                eps),
                        Arg.of(D, 2, 2, 2, 2), Arg.constant(D, 2), Arg.constant(variance, 2), Arg.of(D, 2), Arg.of(D, 2))
                .sample("2-D [3, 2], weight and bias",
                        in -> Normalization.batchNorm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), false, 0.1,
                                eps),
                        Arg.of(D, 3, 2), Arg.constant(D, 2), Arg.constant(variance, 2), Arg.of(D, 2), Arg.of(D, 2))
                .sample("transposed 2-D [3, 2].t(), no weight or bias",
                        in -> Normalization.batchNorm(in.get(0).t(), in.get(1), in.get(2), null, null, false, 0.1, eps),
                        Arg.of(D, 3, 2), Arg.constant(D, 3), Arg.constant(variance, 3))
                .example("[[3, 5]] with running mean [1, 1], variance [4, 16], weight [2, 3], bias [0, 1], eps 0"
                                + " = [[2, 4]]",
                        in -> Normalization.batchNorm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), false, 0.1, 0),
                        of(shape(1, 2), 2, 4), of(shape(1, 2), 3, 5), vec(1, 1), vec(4, 16), vec(2, 3), vec(0, 1))
                .example("eps is added to the running variance: [[2]] with mean 0, variance 0.75, eps 0.25 = [[2]]",
                        in -> Normalization.batchNorm(in.get(0), in.get(1), in.get(2), null, null, false, 0.1, 0.25),
                        of(shape(1, 1), 2), of(shape(1, 1), 2), vec(0), vec(0.75))
                .build();
    }

    /**
     * Dropout draws a random mask, but gradcheck evaluates f many times and needs the same
     * function each time: every sample re-creates its Generator from a fixed seed inside f, so
     * each evaluation draws the identical mask and f is the fixed linear map x -> x * mask / (1-p).
     * The first example checks that premise. The seeds are chosen so that every mask with
     * 0 < p < 1 both keeps and drops (a mask of all ones or all zeros would check nothing new).
     */
    private static OpInfo dropout() {
        return OpInfo.op("dropout (mask fixed: f re-creates its Generator from a seed on every evaluation)", Op.MUL)
                .sample("p 0.4, seed 3: [3, 4]", in -> Dropout.dropout(in.get(0), 0.4, new Generator(3)), Arg.of(D, 3, 4))
                .sample("p 0.5, seed 5: transposed [4, 3].t()", in -> Dropout.dropout(in.get(0).t(), 0.5, new Generator(5)),
                        Arg.of(D, 4, 3))
                .sample("p 0.2, seed 7: expanded [3, 1] to [3, 4] (one mask entry per copy)",
                        in -> Dropout.dropout(in.get(0).expand(3, 4), 0.2, new Generator(7)), Arg.of(D, 3, 1))
                .sample("p 1 (all dropped, no generator): [2, 3]", in -> Dropout.dropout(in.get(0), 1.0, null),
                        Arg.of(D, 2, 3))
                .example("the same seed draws the same mask: dropout(x, 0.5, seed 3) - dropout(x, 0.5, seed 3) = 0",
                        in -> Dropout.dropout(in.get(0), 0.5, new Generator(3))
                                .sub(Dropout.dropout(in.get(0), 0.5, new Generator(3))),
                        vec(0, 0, 0, 0, 0, 0), vec(1, -2, 3, -4, 5, -6))
                .example("p 0.5 on eight ones: every output is 0 or 1 / (1 - p) = 2, so out * (out - 2) = 0",
                        in -> {
                            Tensor out = Dropout.dropout(in.get(0), 0.5, new Generator(11));
                            return out.mul(out.sub(2.0));
                        },
                        vec(0, 0, 0, 0, 0, 0, 0, 0), vec(1, 1, 1, 1, 1, 1, 1, 1))
                .example("p 1 drops everything: [1, -2, 3] -> [0, 0, 0]", in -> Dropout.dropout(in.get(0), 1.0, null),
                        vec(0, 0, 0), vec(1, -2, 3))
                .example("p 0 keeps x: [1, -2, 3]", in -> Dropout.dropout(in.get(0), 0.0, null), vec(1, -2, 3),
                        vec(1, -2, 3))
                .build();
    }

    /** As {@link #dropout()}: the Generator is re-created from its seed inside f, so the mask is fixed. */
    private static OpInfo dropout2d() {
        return OpInfo.op("dropout2d (mask fixed: f re-creates its Generator from a seed on every evaluation)", Op.MUL)
                .sample("p 0.5, seed 4: [2, 3, 2, 1]", in -> Dropout.dropout2d(in.get(0), 0.5, new Generator(4)),
                        Arg.of(D, 2, 3, 2, 1))
                .sample("p 0.3, seed 2: transposed [1, 3, 3, 2].transpose(2, 3)",
                        in -> Dropout.dropout2d(in.get(0).transpose(2, 3), 0.3, new Generator(2)), Arg.of(D, 1, 3, 3, 2))
                .sample("p 1 (all dropped, no generator): [1, 2, 2, 2]", in -> Dropout.dropout2d(in.get(0), 1.0, null),
                        Arg.of(D, 1, 2, 2, 2))
                .example("p 0.5 on ones [2, 3, 2, 2]: each channel is dropped or kept whole, so out minus its"
                                + " channel's first pixel = 0",
                        in -> {
                            Tensor out = Dropout.dropout2d(in.get(0), 0.5, new Generator(13));
                            return out.sub(out.narrow(2, 0, 1).narrow(3, 0, 1));
                        },
                        of(shape(2, 3, 2, 2), new double[24]), of(shape(2, 3, 2, 2), ones(24)))
                .example("p 1 drops every channel: [[[[1]], [[-2]]]] -> 0", in -> Dropout.dropout2d(in.get(0), 1.0, null),
                        of(shape(1, 2, 1, 1), 0, 0), of(shape(1, 2, 1, 1), 1, -2))
                .build();
    }

    private static double[] ones(int n) {
        double[] values = new double[n];
        Arrays.fill(values, 1.0);
        return values;
    }
}
