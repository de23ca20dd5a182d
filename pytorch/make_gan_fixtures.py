#!/usr/bin/python3
"""Computes the PyTorch parity fixtures of the gan module: one DCGAN training step, and two
steps of an MLP GAN in gan.py's order.

Run with Debian's torch 1.13 (not the pyenv python on PATH):

    /usr/bin/python3 pytorch/make_gan_fixtures.py

It writes gan/src/test/resources/pytorch/dcgan_step.json, read by
gan/src/test/java/dev/jgan/gan/models/DcganParityTest.java. The networks are pytorch/examples'
dcgan/main.py Generator and Discriminator with one block fewer on each side (the 32x32 network
of gan's Dcgan) and without D's final Sigmoid (jgan's losses take logits), at tiny widths so the
fixture stays small. The step is that of jgan's GanTrainer: D on a real batch and on detached
fakes G(z1), then G on fresh fakes G(z2) with the non-saturating loss, Adam(2e-4, (0.5, 0.999))
for both.

gan_py_order.json (read by gan/src/test/java/dev/jgan/gan/train/GanPyOrderParityTest.java) is
PyTorch-GAN's implementations/gan/gan.py loop, two steps of it, on an MLP GAN shaped like
gan.py's but tiny (noise 4 -> 6 with BatchNorm1d(6, 0.8) and LeakyReLU(0.2) -> 5 pixels with
Tanh; D 5 -> 4 -> 1 logit): G steps first on gen_imgs = G(z) through D, then D on the real batch
and gen_imgs.detach() with the halved loss (real_loss + fake_loss) / 2. gan.py's D ends in a
Sigmoid and uses BCELoss; here D gives logits to binary_cross_entropy_with_logits, the same
function computed stably, as jgan's losses do.

A tensor is stored as {"shape": [...], "data": [...]} in row-major order. The initial weights,
images and noise are rounded to 4 decimals (and loaded back), so they are short to store and
exactly the same on both sides; everything computed is stored as its float32 value, written in
the shortest form that reads back as that float32.
"""
import json
import os
import sys

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gan", "src", "test", "resources", "pytorch")
NZ, NGF, NDF, NC, BATCH = 4, 2, 2, 1, 3


def t(x):
    """float32 values in their shortest form: read as a double and narrowed to float, each is exact."""
    x = x.detach().float()
    return {"shape": list(x.shape), "data": [float(repr(v)) for v in x.reshape(-1).numpy()]}


def rounded(x):
    return torch.round(x * 1e4) / 1e4


class Generator(nn.Module):
    """pytorch/examples' netG for 32x32: its first block (nz -> ngf*8 at 4x4) starts at ngf*4."""

    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(NZ, NGF * 4, 4, 1, 0, bias=False), nn.BatchNorm2d(NGF * 4), nn.ReLU(True),
            nn.ConvTranspose2d(NGF * 4, NGF * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(NGF * 2), nn.ReLU(True),
            nn.ConvTranspose2d(NGF * 2, NGF, 4, 2, 1, bias=False), nn.BatchNorm2d(NGF), nn.ReLU(True),
            nn.ConvTranspose2d(NGF, NC, 4, 2, 1, bias=False), nn.Tanh())

    def forward(self, z):
        return self.main(z.view(z.shape[0], NZ, 1, 1))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(NC, NDF, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(NDF, NDF * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(NDF * 2), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(NDF * 2, NDF * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(NDF * 4), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(NDF * 4, 1, 4, 1, 0, bias=False))

    def forward(self, x):
        return self.main(x).view(-1, 1)


def weights_init(m):
    """pytorch/examples' weights_init, rounded so the JSON holds the exact values."""
    name = m.__class__.__name__
    if name.find("Conv") != -1:
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif name.find("BatchNorm") != -1:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.constant_(m.bias, 0)


def state(model):
    # jgan's BatchNorm keeps no num_batches_tracked (it only matters for momentum=None).
    return {k: t(v) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}


def grads(model):
    return {k: t(p.grad) for k, p in model.named_parameters()}


def dcgan_step_fixture():
    torch.manual_seed(9)
    g, d = Generator(), Discriminator()
    g.apply(weights_init)
    d.apply(weights_init)
    with torch.no_grad():
        for p in list(g.parameters()) + list(d.parameters()):
            p.copy_(rounded(p))
    init_g, init_d = state(g), state(d)
    real = rounded(torch.rand(BATCH, NC, 32, 32) * 2 - 1)
    z1 = rounded(torch.randn(BATCH, NZ))
    z2 = rounded(torch.randn(BATCH, NZ))
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    bce = nn.functional.binary_cross_entropy_with_logits

    with torch.no_grad():
        fake = g(z1)
    real_logits, fake_logits = d(real), d(fake)
    loss_d = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
    opt_d.zero_grad()
    loss_d.backward()
    grads_d = grads(d)
    opt_d.step()

    fake_logits2 = d(g(z2))
    loss_g = bce(fake_logits2, torch.ones_like(fake_logits2))
    opt_g.zero_grad()
    loss_g.backward()
    grads_g = grads(g)
    opt_g.step()

    path = os.path.join(OUT, "dcgan_step.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "nz": NZ, "ngf": NGF, "ndf": NDF, "channels": NC,
                   "init_generator": init_g, "init_discriminator": init_d, "real": t(real), "z1": t(z1), "z2": t(z2),
                   "fake": t(fake), "loss_d": float(loss_d), "loss_g": float(loss_g),
                   "grads_discriminator": grads_d, "grads_generator": grads_g,
                   "after_generator": state(g), "after_discriminator": state(d)}, f)
        f.write("\n")
    print("wrote", os.path.relpath(path))


def tiny_gan_py_networks():
    """gan.py's G and D in miniature, as bare Sequentials so that their keys are jgan's (0.weight ...)."""
    g = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6, 0.8), nn.LeakyReLU(0.2, inplace=True), nn.Linear(6, 5),
                      nn.Tanh())
    d = nn.Sequential(nn.Linear(5, 4), nn.LeakyReLU(0.2, inplace=True), nn.Linear(4, 1))
    return g, d


def gan_py_order_fixture():
    torch.manual_seed(15)
    g, d = tiny_gan_py_networks()
    with torch.no_grad():
        for p in list(g.parameters()) + list(d.parameters()):
            p.copy_(rounded(p))
    init_g, init_d = state(g), state(d)
    steps = 2
    real = [rounded(torch.rand(BATCH, 5) * 2 - 1) for _ in range(steps)]
    z = [rounded(torch.randn(BATCH, 4)) for _ in range(steps)]
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    bce = nn.functional.binary_cross_entropy_with_logits
    losses = []
    for i in range(steps):
        valid = torch.ones(BATCH, 1)
        fake = torch.zeros(BATCH, 1)
        # -----------------  Train Generator  -----------------
        opt_g.zero_grad()
        gen_imgs = g(z[i])
        g_loss = bce(d(gen_imgs), valid)
        g_loss.backward()
        opt_g.step()
        # ---------------  Train Discriminator  ---------------
        opt_d.zero_grad()
        real_loss = bce(d(real[i]), valid)
        fake_loss = bce(d(gen_imgs.detach()), fake)
        d_loss = (real_loss + fake_loss) / 2
        d_loss.backward()
        opt_d.step()
        losses.append({"loss_g": float(g_loss), "loss_d": float(d_loss)})

    path = os.path.join(OUT, "gan_py_order.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "init_generator": init_g, "init_discriminator": init_d,
                   "real": [t(r) for r in real], "z": [t(v) for v in z], "losses": losses,
                   "after_generator": state(g), "after_discriminator": state(d)}, f)
        f.write("\n")
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    if not torch.__version__.startswith("1.13"):
        sys.exit("expected torch 1.13 (/usr/bin/python3), got " + torch.__version__)
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    dcgan_step_fixture()
    gan_py_order_fixture()
