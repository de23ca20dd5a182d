package dev.jgan.core.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.DType;

import java.util.List;

/**
 * One op applied by PyTorch to fixed inputs: {@code op} and {@code args} name the computation
 * (see {@link CoreOps}), {@code gradOutput} is the upstream gradient that was backpropagated,
 * and each input carries the gradient PyTorch found for it. {@code note} says why a case is
 * there when that is not obvious from its name.
 */
record ParityCase(String name, String op, String dtype, JsonNode args, String note, List<FixtureInput> inputs,
                  FixtureTensor output, FixtureTensor gradOutput) {

    DType type() {
        return switch (dtype) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("case " + name + ": unknown dtype '" + dtype
                    + "' (expected float32 or float64)");
        };
    }
}
