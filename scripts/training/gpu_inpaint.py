#!/usr/bin/python3
"""Trains the inpainting network (models/inpaint-general.zip: inpainting-unet, thin-plate fill) on a GPU machine that
has PyTorch but no Java, with the holes, normalization and loss of `imagej-gan train --task inpaint`
(scripts/train-inpainting.sh), and brings back weights that the Java side imports. The packing, the DJL reader, the
training loop and the files written are gpu_denoise.py's.

Usage:
  gpu_inpaint.py pack CONTENT OUT.npz [--crop S] [--budget-mb M] [--seed K]
      clean content (`oversampled_content 200` of scripts/training/common.sh) as gpu_denoise.py packs it: crops of
      S x S (at least the patch), each image's percentiles and a fixed sample of its pixels
  gpu_inpaint.py train PACK.npz MODEL.zip OUT [--minutes T] [--steps N] [--batch B] [--lr R] [--seed K]
                       [--loss log-l2|log-l1] [--workers W] [--bf16]
      trains MODEL.zip's inpainting network for T minutes (or N steps) and writes OUT/weights.npz and OUT/run.json;
      the Java side writes the model with ExternalWeights' import (scripts/train-inpainting-gpu.sh finish)

What it reproduces of the Java trainer (train/DegradedPatches, train/PlaneDegradation, degrade/RandomMask,
degrade/Alternatives, nn/InpaintingGenerator, nn/ReconstructionLoss):
  - patches of 96 pixels, uniform crops, one of the 8 flips and rotations each, cut before the holes are;
  - holes per patch from `mask:shape=boxes | strokes | blobs` (equal odds), min=0.03, max=0.25, fill=0: the missing
    fraction uniform in 3..25 % and met to the pixel, shapes drawn one after another until it is and the last one cut
    short in its own drawing order, exactly as RandomMask draws boxes (a tenth to a third of the side), strokes
    (polylines of round stamps bouncing off the borders) and blobs (the top of a smooth random field); the
    distributions are RandomMask's, the random streams are NumPy's, not java.util.Random's;
  - holes set to 0 in the image's own units, then input and target normalized by what prediction would find: the
    1st and 99.8th percentiles of a fixed sample of the whole image's pixels (1024 here, 4096 there) with the patch's
    share of them set to 0 as well (the sample is of scattered pixels, so which of them the holes take is a random
    subset of that size), widened to the clean image's own percentiles; the mask channel stays 0/1;
  - the network as InpaintingGenerator runs it (export_torchscript.Inpainting): the thin-plate fill of the holes, the
    gated U-Net's residual on it, known pixels passed through; the loss over the whole patch, whose known pixels
    add exactly zero error: log-l2 (the batch mean of log(mean squared error + 1e-8), the last run of
    train-inpainting.sh) or log-l1.
What differs: the optimizer and its schedule are gpu_denoise.py's (Adam 0.9/0.999 with a warm-up and a cosine to
zero, and the moving average of the weights, which is what is written), where the Java runs took Adam 0.5/0.999, a
constant rate over the first half falling linearly to zero over the second, gradient-spike clipping, no average, and
the loss times 100 (the reconstruction weight, which Adam does not see); the pack's crops stand for the whole images
(crops of 128 pixels hold a 96-pixel patch anywhere inside them; a random share of them fits in the budget) and no
file is held out for validation; the clean images' percentiles take the nearer ranks, not the interpolation between
them.
Holes are drawn on the CPU, by worker processes ahead of the GPU (each batch from its own seed, so a run draws the
same holes with any number of workers).
"""
import collections
import math
import multiprocessing
import os
import sys

import numpy as np
import torch

import gpu_denoise as common
from gpu_denoise import networks

PATCH = 96
MIN_COVERAGE, MAX_COVERAGE = 0.03, 0.25
FILL = 0.0  # the value of missing pixels in the image's own units (RandomMask's fillValue)


# ---------------------------------------------------------------------------------------------------- holes

def coverage_count(fraction, n):
    """How many of n pixels RandomMask removes for a drawn fraction: rounded, kept within min and max."""
    lowest = math.ceil(MIN_COVERAGE * n)
    highest = math.floor(MAX_COVERAGE * n)
    return max(lowest, min(highest, math.floor(fraction * n + 0.5)))


def boxes(size, target, rng):
    """Rectangles of a tenth to a third of the side, centred anywhere, the last one filled row by row up to target."""
    mask = np.zeros((size, size), bool)
    count = 0
    low = max(1, size // 10)
    sides = max(1, size // 3 - low + 1)
    while count < target:
        bw, bh = low + rng.integers(sides), low + rng.integers(sides)
        x0, y0 = rng.integers(size) - bw // 2, rng.integers(size) - bh // 2
        region = mask[max(0, y0):min(size, y0 + bh), max(0, x0):min(size, x0 + bw)]
        # Row by row, skipping pixels already missing: the order RandomMask marks them in.
        fresh = np.flatnonzero(~region)[:target - count]
        region.flat[fresh] = True
        count += fresh.size
    return mask


def stamp_offsets(radius):
    """The pixels of a round stamp, (dy, dx) in the order RandomMask marks them."""
    r = math.ceil(radius)
    dy, dx = np.mgrid[-r:r + 1, -r:r + 1]
    inside = (dx * dx + dy * dy <= radius * radius).ravel()
    return dy.ravel()[inside], dx.ravel()[inside]


def reflect(v, size):
    m = v % (2.0 * size)
    return m if m < size else 2.0 * size - m


def strokes(size, target, rng):
    """Polylines of 3 to 10 segments of round stamps, bouncing off the borders; the last cut short at target."""
    mask = np.zeros(size * size, bool)
    count = 0
    while count < target:
        radius = max(1, size / 60.0) + rng.random() * max(2, size / 25.0)
        x, y, angle = rng.random() * size, rng.random() * size, rng.random() * 2 * math.pi
        step = max(0.5, radius / 2)
        xs, ys = [], []
        for _ in range(3 + rng.integers(8)):
            angle += (rng.random() - 0.5) * math.pi
            length = size * (0.05 + 0.2 * rng.random())
            t = np.arange(int(length / step) + 1) * step
            xs.append(x + t * math.cos(angle))
            ys.append(y + t * math.sin(angle))
            x = reflect(x + length * math.cos(angle), size)
            y = reflect(y + length * math.sin(angle), size)
        # Java's Math.round: half up.
        cx = np.floor(np.concatenate(xs) + 0.5).astype(np.int64)
        cy = np.floor(np.concatenate(ys) + 0.5).astype(np.int64)
        dy, dx = stamp_offsets(radius)
        px, py = (cx[:, None] + dx).ravel(), (cy[:, None] + dy).ravel()
        inside = (px >= 0) & (px < size) & (py >= 0) & (py < size)
        pixels = (py * size + px)[inside]
        # Stamp after stamp, each pixel counts where it is first marked; the stroke ends where the target is met.
        unique, first = np.unique(pixels, return_index=True)
        fresh = ~mask[unique]
        chosen = unique[fresh][np.argsort(first[fresh], kind="stable")][:target - count]
        mask[chosen] = True
        count += chosen.size
    return mask.reshape(size, size)


_BLOB_OPERATORS = {}


def blob_operator(size):
    """RandomFields.smooth as one matrix A (field = A noise A^T): white noise on a grid of a quarter of the feature
    scale, blurred (mirrored at its edges) and interpolated by Catmull-Rom splines to the patch."""
    if size not in _BLOB_OPERATORS:
        scale = max(2, size / 6.0)
        spacing = max(1, scale / 4)
        grid = math.ceil(size / spacing) + 4
        sigma = scale / spacing / 2.5
        r = math.ceil(3 * sigma)
        kernel = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * sigma * sigma)).astype(np.float32)
        kernel /= np.float32(kernel.astype(np.float64).sum())
        blur = np.zeros((grid, grid))
        for i in range(grid):
            for k in range(-r, r + 1):
                blur[i, mirror(i + k, grid)] += kernel[k + r]
        cubic = np.zeros((size, grid))
        for x in range(size):
            position = x / spacing + 1.5
            ix = math.floor(position)
            for i in range(-1, 3):
                cubic[x, ix + i] += catmull_rom(i - (position - ix))
        _BLOB_OPERATORS[size] = cubic @ blur
    return _BLOB_OPERATORS[size]


def mirror(i, n):
    period = 2 * (n - 1)
    m = i % period
    return m if m < n else period - m


def catmull_rom(t):
    a = abs(t)
    if a < 1:
        return 1.5 * a ** 3 - 2.5 * a ** 2 + 1
    if a < 2:
        return -0.5 * a ** 3 + 2.5 * a ** 2 - 4 * a + 2
    return 0.0


def blobs(size, target, rng):
    """The target highest pixels of a smooth random field whose features are a sixth of the side across."""
    operator = blob_operator(size)
    noise = rng.standard_normal((operator.shape[1], operator.shape[1]))
    field = (operator @ noise @ operator.T).ravel()
    mask = np.zeros(size * size, bool)
    mask[np.argpartition(field, field.size - target)[field.size - target:]] = True
    return mask.reshape(size, size)


DRAW = (boxes, strokes, blobs)


def draw_holes(job):
    """The masks of one batch, (count, size, size) 0/1 bytes, and each one's drawn fraction; from its own seed."""
    seed, step, count, size = job
    rng = np.random.default_rng([seed, step])
    masks = np.zeros((count, size, size), np.uint8)
    fractions = np.zeros(count)
    for i in range(count):
        shape = rng.integers(len(DRAW))
        fractions[i] = MIN_COVERAGE + rng.random() * (MAX_COVERAGE - MIN_COVERAGE)
        masks[i] = DRAW[shape](size, coverage_count(fractions[i], size * size), rng)
    return masks, fractions


class HoleStream:
    """The masks of successive batches of one size: drawn here (workers 0), or by worker processes a few batches
    ahead, so that the GPU does not wait on them. Batch k is drawn from (seed, k) either way."""

    def __init__(self, seed, size, workers=0):
        self.seed, self.size, self.step = seed, size, 0
        # Spawned, not forked: the parent holds CUDA and thread pools that a forked child must not inherit.
        self.pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 0 else None
        self.ahead = 2 * workers
        self.pending = collections.deque()

    def next(self, count):
        if self.pool is None:
            self.step += 1
            return draw_holes((self.seed, self.step - 1, count, self.size))
        while len(self.pending) < self.ahead:
            self.pending.append(self.pool.apply_async(draw_holes, ((self.seed, self.step, count, self.size),)))
            self.step += 1
        return self.pending.popleft().get()


# ---------------------------------------------------------------------------------------------------- data

class Holes(common.Patches):
    """Clean patches (the targets) and their inputs: holes cut, normalized, the mask as a second channel."""

    def __init__(self, content, generator, holes):
        super().__init__(content, generator)
        self.holes = holes

    def batch(self, b):
        device = self.images.device
        index, clean = self.crops(b, PATCH)
        masks, fractions = self.holes.next(b)
        mask = torch.from_numpy(masks).to(device).float()
        # The pixel sample degraded with the patch's own draw: the same fraction of it missing.
        sample = self.samples[index]
        n = sample.shape[1]
        missing = torch.tensor([coverage_count(f, n) for f in fractions], device=device)
        noise = torch.rand(sample.shape, generator=self.generator, device=device)
        ranks = torch.argsort(torch.argsort(noise, dim=1), dim=1)
        low, high = self.input_range(torch.where(ranks < missing[:, None], torch.full_like(sample, FILL), sample),
                                     index)
        clean_low, clean_high = self.clean_low[index], self.clean_high[index]
        usable = high > low
        low, high = torch.where(usable, low, clean_low), torch.where(usable, high, clean_high)
        # LinearMap's arithmetic: (v - low) times 1 / (high - low).
        factor = (1.0 / (high.double() - low.double())).float()[:, None, None]
        low = low[:, None, None]
        image = torch.where(mask > 0, torch.full_like(clean, FILL), clean)
        x = torch.stack([(image - low) * factor, mask], 1)
        return x, ((clean - low) * factor)[:, None]


# ---------------------------------------------------------------------------------------------------- training

def log_l2(output, target):
    errors = ((output - target) ** 2).reshape(output.shape[0], -1).mean(1)
    return torch.log(errors + common.LOG_FLOOR * common.LOG_FLOOR).mean()


class Inpainting:
    """The inpainter's part of gpu_denoise.train: its network type, batches, loss and the words of its run.json."""

    kinds = ("inpainting-unet",)
    script = "gpu_inpaint.py"

    def __init__(self, pack_file, loss="log-l2", workers=0):
        self.pack_file = pack_file
        self.loss_name = loss
        self.loss = log_l2 if loss == "log-l2" else common.log_l1
        self.workers = workers

    def sources(self, device, seed):
        content = common.unpack(self.pack_file, device)
        data = Holes(content, torch.Generator(device=device).manual_seed(seed), HoleStream(seed, PATCH, self.workers))
        fixed = Holes(content, torch.Generator(device=device).manual_seed(seed + 1), HoleStream(seed + 1, PATCH))
        # 128 patches on a GPU; 32 on the CPU, where a convolution of 128 of them took a hundred times one of 32.
        return data, fixed.batch(128 if torch.device(device).type == "cuda" else 32)

    def data(self, crops):
        return ("clean crops packed from target/training-content-sr-200/clean (%d crops; photographs of Debian's "
                "wallpaper packages, the project's phantoms and dead-leaves scenes, 200 blurred copies), holes by "
                "one-of masks (boxes, strokes, blobs; 3-25 %%)" % crops)


def full_precision(fill):
    """The fill computed in float32 even where the network's convolutions run in TensorFloat-32 or bfloat16: its
    conjugate-gradient steps are the Java fill's only as exact arithmetic, and it has no weights to learn."""

    def exact(image, known):
        tf32 = torch.backends.cudnn.allow_tf32
        torch.backends.cudnn.allow_tf32 = False
        try:
            with torch.autocast(device_type="cuda", enabled=False):
                return fill(image.float(), known.float())
        finally:
            torch.backends.cudnn.allow_tf32 = tf32

    return exact


def train(pack_file, model_zip, out, minutes, steps, batch, lr, seed, loss, workers, bf16=False):
    if torch.cuda.is_available():
        networks.thin_plate_fill = full_precision(networks.thin_plate_fill)
    common.train(Inpainting(pack_file, loss, workers), model_zip, out, minutes, steps, batch, lr, seed, bf16)


def main():
    parser, _, t = common.command_line(__doc__, 21.5, 35)
    t.add_argument("--loss", choices=("log-l2", "log-l1"), default="log-l2")
    t.add_argument("--workers", type=int, default=-1,
                   help="processes drawing holes (default: none on the CPU, all cores but one up to 12 on a GPU)")
    a = parser.parse_args()
    if a.command == "pack":
        if a.crop < PATCH:
            sys.exit("Crops of %d pixels hold no %d-pixel patch" % (a.crop, PATCH))
        common.pack(a.content, a.out, a.crop, a.budget_mb, a.seed)
    else:
        workers = a.workers if a.workers >= 0 else min(12, os.cpu_count() - 1) if torch.cuda.is_available() else 0
        train(a.pack, a.model, a.out, a.minutes, a.steps, a.batch, a.lr, a.seed, a.loss, workers, a.bf16)


if __name__ == "__main__":
    main()
