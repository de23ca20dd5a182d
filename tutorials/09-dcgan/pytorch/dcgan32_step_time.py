#!/usr/bin/python3
"""The chapter's DCGAN 32x32 training step in PyTorch, timed the same way as the Java program:
wall-clock and process CPU seconds per step, after 2 warm-up steps, on random [-1, 1] images
(the step's cost does not depend on the pixels).

    /usr/bin/python3 tutorials/09-dcgan/pytorch/dcgan32_step_time.py [steps] [width] [threads]

Debian's python3-torch (PyTorch 1.13 with OpenBLAS) is /usr/bin/python3 on these machines.
"""
import sys
import time

import torch
import torch.nn as nn

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
W = int(sys.argv[2]) if len(sys.argv) > 2 else 64
THREADS = int(sys.argv[3]) if len(sys.argv) > 3 else 2
NZ, BATCH, WARM_UP = 100, 64, 2

torch.set_num_threads(THREADS)
torch.manual_seed(0)
g = nn.Sequential(
    nn.ConvTranspose2d(NZ, W * 4, 4, 1, 0, bias=False), nn.BatchNorm2d(W * 4), nn.ReLU(True),
    nn.ConvTranspose2d(W * 4, W * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(W * 2), nn.ReLU(True),
    nn.ConvTranspose2d(W * 2, W, 4, 2, 1, bias=False), nn.BatchNorm2d(W), nn.ReLU(True),
    nn.ConvTranspose2d(W, 1, 4, 2, 1, bias=False), nn.Tanh())
d = nn.Sequential(
    nn.Conv2d(1, W, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
    nn.Conv2d(W, W * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(W * 2), nn.LeakyReLU(0.2, inplace=True),
    nn.Conv2d(W * 2, W * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(W * 4), nn.LeakyReLU(0.2, inplace=True),
    nn.Conv2d(W * 4, 1, 4, 1, 0, bias=False))
opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.functional.binary_cross_entropy_with_logits
real = torch.rand(BATCH, 1, 32, 32) * 2 - 1
ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)


def step():
    # GanTrainer's step: D on reals and detached fakes, then G on fresh fakes.
    with torch.no_grad():
        fake = g(torch.randn(BATCH, NZ, 1, 1))
    loss_d = bce(d(real).view(-1, 1), ones) + bce(d(fake).view(-1, 1), zeros)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    loss_g = bce(d(g(torch.randn(BATCH, NZ, 1, 1))).view(-1, 1), ones)
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()


for i in range(STEPS):
    if i == WARM_UP:
        wall, cpu = time.perf_counter(), time.process_time()
    step()
timed = STEPS - WARM_UP
print("pytorch %s, %d threads, ngf = ndf = %d, batch %d: %.3f s/step wall-clock, %.3f s/step of CPU time"
      % (torch.__version__, THREADS, W, BATCH, (time.perf_counter() - wall) / timed, (time.process_time() - cpu) / timed))
