#!/usr/bin/env python3
"""Side-by-side timings and peak memory of jgan's CPU backend and PyTorch on the same workloads.

Run from anywhere with Debian's Python, which has torch 1.13 with OpenBLAS:

    /usr/bin/python3 benchmarks/compare/compare_pytorch.py            # build, then time both
    /usr/bin/python3 benchmarks/compare/compare_pytorch.py --no-build # reuse benchmarks.jar
    /usr/bin/python3 benchmarks/compare/compare_pytorch.py --no-build sgemm "x W^T" "g W" "x^T g"  # matmuls only
    /usr/bin/python3 benchmarks/compare/compare_pytorch.py --no-build --only "mlp-gan memory"  # peak memory only
    /usr/bin/python3 benchmarks/compare/compare_pytorch.py --no-build --only e2e  # one epoch, whole process

It builds the benchmarks jar, runs the Java driver (dev.jgan.benchmarks.compare.CompareMain),
times PyTorch once per thread count (each in a fresh process with OMP_NUM_THREADS and
OPENBLAS_NUM_THREADS set, so the setting holds for OpenBLAS too), and prints one Markdown table:
PyTorch's best thread count against ours. Both sides time the same way: warm up, choose a call
count per sample of at least 20 ms, take 11 samples, report the median time per call. With
--rounds N every side is timed N times, in turns, and keeps its best round (time_rounds says why).

PyTorch gets OpenBLAS's best kernels for the CPU: an OpenBLAS older than the CPU takes it for an
old one (Debian's 0.3.21 runs SSE3 kernels on an Emerald Rapids Xeon), so where OpenBLAS's own
choice (or an OPENBLAS_CORETYPE in the environment) uses less than the CPU's AVX-512 or AVX2, every
PyTorch child runs with OPENBLAS_CORETYPE naming kernels that use them (--openblas-core; see
choose_openblas_core). The kernels PyTorch ran are printed under the versions.

The workload "mlp-gan memory" (selected like the others by name prefix, so "mlp-gan" takes it
too) measures peak memory instead: the MLP GAN (gan.py's networks, batch 64, Adam 2e-4 / 0.5)
trained for MEMORY_STEPS steps in a fresh process per side (PeakMemoryMain in a JVM started as
for the timings; PyTorch on 1 thread, since threads barely change memory), each reporting its
resident set size before building the model (VmRSS) and its peak after the last step (VmHWM,
both from /proc/self/status). Java runs twice: with the launcher's settings (LAUNCHER_JVM_OPTIONS,
bin/gan's: the serial collector, a small first heap and young generation, the JVM's default
maximum of a quarter of RAM, and the CPU kernels compiled early), and with SMALL_HEAP added. Every JVM this script starts, the
timings' included, gets LAUNCHER_JVM_OPTIONS.
It prints a second table, "peak memory", with ours / PyTorch's for the peak and for the peak
minus start-up. --baseline-jar applies to the timings only.

The workload "e2e mlp-gan fashion-mnist epoch" (prefix "e2e") times whole processes instead: one
epoch of the MLP GAN on Fashion-MNIST (937 steps of 64), start-up and data loading included, each
run in a fresh process from start to exit. Ours is the user's command, `bin/gan train --data
fashion-mnist --epochs 1 --recipe gan.py --step-order gan.py --out DIR` (both sides play gan.py's
step, E2E_STEP_ORDER) through bin/gan with its own JVM settings (JAVA_TOOL_OPTIONS,
JDK_JAVA_OPTIONS and _JAVA_OPTIONS are removed from its environment; --e2e-jvm-options adds rows
with options of your choice in JDK_JAVA_OPTIONS). PyTorch's is gan_py_epoch.py beside this script:
gan.py's networks and steps, with the outputs of ours that have a plain counterpart (its docstring
lists them), once per thread count. Each process is started with Popen and reaped with os.wait4,
whose rusage gives that process's own peak resident set (ru_maxrss) and CPU time. Both are run
once untimed first (bin/gan train on the digits for an epoch, import torch), so that a stale jar
is rebuilt and bin/gan's class archive written outside the timing, and both start from a warm
page cache. It prints a third table, "end to end", with ours /
PyTorch's best for the wall time and the peak. It needs Debian's dataset-fashion-mnist.

PyTorch is used here only to measure; nothing in the engine depends on it.
"""
import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join("benchmarks", "target", "benchmarks.jar")
DRIVER = "dev.jgan.benchmarks.compare.CompareMain"
SAMPLES = 11
# PyTorch has no JIT to wait for (MedianTimer.java warms up for 3 s after a first call); half a
# second fills its allocator's caches.
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


# MedianTimer.secondsPerStep's rule: one step, then at least 2 more and 5 s, then the median of
# single steps, as many as fit in 3 s (3 to 11).
STEP_WARMUP_CALLS = 2
STEP_WARMUP_SECONDS = 5.0
STEP_SAMPLING_SECONDS = 3.0
STEP_MAX_SAMPLES = 11
MEMORY_WORKLOAD = "mlp-gan memory"
MEMORY_DRIVER = "dev.jgan.benchmarks.compare.PeakMemoryMain"
MEMORY_STEPS = 200
# The second Java row's maximum heap: the smallest power of two at which the MLP GAN's 200 steps
# finish (measured 2026-12-05: 64 and 80 MiB ran out of heap, 96 MiB did not, with little margin).
SMALL_HEAP = "-Xmx128m"
# bin/gan's JVM settings (see its comments); benchmarks' LauncherOptionsTest checks that they agree.
LAUNCHER_JVM_OPTIONS = ("-XX:+UseSerialGC", "-Xms64m", "-Xmn32m",
                        "-XX:CompileCommand=quiet", "-XX:CompileCommand=CompileThresholdScaling,dev.jgan.core.backend.cpu.*::*,0.1")
E2E_WORKLOAD = "e2e mlp-gan fashion-mnist epoch"
# Both sides play gan.py's step (G first, D on the same fakes detached, D's loss halved). "gan.py"
# is the one order both spell alike (gan train --step-order gan.py, gan_py_epoch.py --order
# gan.py; the other is algorithm-1 for ours, trainer for gan_py_epoch.py). Until 2026-12-07 ours
# ran the trainer's default, Algorithm 1's order: one more forward pass of G a step than
# gan_py_epoch.py's (our loop of 937 steps: 13.4 s in that order, 11.9-12.2 s in gan.py's; PyTorch's
# loop 16.3-18.8 s, 1 thread, in the same hour's --e2e-runs 3 rounds; 2-core Intel Xeon, AVX-512).
E2E_STEP_ORDER = "gan.py"
E2E_DATA = "/usr/share/datasets/fashion-mnist"
E2E_EPOCHS = 1
E2E_STEPS = 60000 // 64 * E2E_EPOCHS
E2E_TORCH_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gan_py_epoch.py")
# The JVM reads the first three from the environment, bin/gan the last two; a user's would change
# the JVM settings bin/gan picks.
JAVA_OPTION_VARIABLES = ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "JIT_OPTS")
# OpenBLAS's kernel sets (its core names) that use AVX-512, and those that use AVX2 with FMA; and
# the CPU flags each needs. Used by choose_openblas_core.
AVX512_CORES = {"SkylakeX", "Cooperlake", "SapphireRapids"}
AVX2_CORES = AVX512_CORES | {"Haswell", "Zen"}
AVX512_FLAGS = {"avx512f", "avx512dq", "avx512bw", "avx512vl"}
AVX2_FLAGS = {"avx2", "fma"}


def seconds_per_step(step):
    """Median of single steps after a warm-up, timed as CompareMain times a training step."""
    step()
    wall, cpu, calls = time.perf_counter(), time.process_time(), 0
    while (calls < STEP_WARMUP_CALLS or time.perf_counter() - wall < STEP_WARMUP_SECONDS
           or time.process_time() - cpu < STEP_WARMUP_SECONDS):
        step()
        calls += 1
    per_call = (time.perf_counter() - wall) / calls
    samples = int(max(3, min(STEP_MAX_SAMPLES, STEP_SAMPLING_SECONDS // per_call)))
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[samples // 2]


def mlp_gan(torch):
    """PyTorch-GAN's gan.py at 28x28x1 (BatchNorm1d(out, 0.8): its second argument is eps), D ending at the logit."""
    nn = torch.nn

    def block(i, o, normalize=True):
        layers = [nn.Linear(i, o)]
        if normalize:
            layers.append(nn.BatchNorm1d(o, 0.8))
        layers.append(nn.LeakyReLU(0.2))
        return layers

    g = nn.Sequential(*block(100, 128, normalize=False), *block(128, 256), *block(256, 512), *block(512, 1024),
                      nn.Linear(1024, 784), nn.Tanh(), nn.Unflatten(1, (1, 28, 28)))
    d = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2),
                      nn.Linear(256, 1))
    return g, d, (100,), (1, 28, 28)


def dcgan(torch, size, channels, width=64, nz=100):
    """pytorch/examples' DCGAN for a square power-of-two size (64 is exactly its network, 32 one block fewer)."""
    nn = torch.nn
    blocks = size.bit_length() - 3
    widest = width << (blocks - 1)
    g = [nn.ConvTranspose2d(nz, widest, 4, 1, 0, bias=False), nn.BatchNorm2d(widest), nn.ReLU(True)]
    w = widest
    while w > width:
        g += [nn.ConvTranspose2d(w, w // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(w // 2), nn.ReLU(True)]
        w //= 2
    g += [nn.ConvTranspose2d(width, channels, 4, 2, 1, bias=False), nn.Tanh()]
    d = [nn.Conv2d(channels, width, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True)]
    w = width
    for _ in range(1, blocks):
        d += [nn.Conv2d(w, w * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(w * 2), nn.LeakyReLU(0.2, inplace=True)]
        w *= 2
    d += [nn.Conv2d(w, 1, 4, 1, 0, bias=False)]
    return nn.Sequential(*g), nn.Sequential(*d), (nz, 1, 1), (channels, size, size)


def gan_step(torch, g, d, noise_shape, image_shape):
    """GanSteps.Step.run for one network pair: GanTrainer.step at batch 64 with Adam(2e-4, 0.5, 0.999)."""
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.rand(64, *image_shape) * 2 - 1
    ones, zeros = torch.ones(64, 1), torch.zeros(64, 1)

    def step():
        # GanTrainer.step: D on reals and detached fakes, then G on fresh fakes.
        with torch.no_grad():
            fake = g(torch.randn(64, *noise_shape))
        real_logits, fake_logits = d(real).view(-1, 1), d(fake).view(-1, 1)
        loss_d = bce(real_logits, ones) + bce(fake_logits, zeros)
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        d_loss = loss_d.item()
        real_logits.detach().sigmoid().mean().item()
        fake_logits.detach().sigmoid().mean().item()
        loss_g = bce(d(g(torch.randn(64, *noise_shape))).view(-1, 1), ones)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        loss_g.item()
        return d_loss

    return step


def torch_steps(torch):
    """The training steps of GanSteps.java, same names."""
    return {"mlp-gan step": gan_step(torch, *mlp_gan(torch)),
            "dcgan32 step": gan_step(torch, *dcgan(torch, 32, 1)),
            "dcgan64 step": gan_step(torch, *dcgan(torch, 64, 3))}


def loaded_blas():
    """The BLAS libraries this process has mapped: which one torch calls."""
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})


def openblas_core():
    """The kernel set the loaded OpenBLAS chose (openblas_get_corename), e.g. "SkylakeX"; None without OpenBLAS."""
    import ctypes

    for path in loaded_blas():
        try:
            corename = ctypes.CDLL(path).openblas_get_corename
        except (OSError, AttributeError):
            continue
        corename.restype = ctypes.c_char_p
        return corename().decode()
    return None


def torch_worker(threads, only):
    """Runs in a child process whose environment already fixes the thread count."""
    import torch

    torch.set_num_threads(threads)
    def wanted(name):
        return not only or name.startswith(only)

    with torch.no_grad():
        results = {name: seconds_per_call(work) for name, work in torch_workloads(torch).items() if wanted(name)}
    torch.manual_seed(42)
    results.update({name: seconds_per_step(step) for name, step in torch_steps(torch).items() if wanted(name)})
    print(json.dumps({"results": results, "torch": torch.__version__, "blas": loaded_blas(), "core": openblas_core()}))


def proc_status_kib(field):
    """A field of /proc/self/status such as VmHWM, in KiB, as PeakMemoryMain.kib reads it on the Java side."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                value, unit = line.split()[1:]
                if unit != "kB":
                    sys.exit(f"compare_pytorch: /proc/self/status line {line.strip()!r} is not '{field}: <number> kB'")
                return int(value)
    sys.exit(f"compare_pytorch: no {field} line in /proc/self/status")


def torch_memory_worker():
    """PeakMemoryMain in PyTorch: the RSS after importing torch, MEMORY_STEPS steps of the MLP GAN, the peak RSS."""
    import torch

    torch.set_num_threads(1)
    startup = proc_status_kib("VmRSS")
    torch.manual_seed(42)
    step = gan_step(torch, *mlp_gan(torch))
    for _ in range(MEMORY_STEPS):
        loss = step()
    # A diverged run would not be the run the Java side measures.
    if not math.isfinite(loss):
        sys.exit(f"compare_pytorch: the discriminator's loss after {MEMORY_STEPS} steps is {loss}")
    print(json.dumps({"memory": {"startup": startup, "peak": proc_status_kib("VmHWM")},
                      "torch": torch.__version__, "blas": loaded_blas(), "core": openblas_core()}))


def run_child(command, env=None):
    """stdout of a child process run from ROOT; its stderr in the error if it fails (e.g. OutOfMemoryError)."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"compare_pytorch: {' '.join(command)} exited with {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout


def run_torch(threads, *args):
    """This script as a child with the thread count fixed, OpenBLAS's included; returns its JSON line."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    out = run_child([sys.executable, os.path.abspath(__file__), *args], env)
    return json.loads(out.strip().splitlines()[-1])


def time_torch(threads, only=()):
    return run_torch(threads, "--torch-worker", str(threads), "--only", ",".join(only))


def run_java(jar, driver, *args, heap=None):
    """Runs a driver class in a fresh JVM; returns its RESULT or MEMORY lines as {name: value} and the Java version."""
    # --add-modules: our matmul uses the Vector API (SIMD) only when the module is present.
    out = run_child(["java", "--add-modules", "jdk.incubator.vector", *LAUNCHER_JVM_OPTIONS, *([heap] if heap else []),
                     "-cp", jar, driver, *args])
    values, java = {}, "?"
    for line in out.splitlines():
        fields = line.split("\t")
        if fields[0] in ("RESULT", "MEMORY"):
            values[fields[1]] = float(fields[2])
        elif fields[0] == "JAVA":
            java = fields[1]
    return values, java


def time_java(jar=JAR, only=()):
    return run_java(jar, DRIVER, *only)


def time_rounds(rounds, baseline_jar, only, thread_counts):
    """The timings, `rounds` times over: each round times the baseline (if any), ours, then PyTorch per
    thread count, one process each, so that every side is timed in every stretch of the run; each
    workload keeps each side's best round (its least median). Returns before, ours, the Java version
    and PyTorch's runs by thread count.

    Why rounds: on a virtual machine whose cores share their physical cores with other guests, the
    same process can run a third slower for seconds at a time (OpenBLAS on one core, sgemm 1024:
    10.4-10.6 ms in one process, 15.1-15.5 ms in the next, 2-core Xeon, 2026-12-07). One round
    compares whichever stretch each side happened to get; the best of a few compares both sides
    in their quiet stretches.
    """
    def best(runs):
        return {name: min(run[name] for run in runs if name in run) for name in runs[0]}

    befores, ours_runs, torch_rounds, java = [], [], {t: [] for t in thread_counts}, "?"
    for _ in range(rounds):
        if baseline_jar:
            befores.append(time_java(os.path.abspath(baseline_jar), only)[0])
        ours, java = time_java(JAR, only)
        ours_runs.append(ours)
        # The driver has the list of timed workloads; with none of them selected, PyTorch has nothing to time.
        if not ours:
            return None, {}, java, {}
        for t in thread_counts:
            torch_rounds[t].append(time_torch(t, only))
    torch_runs = {t: dict(runs[-1], results=best([run["results"] for run in runs])) for t, runs in torch_rounds.items()}
    return (best(befores) if befores else None), best(ours_runs), java, torch_runs


def measure_memory():
    """The peak-memory rows: (label, {startup, peak} in KiB), PyTorch's first; and PyTorch's version info."""
    torch_run = run_torch(1, "--torch-memory-worker")
    rows = [("PyTorch, 1 thread", torch_run["memory"])]
    for heap in (None, SMALL_HEAP):
        java = run_java(JAR, MEMORY_DRIVER, str(MEMORY_STEPS), heap=heap)[0]
        memory_options = " ".join(o for o in LAUNCHER_JVM_OPTIONS if not o.startswith("-XX:CompileCommand"))
        label = (f"ours, {heap}" if heap else
                 f"ours, launcher's settings ({memory_options}, max {java['maxHeap'] / 2 ** 20:.1f} GiB)")
        rows.append((label, java))
    return rows, torch_run


def torch_info_worker():
    """The torch version and the BLAS it loads, for the Versions line when no other PyTorch child ran."""
    import torch

    print(json.dumps({"torch": torch.__version__, "blas": loaded_blas(), "core": openblas_core()}))


class ProcessFailed(Exception):
    """A timed child exited with a non-zero status; the message names it and ends with its stderr."""


def run_process(command, out_dir, env):
    """Runs command to its exit from ROOT, its output into out_dir; wall seconds and its own rusage.

    os.wait4 returns the rusage of that one child, so ru_maxrss is its peak resident set (Linux:
    KiB), not the largest of all the children this script has waited for, as RUSAGE_CHILDREN gives.
    """
    with open(os.path.join(out_dir, "stdout.txt"), "w") as out, open(os.path.join(out_dir, "stderr.txt"), "w") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    with open(os.path.join(out_dir, "stdout.txt")) as out, open(os.path.join(out_dir, "stderr.txt")) as err:
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        raise ProcessFailed(f"compare_pytorch: {' '.join(command)} exited with {child.returncode}:\n{stderr[-3000:]}")
    return {"wall": wall, "peak": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}, stdout, stderr


def e2e_ours(jvm_options, out_dir):
    """bin/gan train for E2E_EPOCHS on Fashion-MNIST; returns the measures and the s/epoch it printed."""
    env = {k: v for k, v in os.environ.items() if k not in JAVA_OPTION_VARIABLES}
    if jvm_options:
        env["JDK_JAVA_OPTIONS"] = jvm_options
    # --recipe gan.py and gan.py's step order: the PyTorch side runs gan.py as written, so ours must
    # too (the MLP's default recipe adds a minibatch standard deviation to D and label smoothing).
    command = [os.path.join(ROOT, "bin", "gan"), "train", "--data", "fashion-mnist", "--epochs", str(E2E_EPOCHS),
               "--recipe", "gan.py", "--step-order", E2E_STEP_ORDER, "--out", os.path.join(out_dir, "run")]
    measures, stdout, _ = run_process(command, out_dir, env)
    done = [line for line in stdout.splitlines() if line.startswith("done: ")]
    # "done: 937 steps, 31.2 s/epoch; ..." (TrainCommand)
    if not done or not done[-1].startswith(f"done: {E2E_STEPS} steps, "):
        sys.exit(f"compare_pytorch: bin/gan train did not report {E2E_STEPS} steps:\n{stdout[-2000:]}")
    measures["loop"] = float(done[-1].split(", ")[1].split(" s/epoch")[0]) * E2E_EPOCHS
    return measures


def e2e_torch(threads, out_dir):
    """gan_py_epoch.py on `threads` threads, OpenBLAS's included; returns the measures and its loop time."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    command = [sys.executable, E2E_TORCH_SCRIPT, "--data", E2E_DATA, "--epochs", str(E2E_EPOCHS), "--threads",
               str(threads), "--order", E2E_STEP_ORDER, "--out", os.path.join(out_dir, "run")]
    measures, stdout, _ = run_process(command, out_dir, env)
    result = json.loads(stdout.strip().splitlines()[-1])
    if result["steps"] != E2E_STEPS:
        sys.exit(f"compare_pytorch: gan_py_epoch.py took {result['steps']} steps, expected {E2E_STEPS}")
    measures["loop"] = result["train_seconds"]
    return measures


def check_e2e_prerequisites():
    """Exits naming what is missing; called before anything is timed, so that it does not cost a whole run."""
    if not os.path.isdir(E2E_DATA):
        sys.exit(f"compare_pytorch: {E2E_DATA} is missing; the {E2E_WORKLOAD!r} workload needs Debian's"
                 " dataset-fashion-mnist (apt-get install dataset-fashion-mnist)")
    # gan_py_epoch.py writes its sample grids with Pillow, as ours writes PNGs.
    if subprocess.run([sys.executable, "-c", "import PIL"], capture_output=True).returncode != 0:
        sys.exit(f"compare_pytorch: the {E2E_WORKLOAD!r} workload needs Pillow in {sys.executable}"
                 " (apt-get install python3-pil)")


def measure_e2e(thread_counts, jvm_options, runs):
    """The end-to-end rows: (side, label, measures) per process, in the order run: rounds of ours (the
    launcher's own settings, then each of jvm_options) and PyTorch per thread count, one after the other."""
    import shutil
    import tempfile

    # Untimed: bin/gan rebuilds a stale jar and writes its class archive (gan/target/gan.jsa, which
    # only a real training run writes) here rather than in a timed run, and both sides' files (the JDK
    # and the jar; Python and torch) are in the page cache for every timed run alike.
    warm_up_dir = tempfile.mkdtemp(prefix="jgan-e2e-warm-up-")
    run_child([os.path.join(ROOT, "bin", "gan"), "train", "--data", "digits", "--epochs", "1", "--out", warm_up_dir])
    shutil.rmtree(warm_up_dir)
    run_child([sys.executable, os.path.abspath(__file__), "--torch-info-worker"])
    # (side, label, run, whether a failure is a result): a chosen JVM option may make the run fail
    # (too small a heap), which is worth a row; the launcher's own settings or PyTorch failing is not.
    configs = [("ours", "ours, bin/gan (its own JVM settings)", lambda d: e2e_ours(None, d), False)]
    configs += [("ours", f"ours, JDK_JAVA_OPTIONS='{o}'", lambda d, o=o: e2e_ours(o, d), True) for o in jvm_options]
    configs += [("torch", f"PyTorch gan_py_epoch.py, {t} thread{'s' if t > 1 else ''}",
                 lambda d, t=t: e2e_torch(t, d), False) for t in thread_counts]
    rows = []
    for _ in range(runs):
        for side, label, run, may_fail in configs:
            out_dir = tempfile.mkdtemp(prefix="jgan-e2e-")
            load = os.getloadavg()[0]
            try:
                measures = run(out_dir)
            except ProcessFailed as failed:
                if not may_fail:
                    sys.exit(str(failed))
                # The last line that names an exception or error, e.g. "java.lang.OutOfMemoryError: Java heap space".
                lines = [line.strip() for line in str(failed).splitlines() if "Error" in line or "Exception" in line]
                measures = {"failed": lines[0] if lines else str(failed).splitlines()[0]}
            measures["load"] = load
            shutil.rmtree(out_dir)
            rows.append((side, label, measures))
    return rows


def cpuinfo_field(name):
    """The value of the first /proc/cpuinfo line named `name` (e.g. "model name", "flags"); None without one."""
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.split(":", 1)[0].strip() == name:
                return line.split(":", 1)[1].strip()
    return None


def cpu_flags():
    return set((cpuinfo_field("flags") or "").split())


def better_openblas_core(chosen, flags):
    """The OpenBLAS core to name instead of `chosen` on a CPU with these flags; None if `chosen` uses what it has.

    `chosen` is OpenBLAS's own choice or an OPENBLAS_CORETYPE value, whose case OpenBLAS ignores.
    (Checked with python3 -m doctest benchmarks/compare/compare_pytorch.py.)
    >>> better_openblas_core("Prescott", {"fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl"})
    'SkylakeX'
    >>> better_openblas_core("Sandybridge", {"avx", "fma", "avx2"})
    'Haswell'
    >>> better_openblas_core("Cooperlake", {"fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl"}) is None
    True
    >>> better_openblas_core("haswell", {"fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl"})
    'SkylakeX'
    >>> better_openblas_core("HASWELL", {"fma", "avx2"}) is None
    True
    >>> better_openblas_core("Zen", {"fma", "avx2"}) is None
    True
    >>> better_openblas_core("Prescott", {"sse3"}) is None
    True
    """
    core = chosen.lower()
    if AVX512_FLAGS <= flags and core not in {c.lower() for c in AVX512_CORES}:
        return "SkylakeX"
    if AVX2_FLAGS <= flags and core not in {c.lower() for c in AVX2_CORES}:
        return "Haswell"
    return None


def choose_openblas_core(requested):
    """Sets OPENBLAS_CORETYPE for every PyTorch child this script starts; returns the line that says so.

    OpenBLAS picks its kernels by the CPU's model number, and a release older than the CPU does not
    know it: Debian's 0.3.21 takes an Emerald Rapids Xeon (family 6, model 207) for a Prescott and
    runs SSE3 kernels there, a fifth of the speed its AVX-512 kernels reach. PyTorch's best on such
    a machine is with OPENBLAS_CORETYPE naming the kernels the CPU can run, so "auto" sets it when
    OpenBLAS's own choice uses less than the CPU has. An OPENBLAS_CORETYPE already in the environment
    is kept when it uses all the CPU has and replaced, with a line that says so, when it does not:
    a machine image may set one for a CPU of its own (an AMD EPYC of family 26 came with
    OPENBLAS_CORETYPE=Haswell, AVX2 kernels on a CPU with AVX-512, at half the speed of SkylakeX's
    on sgemm 1024). "default" keeps the environment's value, else OpenBLAS's choice; a core named
    on the command line (--openblas-core NAME) replaces both.
    """
    if requested not in ("auto", "default"):
        os.environ["OPENBLAS_CORETYPE"] = requested
        return f"OPENBLAS_CORETYPE={requested} (--openblas-core)"
    if requested == "default":
        return None
    inherited = os.environ.get("OPENBLAS_CORETYPE")
    chosen = inherited or run_torch(1, "--torch-info-worker")["core"]
    better = better_openblas_core(chosen, cpu_flags()) if chosen else None
    if better is None:
        return None
    os.environ["OPENBLAS_CORETYPE"] = better
    if inherited:
        return (f"OPENBLAS_CORETYPE={better} for PyTorch: the environment's OPENBLAS_CORETYPE={inherited} names"
                f" kernels that do not use all of this CPU's vector instructions (--openblas-core default keeps it)")
    return (f"OPENBLAS_CORETYPE={better} for PyTorch: on its own OpenBLAS took this CPU for {chosen}, whose kernels"
            f" do not use all its vector instructions (--openblas-core default keeps OpenBLAS's choice)")


def cpu_model():
    """The CPU's name and, since a virtual machine's name is often only "Intel(R) Xeon(R) Processor", its
    family and model numbers (lscpu's), which tell its generations apart (Xeons of model 167 and 207 here)."""
    name = cpuinfo_field("model name") or platform.processor() or "unknown"
    family, model = cpuinfo_field("cpu family"), cpuinfo_field("model")
    return f"{name}, family {family} model {model}" if family and model else name


def format_time(seconds):
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} us"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="use the benchmarks jar as it is")
    parser.add_argument("--threads", default="1,2", help="PyTorch thread counts to try (default 1,2)")
    parser.add_argument("--baseline-jar", help="also time the driver in this benchmarks jar (another build, e.g."
                        " before a change) in the same run, as a 'before' column")
    parser.add_argument("--rounds", type=int, default=1, help="time every side this many times, in turns, and keep"
                        " each side's best round per workload (default 1); see time_rounds")
    parser.add_argument("--only", default="", help="comma-separated name prefixes of the workloads to run"
                        " (e.g. 'mlp-gan,dcgan'); default all")
    parser.add_argument("--openblas-core", default="auto", help="OpenBLAS kernels for PyTorch: 'auto' (default) names"
                        " the best the CPU runs where OpenBLAS on its own (or OPENBLAS_CORETYPE in the environment)"
                        " would pick lesser ones, 'default' keeps the environment's OPENBLAS_CORETYPE or else"
                        " OpenBLAS's choice, or an OPENBLAS_CORETYPE name such as SkylakeX or Haswell")
    parser.add_argument("--torch-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--torch-memory-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--torch-info-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--e2e-runs", type=int, default=1, help=f"rounds of the {E2E_WORKLOAD!r} processes"
                        " (default 1); each round runs every row once, one after the other")
    parser.add_argument("--e2e-jvm-options", action="append", default=[], metavar="OPTIONS",
                        help="also run bin/gan with JDK_JAVA_OPTIONS=OPTIONS in the end-to-end workload, as a row"
                        " of its own; may be repeated; write it with '=' (--e2e-jvm-options=-XX:+UseSerialGC)")
    parser.add_argument("prefixes", nargs="*", help="more name prefixes, as positional arguments (e.g. sgemm 'x W^T');"
                        " they add to --only")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds {args.rounds}: expected 1 or more")
    if args.torch_worker is not None:
        torch_worker(args.torch_worker, tuple(p for p in args.only.split(",") if p))
        return
    if args.torch_memory_worker:
        torch_memory_worker()
        return
    if args.torch_info_worker:
        torch_info_worker()
        return

    if not args.no_build:
        subprocess.run(["mvn", "-q", "-pl", "benchmarks", "-am", "package", "-DskipTests"], cwd=ROOT, check=True)
    if not os.path.exists(os.path.join(ROOT, JAR)):
        sys.exit(f"compare_pytorch: {JAR} is missing; build it with mvn -pl benchmarks -am package -DskipTests")

    only = tuple(p for p in args.only.split(",") if p) + tuple(args.prefixes)
    wants_e2e = not only or E2E_WORKLOAD.startswith(only)
    if wants_e2e:
        check_e2e_prerequisites()
    blas_note = choose_openblas_core(args.openblas_core)
    load_before = os.getloadavg()[0]
    thread_counts = [int(t) for t in args.threads.split(",")]
    before, ours, java, torch_runs = time_rounds(args.rounds, args.baseline_jar, only, thread_counts)
    memory_rows, memory_torch = measure_memory() if not only or MEMORY_WORKLOAD.startswith(only) else (None, None)
    e2e_rows = measure_e2e(thread_counts, args.e2e_jvm_options, args.e2e_runs) if wants_e2e else None
    if not ours and memory_rows is None and e2e_rows is None:
        sys.exit(f"compare_pytorch: no workload's name starts with any of {list(only)}")
    load_after = os.getloadavg()[0]

    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    any_run = next(iter(torch_runs.values()), memory_torch) or run_torch(1, "--torch-info-worker")
    print(f"Machine: {nproc} cores ({cpu_model()}); load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"Versions: {java}; Python {platform.python_version()}, torch {any_run['torch']}, "
          f"BLAS {', '.join(any_run['blas']) or 'none loaded'}")
    if any_run.get("core"):
        print(f"OpenBLAS kernels: {any_run['core']}" + (f"; {blas_note}" if blas_note else ""))
    if ours:
        print_timings(ours, torch_runs, before, args.baseline_jar, args.rounds)
    if memory_rows is not None:
        print_memory(memory_rows)
    if e2e_rows is not None:
        print_e2e(e2e_rows)


def print_timings(ours, torch_runs, before, baseline_jar, rounds):
    print()
    if rounds > 1:
        print(f"Each side's best of {rounds} rounds, timed in turns (--rounds)")
        print()
    if before is not None:
        print(f"Before: {baseline_jar}, timed first in {'each round' if rounds > 1 else 'the same run'}")
        print()
        print("| workload | PyTorch best (threads) | before | ours | before / ours | ours / PyTorch |")
        print("|---|---:|---:|---:|---:|---:|")
    else:
        print("| workload | PyTorch best (threads) | ours | ours / PyTorch |")
        print("|---|---:|---:|---:|")
    for name, seconds in ours.items():
        threads, best = min(((t, run["results"][name]) for t, run in torch_runs.items() if name in run["results"]),
                            key=lambda tb: tb[1])
        if before is not None:
            old = before.get(name)
            old_time, speed_up = (format_time(old), f"{old / seconds:.2f}") if old else ("-", "-")
            print(f"| {name} | {format_time(best)} ({threads}) | {old_time} | {format_time(seconds)} | {speed_up} |"
                  f" {seconds / best:.2f} |")
        else:
            print(f"| {name} | {format_time(best)} ({threads}) | {format_time(seconds)} | {seconds / best:.2f} |")


def print_memory(rows):
    """The peak-memory section: one row per process, the ratios against PyTorch's (the first row)."""
    print()
    print(f"Peak memory ({MEMORY_WORKLOAD}): the MLP GAN (gan.py, batch 64, Adam 2e-4 / 0.5) trained for "
          f"{MEMORY_STEPS} steps,")
    print("each process fresh. Resident set size from /proc/self/status: start-up is VmRSS before the model is")
    print("built (PyTorch: after importing torch; ours: on entering main), peak is VmHWM after the last step.")
    print()
    print("| process | start-up | peak | peak - start-up | peak: ours / PyTorch | peak - start-up: ours / PyTorch |")
    print("|---|---:|---:|---:|---:|---:|")
    torch_memory = rows[0][1]
    torch_run = torch_memory["peak"] - torch_memory["startup"]
    for label, memory in rows:
        run = memory["peak"] - memory["startup"]
        ratios = ("", "") if memory is torch_memory else (f"{memory['peak'] / torch_memory['peak']:.2f}",
                                                          f"{run / torch_run:.2f}")
        print(f"| {label} | {memory['startup'] / 1024:.1f} MiB | {memory['peak'] / 1024:.1f} MiB | "
              f"{run / 1024:.1f} MiB | {ratios[0]} | {ratios[1]} |")


def print_e2e(rows):
    """The end-to-end section: one row per process, then ours / PyTorch's best (medians over the rounds)."""
    from statistics import median

    print()
    print(f"End to end ({E2E_WORKLOAD}): one process per row, timed from start to exit: {E2E_STEPS} steps")
    print("of the MLP GAN (gan.py, batch 64) on Fashion-MNIST, start-up, data loading and each side's outputs")
    print("included. Peak is the process's maximum resident set (ru_maxrss from wait4); CPU is user + system")
    print("time; the loop is the training loop as each side timed it (wall minus loop: start-up and data).")
    print()
    print("| process | wall | loop | wall - loop | CPU | peak RSS | load average at start |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for _, label, m in rows:
        if "failed" in m:
            print(f"| {label} | failed: {m['failed']} | | | | | {m['load']:.1f} |")
            continue
        print(f"| {label} | {m['wall']:.1f} s | {m['loop']:.1f} s | {m['wall'] - m['loop']:.1f} s | {m['cpu']:.1f} s |"
              f" {m['peak'] / 1024:.1f} MiB | {m['load']:.1f} |")
    by_label = {}
    for side, label, m in rows:
        if "failed" not in m:
            by_label.setdefault((side, label), []).append(m)
    medians = {key: {k: median(m[k] for m in ms) for k in ("wall", "peak")} for key, ms in by_label.items()}
    torch_label, torch_best = min(((label, m) for (side, label), m in medians.items() if side == "torch"),
                                  key=lambda lm: lm[1]["wall"])
    print()
    print(f"Against PyTorch's best ({torch_label}: {torch_best['wall']:.1f} s, {torch_best['peak'] / 1024:.1f} MiB"
          f"{', medians of the rounds' if any(len(ms) > 1 for ms in by_label.values()) else ''}); goals: wall <= 0.7, peak <= 1.0:")
    print()
    print("| ours | wall: ours / PyTorch | peak: ours / PyTorch |")
    print("|---|---:|---:|")
    for (side, label), m in medians.items():
        if side == "ours":
            print(f"| {label} | {m['wall'] / torch_best['wall']:.2f} | {m['peak'] / torch_best['peak']:.2f} |")


if __name__ == "__main__":
    main()
