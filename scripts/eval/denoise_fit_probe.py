#!/usr/bin/python3
"""How much a denoiser's network gains when a copy of it is fitted to the one noisy image it restores: the network
alone, before and after the fit, on the real test images at the denoise benchmark's levels and noise (the same seeds,
so the same noisy images as scripts/eval/denoise_benchmark.py). A measurement behind models/denoise-general.md
(*The network fitted to each image before it denoises it*); Denoise does not fit its network.

Usage:
  denoise_fit_probe.py [MODEL.zip] [--levels g5,p20] [--names camera,brick,...] [--pairs own|recorrupted|neighbours]
                       [--level-scale S] [--steps N] [--lr R] [--batch B] [--patch P] [--seed K]

Pairs the fit learns from, each from the noisy image alone:
  own          the network's own result as clean, Gaussian noise of the image's level (times --level-scale) added
               to it anew at each step, the network taught to take it off again (mean squared error)
  recorrupted  Pang et al. 2021: noise z of the image's level (times --level-scale) drawn anew, input y + z / 2,
               target y - 2 z; their noises are independent only at the exact level
  neighbours   Neighbor2Neighbor: two half-size images from two neighbouring pixels of each 2 x 2 cell, one the
               input, the other the target, with its consistency term; needs no noise level
The level is the truth's: Gaussian sigma from the benchmark's share of the range, for Poisson noise each pixel's
variance from its noisy value (photons plus the read noise's 1). --level-scale 1.3 tells the fit 1.3 times that.

Needs Debian's python3-torch, python3-skimage and python3-scipy; runs on the CPU (two threads).
"""
import argparse
import copy
import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "training"))
import denoise_benchmark as benchmark  # noqa: E402
from gpu_denoise import load_network, percentiles  # noqa: E402
from test_images import ROOT, gains, psnr, test_images  # noqa: E402

# The benchmark's default levels in its order (p5, p20, p100, g2, g5, g10): each level's noise generator is seeded by
# its index there.
LEVELS = {f"{kind[0]}{value:g}": (kind, value) for kind, values in
          [("poisson", benchmark.POISSON_PEAKS), ("gaussian", benchmark.GAUSSIAN_PERCENT)] for value in values}
NAMES = "camera,coins,brick,grass,cell,retina,horse,hubble_deep_field,scipy-ascent,moon"
RECORRUPTION = 0.5  # the input's share of z in recorrupted pairs; the target takes 1 / that


def restore(network, x):
    with torch.no_grad():
        return network(torch.from_numpy(x[None, None].astype(np.float32)))[0, 0].numpy().astype(np.float64)


def crops(image, deviation, batch, patch, rng):
    """batch random crops of image and of its noise's standard deviation, each in one of the 8 flips and turns."""
    h, w = image.shape
    xs, ss = [], []
    for _ in range(batch):
        y0, x0 = rng.integers(0, h - patch + 1), rng.integers(0, w - patch + 1)
        c, s = image[y0:y0 + patch, x0:x0 + patch], deviation[y0:y0 + patch, x0:x0 + patch]
        turn = rng.integers(0, 8)
        if turn & 1:
            c, s = c.flip(0), s.flip(0)
        if turn & 2:
            c, s = c.flip(1), s.flip(1)
        if turn & 4:
            c, s = c.t(), s.t()
        xs.append(c)
        ss.append(s)
    return torch.stack(xs)[:, None], torch.stack(ss)[:, None]


def cells(values):
    """values (B, 1, P, P) as its 2 x 2 cells, (B, 1, P/2, P/2, 4)."""
    b, _, p, _ = values.shape
    half = p // 2
    return values.reshape(b, 1, half, 2, half, 2).permute(0, 1, 2, 4, 3, 5).reshape(b, 1, half, half, 4)


def neighbour_split(shape, rng):
    """A function that takes two half-size images from an image of shape (B, 1, P, P): per 2 x 2 cell two different,
    neighbouring pixels, drawn once, so that the network's result on the whole crop is split as the crop is (the
    consistency term)."""
    b, _, p, _ = shape
    pairs = torch.tensor([[0, 1], [0, 2], [1, 3], [2, 3], [1, 0], [2, 0], [3, 1], [3, 2]])
    pick = pairs[torch.from_numpy(rng.integers(0, 8, (b, 1, p // 2, p // 2)))]

    def split(values):
        c = cells(values)
        return torch.gather(c, 4, pick[..., :1])[..., 0], torch.gather(c, 4, pick[..., 1:])[..., 0]
    return split


def loss(network, trained, noisy, deviation, pairs, rng, torch_rng):
    """The fit's loss on one batch of noisy crops, for the pairs chosen (see the module's text); trained: the network
    as shipped, whose result is the clean target of 'own' pairs and the consistency term's reference."""
    if pairs == "neighbours":
        split = neighbour_split(noisy.shape, rng)
        first, second = split(noisy)
        with torch.no_grad():
            f1, f2 = split(trained(noisy))
        out = network(first)
        return ((out - second) ** 2).mean() + ((out - second - (f1 - f2)) ** 2).mean()
    z = torch.randn(noisy.shape, generator=torch_rng) * deviation
    if pairs == "recorrupted":
        return ((network(noisy + RECORRUPTION * z) - (noisy - z / RECORRUPTION)) ** 2).mean()
    with torch.no_grad():
        clean = trained(noisy)
    return ((network(clean + z) - clean) ** 2).mean()


def fit(trained, x, deviation, args):
    network = copy.deepcopy(trained).train()
    optimizer = torch.optim.Adam(network.parameters(), lr=args.lr)
    rng = np.random.default_rng(args.seed)
    torch_rng = torch.Generator().manual_seed(args.seed)
    image, spread = torch.from_numpy(x.astype(np.float32)), torch.from_numpy(deviation.astype(np.float32))
    for _ in range(args.steps):
        noisy, level = crops(image, spread, args.batch, args.patch, rng)
        value = loss(network, trained, noisy, level, args.pairs, rng, torch_rng)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
    return network.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", nargs="?", default=str(ROOT / "models" / "denoise-general.zip"))
    parser.add_argument("--levels", default="g5,g2,p20")
    parser.add_argument("--names", default=NAMES, help="test images, comma-separated ('all' for every one)")
    parser.add_argument("--pairs", choices=["own", "recorrupted", "neighbours"], default="own")
    parser.add_argument("--level-scale", type=float, default=1.0)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--patch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(2)
    trained = load_network(args.model).eval()
    images = test_images(256)
    order = list(LEVELS)
    for level_name in args.levels.split(","):
        kind, strength = LEVELS[level_name]
        rng = np.random.default_rng(1000 + order.index(level_name))
        names, before, after = [], [], []
        for name, image, family in images:
            if kind == "poisson" and family != "photo":
                continue
            truth, noisy = benchmark.degrade(image, (kind, strength), rng)
            if args.names != "all" and name not in args.names.split(","):
                continue
            low, high = percentiles(noisy)
            span = high - low
            if kind == "gaussian":
                deviation = np.full(noisy.shape, strength / 100 * (truth.max() - truth.min()) / span)
            else:
                deviation = np.sqrt(np.maximum(noisy, 0) + 1.0) / span
            x = (noisy - low) / span
            names.append(name)
            before.append(psnr(truth, restore(trained, x) * span + low))
            after.append(psnr(truth, restore(fit(trained, x, deviation * args.level_scale, args), x) * span + low))
            print(f"{level_name:4s} {name:22s} network {before[-1]:6.2f} dB, fitted {after[-1]:6.2f} "
                  f"({after[-1] - before[-1]:+.2f})", flush=True)
        mean, worst, where = gains(after, before, names)
        print(f"{level_name}: mean gain {mean:+.3f} dB, worst {worst:+.2f} ({where}), {len(names)} images",
              flush=True)


if __name__ == "__main__":
    main()
