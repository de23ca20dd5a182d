package dev.jgan.core.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses;

import java.util.List;
import java.util.Locale;

/**
 * The jgan call for each op name of {@code pytorch/make_core_fixtures.py}. The names are the
 * contract between the script and this test: both sides must compute the same function, so
 * an entry here mirrors the script's {@code OPS} entry of the same name.
 */
final class CoreOps {
    private CoreOps() {
    }

    static Tensor apply(ParityCase c, List<Tensor> in) {
        Tensor x = in.get(0);
        return switch (c.op()) {
            case "add" -> x.add(in.get(1));
            case "add_scalar" -> x.add(number(c, "value"));
            case "sub" -> x.sub(in.get(1));
            case "sub_scalar" -> x.sub(number(c, "value"));
            case "mul" -> x.mul(in.get(1));
            case "mul_scalar" -> x.mul(number(c, "value"));
            case "mul_self" -> x.mul(x);
            case "div" -> x.div(in.get(1));
            case "div_scalar" -> x.div(number(c, "value"));
            case "pow_scalar" -> x.pow(number(c, "exponent"));
            case "pow" -> x.pow(in.get(1));
            case "neg" -> x.neg();
            case "exp" -> x.exp();
            case "log" -> x.log();
            case "sqrt" -> x.sqrt();
            case "abs" -> x.abs();
            case "tanh" -> x.tanh();
            case "sigmoid" -> x.sigmoid();
            case "relu" -> x.relu();
            case "leaky_relu" -> x.leakyRelu(number(c, "negative_slope"));
            case "clamp" -> clamp(c, x);
            case "maximum" -> x.maximum(in.get(1));
            case "minimum" -> x.minimum(in.get(1));
            case "where" -> Tensor.where(x, in.get(1), in.get(2));
            case "sum" -> x.sum(dims(c), flag(c, "keepdim"));
            case "mean" -> x.mean(dims(c), flag(c, "keepdim"));
            // jgan's max/min over dims share the gradient among ties: that is torch.amax/amin.
            case "amax" -> x.max(dims(c), flag(c, "keepdim"));
            case "amin" -> x.min(dims(c), flag(c, "keepdim"));
            case "var" -> x.var(dims(c), (int) number(c, "correction"), flag(c, "keepdim"));
            case "matmul" -> x.matmul(in.get(1));
            case "softmax" -> x.softmax((int) number(c, "dim"));
            case "log_softmax" -> x.logSoftmax((int) number(c, "dim"));
            case "cat" -> Tensor.concat(in, (int) number(c, "dim"));
            case "stack" -> Tensor.stack(in, (int) number(c, "dim"));
            case "binary_cross_entropy" -> Losses.binaryCrossEntropy(x, in.get(1), reduction(c));
            case "binary_cross_entropy_with_logits" -> Losses.binaryCrossEntropyWithLogits(x, in.get(1), reduction(c));
            case "mse_loss" -> Losses.mse(x, in.get(1), reduction(c));
            default -> throw new IllegalArgumentException("case " + c.name() + ": op '" + c.op()
                    + "' has no jgan counterpart in CoreOps");
        };
    }

    /** torch.clamp with min or max None is a one-sided clamp. */
    private static Tensor clamp(ParityCase c, Tensor x) {
        JsonNode min = arg(c, "min");
        JsonNode max = arg(c, "max");
        return x.clamp(min.isNull() ? Double.NEGATIVE_INFINITY : min.asDouble(),
                max.isNull() ? Double.POSITIVE_INFINITY : max.asDouble());
    }

    private static Losses.Reduction reduction(ParityCase c) {
        return Losses.Reduction.valueOf(arg(c, "reduction").asText().toUpperCase(Locale.ROOT));
    }

    private static int[] dims(ParityCase c) {
        JsonNode list = arg(c, "dims");
        int[] dims = new int[list.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = list.get(i).asInt();
        }
        return dims;
    }

    private static double number(ParityCase c, String key) {
        JsonNode value = arg(c, key);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("case " + c.name() + ": argument '" + key + "' is " + value
                    + ", expected a number");
        }
        return value.asDouble();
    }

    private static boolean flag(ParityCase c, String key) {
        JsonNode value = arg(c, key);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("case " + c.name() + ": argument '" + key + "' is " + value
                    + ", expected true or false");
        }
        return value.asBoolean();
    }

    private static JsonNode arg(ParityCase c, String key) {
        JsonNode value = c.args().get(key);
        if (value == null) {
            throw new IllegalArgumentException("case " + c.name() + ": op " + c.op() + " needs argument '" + key
                    + "', the fixture has " + c.args());
        }
        return value;
    }
}
