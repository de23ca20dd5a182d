package dev.jgan.core.autograd;

/**
 * Every kind of node the autodiff graph can hold. A node records one of these, so this list is
 * the complete set of differentiable primitives; the op-coverage test fails if any of them has
 * no gradient check.
 */
public enum Op {
    // elementwise, two inputs (broadcasting)
    ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), POW("pow"), MAXIMUM("maximum"), MINIMUM("minimum"),
    WHERE("where"),
    // elementwise, one input
    NEG("neg"), POW_SCALAR("pow_scalar"), EXP("exp"), LOG("log"), SQRT("sqrt"), ABS("abs"), TANH("tanh"),
    SIGMOID("sigmoid"), RELU("relu"), LEAKY_RELU("leaky_relu"), CLAMP("clamp"),
    // reductions
    SUM("sum"), MEAN("mean"), MAX("max"), MIN("min"),
    // linear algebra and normalizations
    MATMUL("matmul"), MATMUL_SUMMED_OVER_BATCH("matmul_summed_over_batch"), SOFTMAX("softmax"), LOG_SOFTMAX("log_softmax"),
    BATCH_NORM("batch_norm"),
    // views and copies
    RESHAPE("reshape"), PERMUTE("permute"), NARROW("narrow"), SLICE_BACKWARD("slice_backward"),
    EXPAND("expand"), SQUEEZE("squeeze"), UNSQUEEZE("unsqueeze"), CONTIGUOUS("contiguous"), TO_DTYPE("to_dtype"),
    CONCAT("concat"),
    // losses with their own numerically careful backward
    BCE("binary_cross_entropy"), BCE_WITH_LOGITS("binary_cross_entropy_with_logits"),
    // sliding windows: convolution and pooling are built from these and matmul/reductions
    IM2COL("im2col"), COL2IM("col2im");

    private final String displayName;

    Op(String displayName) {
        this.displayName = displayName;
    }

    /** The name shown in errors, graph exports and the op table. */
    public String displayName() {
        return displayName;
    }
}
