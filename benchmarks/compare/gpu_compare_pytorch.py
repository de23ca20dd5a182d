#!/usr/bin/env python3
"""PyTorch's side of the GPU benchmark table, on the same card as jgan's GPU run.

The GPU bundle (cuda-kernels/gpu-bundle.sh) carries this file and compare_pytorch.py, whose
networks and training step (gan.py's MLP GAN, pytorch/examples' DCGAN-64, GanTrainer's step)
it reuses, made on the GPU through torch.set_default_device. It measures what the Java
benchmarks of gpu-bundle-run.sh measure:

  - matmul: square float32 products at the given sizes, TF32 off (cuBLAS's plain float32, as
    our cuBLAS path and our kernels compute), GFLOP/s;
  - conv: the four 4x4 stride-2 convolutions of DCGAN-64's discriminator at batch 64,
    milliseconds forward and forward + backward (cuDNN, benchmark mode off: its default);
  - Adam: one step on one parameter tensor of N elements, foreach (the default) and fused;
  - GAN steps: the MLP GAN on 28x28 images and DCGAN-64, batch 64, median ms per step.

Each line starts with "pytorch:" so that the run script can gather them. Without torch, or
without CUDA in it, it prints one line saying so and exits 0: the run goes on without this column.

    python3 gpu_compare_pytorch.py [--sizes 1024,2048,4096,8192] [--steps 10]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

DCGAN64_D_LAYERS = ((3, 64, 64), (64, 128, 32), (128, 256, 16), (256, 512, 8))


def median_ms(torch, work, repeats):
    """Median of single calls after two warm-up calls, each ended by a synchronization."""
    for _ in range(2):
        work()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2]


def matmul(torch, sizes):
    torch.backends.cuda.matmul.allow_tf32 = False
    for n in sizes:
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        ms = median_ms(torch, lambda: torch.mm(a, b), 10 if n <= 4096 else 5)
        print("pytorch: matmul n=%d | %.1f GFLOP/s | %.3f ms" % (n, 2.0 * n ** 3 / (ms * 1e6), ms), flush=True)


def conv(torch, batch):
    torch.backends.cudnn.allow_tf32 = False
    f = torch.nn.functional
    for c, oc, side in DCGAN64_D_LAYERS:
        x = torch.randn(batch, c, side, side, requires_grad=True)
        w = (torch.randn(oc, c, 4, 4) * 0.02).requires_grad_(True)

        def training():
            y = f.conv2d(x, w, stride=2, padding=1)
            y.sum().backward()

        forward = median_ms(torch, lambda: f.conv2d(x, w, stride=2, padding=1), 10)
        both = median_ms(torch, training, 10)
        out = side // 2
        gflops = 2.0 * batch * oc * out * out * c * 16 / (forward * 1e6)
        print("pytorch: conv %d->%d %dx%d, batch %d | forward %.3f ms | forward + backward %.3f ms | %.1f GFLOP/s"
              % (c, oc, side, side, batch, forward, both, gflops), flush=True)


def adam(torch, sizes):
    for n in sizes:
        for kind in ("foreach", "fused"):
            p = torch.nn.Parameter(torch.randn(n))
            p.grad = torch.randn(n)
            opt = torch.optim.Adam([p], lr=1e-3, **{kind: True})
            ms = median_ms(torch, opt.step, 20)
            print("pytorch: Adam step, %d elements, %s | %.3f ms" % (n, kind, ms), flush=True)


def gan_steps(torch, steps):
    import compare_pytorch as c
    for name, networks in (("MLP GAN 28x28", lambda: c.mlp_gan(torch)), ("DCGAN-64", lambda: c.dcgan(torch, 64, 3))):
        step = c.gan_step(torch, *networks())
        print("pytorch: %s step, batch 64 | %.2f ms" % (name, median_ms(torch, step, steps)), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1024,2048,4096,8192")
    parser.add_argument("--adam-sizes", default="1048576,16777216")
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    try:
        import torch
    except ImportError as e:
        print("pytorch: not available (%s): no PyTorch column" % e)
        return 0
    if not torch.cuda.is_available():
        print("pytorch: torch %s sees no CUDA GPU: no PyTorch column" % torch.__version__)
        return 0
    print("pytorch: torch %s, CUDA %s, %s" % (torch.__version__, torch.version.cuda, torch.cuda.get_device_name(0)),
          flush=True)
    torch.manual_seed(0)
    torch.set_default_device("cuda")
    matmul(torch, [int(s) for s in args.sizes.split(",")])
    conv(torch, 64)
    adam(torch, [int(s) for s in args.adam_sizes.split(",")])
    gan_steps(torch, args.steps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
