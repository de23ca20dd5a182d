package dev.jgan.core.backend;

/** Reductions over a set of dims. */
public enum ReduceOp {
    SUM, MAX, MIN
}
