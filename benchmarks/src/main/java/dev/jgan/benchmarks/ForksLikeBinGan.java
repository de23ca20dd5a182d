package dev.jgan.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * The JMH fork of every CPU benchmark, started with the JVM options {@code bin/gan} starts the
 * engine with, so that the benchmarks run the code as users do ({@code @Fork} is inherited).
 * {@code bin/gan}'s comments say why these options; {@code compare_pytorch.py} passes the same,
 * and LauncherOptionsTest checks that the three agree.
 */
@Fork(value = 1, jvmArgsAppend = {ForksLikeBinGan.VECTOR_API, ForksLikeBinGan.COLLECTOR, ForksLikeBinGan.FIRST_HEAP,
        ForksLikeBinGan.YOUNG_GENERATION, ForksLikeBinGan.QUIET_COMPILE_COMMANDS, ForksLikeBinGan.KERNELS_COMPILED_EARLY})
public abstract class ForksLikeBinGan {
    /** The matmul and the float32 functions use the Vector API only when the module is present. */
    public static final String VECTOR_API = "--add-modules=jdk.incubator.vector";
    public static final String COLLECTOR = "-XX:+UseSerialGC";
    public static final String FIRST_HEAP = "-Xms64m";
    public static final String YOUNG_GENERATION = "-Xmn32m";
    public static final String QUIET_COMPILE_COMMANDS = "-XX:CompileCommand=quiet";
    /** C2 compiles the CPU backend's kernels after a tenth of the usual calls: bin/gan's comment says why. */
    public static final String KERNELS_COMPILED_EARLY =
            "-XX:CompileCommand=CompileThresholdScaling,dev.jgan.core.backend.cpu.*::*,0.1";
}
