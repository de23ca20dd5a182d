#!/usr/bin/env python3
"""Side-by-side timings of jgan's CPU backend and PyTorch on the same workloads.

Run from anywhere with Debian's Python, which has torch 1.13 with OpenBLAS:

    /usr/bin/python3 benchmarks/compare/compare_pytorch.py            # build, then time both
    /usr/bin/python3 benchmarks/compare/compare_pytorch.py --no-build # reuse benchmarks.jar
    /usr/bin/python3 benchmarks/compare/compare_pytorch.py --no-build sgemm "x W^T" "g W" "x^T g"  # matmuls only

It builds the benchmarks jar, runs the Java driver (dev.jgan.benchmarks.compare.CompareMain),
times PyTorch once per thread count (each in a fresh process with OMP_NUM_THREADS and
OPENBLAS_NUM_THREADS set, so the setting holds for OpenBLAS too), and prints one Markdown table:
PyTorch's best thread count against ours. Both sides time the same way: warm up, choose a call
count per sample of at least 20 ms, take 11 samples, report the median time per call.

PyTorch is used here only to measure; nothing in the engine depends on it.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join("benchmarks", "target", "benchmarks.jar")
DRIVER = "dev.jgan.benchmarks.compare.CompareMain"
SAMPLES = 11
WARMUP_SECONDS = 0.5
MIN_SAMPLE_SECONDS = 0.02
# The MLP GAN's generator layers (gan.py): (in, out) of each Linear, weight stored [out, in].
GAN_LAYERS = ((100, 128), (128, 256), (256, 512), (512, 1024), (1024, 784))


def seconds_per_call(work):
    """Median seconds per call, timed as MedianTimer.java times the Java side."""
    end = time.perf_counter() + WARMUP_SECONDS
    calls = 0
    while time.perf_counter() < end:
        work()
        calls += 1
    per_call = WARMUP_SECONDS / max(1, calls)
    calls_per_sample = max(1, int(MIN_SAMPLE_SECONDS / per_call))
    samples = []
    for _ in range(SAMPLES):
        start = time.perf_counter()
        for _ in range(calls_per_sample):
            work()
        samples.append((time.perf_counter() - start) / calls_per_sample)
    samples.sort()
    return samples[SAMPLES // 2]


def torch_workloads(torch):
    """The workloads of CompareMain.workloads, same names, same shapes, float32."""
    gen = torch.Generator().manual_seed(42)

    def randn(*shape):
        return torch.randn(*shape, generator=gen)

    w = {}
    for n in (256, 512, 1024):
        a, b = randn(n, n), randn(n, n)
        w[f"sgemm {n}"] = lambda a=a, b=b: a @ b
    for fan_in, fan_out in GAN_LAYERS:
        x, g, weight = randn(64, fan_in), randn(64, fan_out), randn(fan_out, fan_in)
        w[f"x W^T 64x{fan_in}x{fan_out}"] = lambda x=x, weight=weight: x @ weight.t()
        w[f"g W 64x{fan_out}x{fan_in}"] = lambda g=g, weight=weight: g @ weight
        w[f"x^T g {fan_in}x64x{fan_out}"] = lambda x=x, g=g: x.t() @ g
    x, weight, bias = randn(64, 1024), randn(784, 1024), randn(784)
    w["linear 64x1024x784"] = lambda: torch.nn.functional.linear(x, weight, bias)
    a, b, row_bias = randn(64, 1024), randn(64, 1024), randn(1024)
    w["add [64,1024]"] = lambda: a + b
    w["mul bias [64,1024]*[1024]"] = lambda: a * row_bias
    w["leakyRelu [64,1024]"] = lambda: torch.nn.functional.leaky_relu(a, 0.2)
    w["sigmoid [64,1024]"] = lambda: torch.sigmoid(a)
    w["tanh [64,1024]"] = lambda: torch.tanh(a)
    w["sum dim 0 [64,1024]"] = lambda: a.sum(0)
    w["sum dim 1 [64,1024]"] = lambda: a.sum(1)
    w["softmax dim 1 [64,1024]"] = lambda: torch.softmax(a, 1)
    return w


def selected(name, prefixes):
    return not prefixes or any(name.startswith(p) for p in prefixes)


def torch_worker(threads, prefixes):
    """Runs in a child process whose environment already fixes the thread count."""
    import torch

    torch.set_num_threads(threads)
    with torch.no_grad():
        results = {name: seconds_per_call(work) for name, work in torch_workloads(torch).items()
                   if selected(name, prefixes)}
    with open("/proc/self/maps") as maps:
        blas = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    print(json.dumps({"results": results, "torch": torch.__version__, "blas": blas}))


def time_torch(threads, prefixes):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--torch-worker", str(threads)] + prefixes,
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def time_java(prefixes):
    # --add-modules: our matmul uses the Vector API (SIMD) only when the module is present.
    out = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-cp", JAR, DRIVER] + prefixes,
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    results, java = {}, "?"
    for line in out.splitlines():
        fields = line.split("\t")
        if fields[0] == "RESULT":
            results[fields[1]] = float(fields[2])
        elif fields[0] == "JAVA":
            java = fields[1]
    return results, java


def cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def format_time(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} us"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="use the benchmarks jar as it is")
    parser.add_argument("--threads", default="1,2", help="PyTorch thread counts to try (default 1,2)")
    parser.add_argument("--torch-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("prefixes", nargs="*", help="run only the workloads whose names start so (e.g. sgemm 'x W^T')")
    args = parser.parse_args()
    if args.torch_worker is not None:
        torch_worker(args.torch_worker, args.prefixes)
        return

    if not args.no_build:
        subprocess.run(["mvn", "-q", "-pl", "benchmarks", "-am", "package", "-DskipTests"], cwd=ROOT, check=True)
    if not os.path.exists(os.path.join(ROOT, JAR)):
        sys.exit(f"compare_pytorch: {JAR} is missing; build it with mvn -pl benchmarks -am package -DskipTests")

    load_before = os.getloadavg()[0]
    ours, java = time_java(args.prefixes)
    torch_runs = {int(t): time_torch(int(t), args.prefixes) for t in args.threads.split(",")}
    load_after = os.getloadavg()[0]

    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    any_run = next(iter(torch_runs.values()))
    print(f"Machine: {nproc} cores ({cpu_model()}); load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"Versions: {java}; Python {platform.python_version()}, torch {any_run['torch']}, "
          f"BLAS {', '.join(any_run['blas']) or 'none loaded'}")
    print()
    print("| workload | PyTorch best (threads) | ours | ours / PyTorch |")
    print("|---|---:|---:|---:|")
    for name, seconds in ours.items():
        threads, best = min(((t, run["results"][name]) for t, run in torch_runs.items() if name in run["results"]),
                            key=lambda tb: tb[1])
        print(f"| {name} | {format_time(best)} ({threads}) | {format_time(seconds)} | {seconds / best:.2f} |")


if __name__ == "__main__":
    main()
