#!/usr/bin/env python3
"""PyTorch-GAN's gan.py on Fashion-MNIST, as a whole process: the PyTorch side of the "e2e" workload.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/compare/gan_py_epoch.py \
        --epochs 1 --threads 1 --out /tmp/gan-py

compare_pytorch.py runs it in a fresh process and times it from start to exit, against
`bin/gan train --data fashion-mnist --epochs 1 --recipe gan.py --step-order gan.py --out DIR`
(both in gan.py's step order: compare_pytorch.py's E2E_STEP_ORDER). It is gan.py's training, with what a
run of ours writes that has a plain counterpart here, so that both processes do the same job:

- data: reads train-images-idx3-ubyte(.gz) itself (gzip, struct, numpy; no torchvision), all
  60 000 images into one float32 tensor [60000, 1, 28, 28], pixel / 255 mapped to [-1, 1]
  ((x - 0.5) / 0.5, torchvision's Normalize([0.5], [0.5]); ours: DataChoice, Normalize.toTanhRange),
  as our loader holds them in memory. gan.py goes through torchvision's ImageFolder-style dataset
  and DataLoader, which decodes each image per step; indexing one tensor is the faster way.
- each epoch: a fresh permutation, batches of 64, the last partial batch dropped (937 steps),
  as our DataLoader does (drop_last; gan.py keeps the partial batch).
- networks, exactly gan.py's: G 100-128-256-512-1024-784, BatchNorm1d(n, 0.8) (eps 0.8) on all
  hidden layers but the first, LeakyReLU(0.2), Tanh; D 784-512-256-1, LeakyReLU(0.2), Sigmoid;
  BCELoss; Adam lr 2e-4, betas (0.5, 0.999) for both; PyTorch's default initialization.
- a step, by default gan.py's order (--order gan.py): G's step first, on one batch of fakes that
  D's step then reuses detached; d_loss = (real + fake) / 2. --order trainer does what our
  GanTrainer does instead: D's step on fakes made without a graph, then G's step on fresh noise
  (one more forward pass of G per step; D's loss is the sum of the two BCEs, ours on logits).
- per step: one line of losses, as gan.py prints it, and a row of metrics.csv (step, epoch,
  D loss, G loss, D(x), D(G(z))), as ours writes it.
- pictures: a grid of 64 samples from fixed noise, G in eval mode, 8 per row, 2 px border, each
  pixel doubled (ours: ImageGrid, scale max(1, 64 / 28) = 2), as PNG every --sample-every steps
  (200, ours' default) and at the end of each epoch, as ours does. gan.py saves 25 samples of
  its training batch every 400 steps.
- after each epoch: G, D and both optimizers' state saved with torch.save, as ours writes
  checkpoint.safetensors. Ours also draws two charts (losses.png, probabilities.png) and writes
  report.html and summary.json; nothing here does that (gan.py has no such outputs).

The last line printed is one JSON object: steps, seconds of training, last losses.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
GRID_SIZE = 64


def read_idx_images(directory):
    """train-images-idx3-ubyte (or .gz) as uint8 [N, 1, rows, cols], checked as Mnist.java checks it."""
    for name in ("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            break
    else:
        sys.exit(f"gan_py_epoch: no train-images-idx3-ubyte(.gz) in {directory}")
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if len(raw) < 16:
        sys.exit(f"gan_py_epoch: {path}: {len(raw)} bytes, shorter than the 16-byte IDX header")
    magic, count, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 0x00000803:
        sys.exit(f"gan_py_epoch: {path}: magic {magic:#010x}, expected 0x00000803 (unsigned bytes, 3 dims)")
    if len(raw) != 16 + count * rows * cols:
        sys.exit(f"gan_py_epoch: {path}: {len(raw) - 16} bytes of pixels, expected {count} x {rows} x {cols}")
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, 1, rows, cols)


def gan_py_networks(torch, latent_dim, image_shape):
    """gan.py's Generator and Discriminator (implementations/gan/gan.py of PyTorch-GAN)."""
    nn = torch.nn
    pixels = int(np.prod(image_shape))

    def block(in_feat, out_feat, normalize=True):
        layers = [nn.Linear(in_feat, out_feat)]
        if normalize:
            layers.append(nn.BatchNorm1d(out_feat, 0.8))
        layers.append(nn.LeakyReLU(0.2, inplace=True))
        return layers

    class Generator(nn.Module):
        def __init__(self):
            super().__init__()
            self.model = nn.Sequential(*block(latent_dim, 128, normalize=False), *block(128, 256),
                                       *block(256, 512), *block(512, 1024), nn.Linear(1024, pixels), nn.Tanh())

        def forward(self, z):
            return self.model(z).view(z.size(0), *image_shape)

    class Discriminator(nn.Module):
        def __init__(self):
            super().__init__()
            self.model = nn.Sequential(nn.Linear(pixels, 512), nn.LeakyReLU(0.2, inplace=True), nn.Linear(512, 256),
                                       nn.LeakyReLU(0.2, inplace=True), nn.Linear(256, 1), nn.Sigmoid())

        def forward(self, img):
            return self.model(img.view(img.size(0), -1))

    return Generator(), Discriminator()


def write_grid(torch, generator, fixed_noise, path):
    """64 samples of G in eval mode as one PNG, laid out as ImageGrid.writePng lays out ours."""
    from PIL import Image

    was_training = generator.training
    generator.eval()
    with torch.no_grad():
        images = generator(fixed_noise).numpy()
    generator.train(was_training)
    n, _, h, w = images.shape
    columns, padding, scale = 8, 2, max(1, 64 // h)
    rows = (n + columns - 1) // columns
    cell_h, cell_w = h * scale + padding, w * scale + padding
    grid = np.zeros((rows * cell_h + padding, columns * cell_w + padding), dtype=np.uint8)
    pixels = np.rint((np.clip(images[:, 0], -1, 1) + 1) / 2 * 255).astype(np.uint8)
    pixels = pixels.repeat(scale, axis=1).repeat(scale, axis=2)
    for k in range(n):
        top, left = padding + (k // columns) * cell_h, padding + (k % columns) * cell_w
        grid[top:top + h * scale, left:left + w * scale] = pixels[k]
    Image.fromarray(grid, mode="L").convert("RGB").save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="directory with Fashion-MNIST's IDX files")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--out", required=True, help="directory for samples, metrics.csv and the checkpoint")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (set OMP_NUM_THREADS and"
                        " OPENBLAS_NUM_THREADS to the same in the environment)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--latent-dim", type=int, default=100)
    parser.add_argument("--sample-every", type=int, default=200)
    parser.add_argument("--order", choices=("gan.py", "trainer"), default="gan.py",
                        help="gan.py: G's step first, its fakes reused by D; trainer: GanTrainer's D step on"
                        " fakes without a graph, then G on fresh noise")
    args = parser.parse_args()
    started = time.perf_counter()

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    # In place, so that the peak holds the bytes and one float copy, no temporaries of the whole set.
    data = torch.from_numpy(read_idx_images(args.data).astype(np.float32))
    data.div_(255).sub_(0.5).div_(0.5)
    image_shape = tuple(data.shape[1:])

    generator, discriminator = gan_py_networks(torch, args.latent_dim, image_shape)
    bce = torch.nn.BCELoss()
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    fixed_noise = torch.randn(GRID_SIZE, args.latent_dim)
    os.makedirs(os.path.join(args.out, "samples"), exist_ok=True)

    n, batch = data.shape[0], args.batch_size
    batches = n // batch
    valid, fake_label = torch.ones(batch, 1), torch.zeros(batch, 1)
    step = 0
    train_started = time.perf_counter()
    with open(os.path.join(args.out, "metrics.csv"), "w") as metrics:
        metrics.write("step,epoch,d_loss,g_loss,d_real,d_fake\n")
        for epoch in range(args.epochs):
            order = torch.randperm(n)
            for i in range(batches):
                real = data[order[i * batch:(i + 1) * batch]]
                if args.order == "gan.py":
                    # gan.py: G first, then D on the same fakes, detached.
                    optimizer_g.zero_grad()
                    gen_imgs = generator(torch.randn(batch, args.latent_dim))
                    g_loss = bce(discriminator(gen_imgs), valid)
                    g_loss.backward()
                    optimizer_g.step()
                    optimizer_d.zero_grad()
                    d_real = discriminator(real)
                    d_fake = discriminator(gen_imgs.detach())
                    d_loss = (bce(d_real, valid) + bce(d_fake, fake_label)) / 2
                    d_loss.backward()
                    optimizer_d.step()
                else:
                    # GanTrainer.step: D on fakes made without a graph, then G on fresh noise.
                    with torch.no_grad():
                        gen_imgs = generator(torch.randn(batch, args.latent_dim))
                    d_real, d_fake = discriminator(real), discriminator(gen_imgs)
                    d_loss = bce(d_real, valid) + bce(d_fake, fake_label)
                    optimizer_d.zero_grad()
                    d_loss.backward()
                    optimizer_d.step()
                    g_loss = bce(discriminator(generator(torch.randn(batch, args.latent_dim))), valid)
                    optimizer_g.zero_grad()
                    g_loss.backward()
                    optimizer_g.step()
                    discriminator.zero_grad()
                d, g = d_loss.item(), g_loss.item()
                metrics.write(f"{step},{epoch},{d:.6g},{g:.6g},{d_real.detach().mean().item():.6f},"
                              f"{d_fake.detach().mean().item():.6f}\n")
                print(f"[Epoch {epoch}/{args.epochs}] [Batch {i}/{batches}] [D loss: {d:f}] [G loss: {g:f}]")
                step += 1
                if step % args.sample_every == 0:
                    write_grid(torch, generator, fixed_noise, os.path.join(args.out, "samples", f"step_{step:07d}.png"))
            metrics.flush()
            write_grid(torch, generator, fixed_noise, os.path.join(args.out, "samples", f"epoch_{epoch + 1:03d}.png"))
            torch.save({"generator": generator.state_dict(), "discriminator": discriminator.state_dict(),
                        "optimizer_g": optimizer_g.state_dict(), "optimizer_d": optimizer_d.state_dict(),
                        "epoch": epoch, "step": step}, os.path.join(args.out, "checkpoint.pt"))
    if not (np.isfinite(d) and np.isfinite(g)):
        sys.exit(f"gan_py_epoch: non-finite losses after {step} steps: D {d}, G {g}")
    now = time.perf_counter()
    print(json.dumps({"steps": step, "train_seconds": now - train_started, "seconds": now - started,
                      "d_loss": d, "g_loss": g, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
