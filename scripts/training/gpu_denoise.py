#!/usr/bin/python3
"""Trains the blind denoiser on a GPU machine that has PyTorch but no Java, with the same data, noise and loss as
`imagej-gan train` (scripts/train-denoisers.sh), and brings back weights that the Java side imports.

Usage:
  gpu_denoise.py pack CONTENT OUT.npz [--crop S] [--budget-mb M] [--seed K] [--per-crop]
      clean content (scripts/training/common.sh's folder of 32-bit TIFFs) as one compact archive: each image cut
      into S x S crops (10 bits over each crop's range), a random share of them kept so that the archive stays
      under M megabytes (the GPU machine is sent the working tree and at most 64 MiB in all)
  gpu_denoise.py train PACK.npz MODEL.zip OUT [--minutes T] [--batch B] [--lr R] [--seed K] [--steps N] [--bf16]
                       [--spread]
      trains MODEL.zip's U-Net (read from its DJL weights) for T minutes (or N steps) and writes OUT/weights.npz
      (p0000, p0001, ... in DJL's parameter order) and OUT/run.json; the Java side then writes the model with
      `mvn -B -o -q test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.models.ExternalWeights
      -Dbench.args="import MODEL.zip OUT/weights.npz OUT/run.json NEW.zip"`

What it reproduces of the Java trainer (train/DegradedPatches, degrade/*, nn/ReconstructionLoss, train/WeightAverage):
  - patches: uniform crops (images picked by area), one of the 8 flips and rotations each;
  - noise per patch, one of three families with equal odds, settings drawn per patch: Poisson-Gaussian with
    photonsPerUnit log-uniform in 0.0008..1.2 and read noise a whole number in 0..5 photons; Gaussian or Rician with
    sigma a whole number, log-uniform in 3..200 grey values (the content's scale: 1st percentile 0, 99.8th 1000);
    with --spread, for the network of spread noise (denoise-general-spread), Poisson-Gaussian or Gaussian noise with
    equal odds, spread over neighbouring pixels by a Gaussian of 0.3..2 pixels (log-uniform) at the same level per
    pixel, as scripts/train-denoiser-spread.sh trains it (the image sample for the normalization gets the noise
    unspread: it holds single pixels, and the spread keeps each pixel's level);
  - normalization as prediction will find it: the 1st and 99.8th percentiles of a fixed sample of the whole
    image's pixels (1024 here, 4096 there) degraded with the patch's settings, widened to the clean image's own;
    the target mapped alike;
  - the log-l1 loss (mean over the batch of log(mean |output - target| + 1e-4)), Adam (0.9, 0.999, eps 1e-8; the
    Java trainer's first moment decays at 0.5) and the moving average of the weights (decay min(0.999, (1 + n) /
    (10 + n))), which is what is written.
The learning rate rises over the first 2 % of the run and falls to zero along a cosine over its time (or steps).
"""
import argparse
import contextlib
import copy
import io
import json
import math
import os
import pathlib
import random
import sys
import time
import zipfile

import numpy as np
import torch
import torch.nn as nn

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src/main/resources/io/github/imagejgan/interop/torchscript"))
import export_torchscript as networks  # noqa: E402  the PyTorch twins of the Java networks

PATCH = 64
SAMPLE = 1024  # pixels per image for the normalization estimate (the Java trainer takes 4096; a budget)
LOW_PERCENT, HIGH_PERCENT = 1.0, 99.8
LOG_FLOOR = 1e-4
LEVELS = 1023.0
WARM_UP = 0.02
MIN_SPREAD = 10.0  # grey values at the content's scale (1000 between its percentiles)


# ---------------------------------------------------------------------------------------------------- packing

def read_image(path):
    """A 32-bit TIFF of the content folder (or a NumPy .npy array)."""
    if path.suffix == ".npy":
        return np.load(path).astype(np.float32)
    from PIL import Image
    return np.asarray(Image.open(path), dtype=np.float32)


def pack(content, out, crop, budget_mb, seed, per_crop=False):
    """Crops of every image as 10-bit values over each crop's own range, a random share kept to fit the budget, and
    per image its own percentiles and a fixed sample of its pixels: the normalization of a patch is the whole
    image's, as in the Java trainer, not the crop's (a crop normalized on its own never shows the network a dark
    patch in a bright image, and a network trained so darkened such regions by up to 9 dB at 5 photons).
    per_crop: each crop normalized on its own instead (no image tables are stored), as the first GPU run of
    models/denoise-general.md was trained; kept to reproduce it."""
    rng = random.Random(seed)
    crops, files = [], []
    for path in sorted(p for p in pathlib.Path(content).iterdir() if p.suffix in (".tif", ".npy")):
        image = read_image(path)
        low, high = percentiles(image)
        if not high - low > MIN_SPREAD:
            continue
        sample = image.reshape(-1)[np.random.default_rng(seed + len(files)).integers(0, image.size, SAMPLE)]
        files.append((path.name, low, high, sample))
        h, w = image.shape
        for y in range(0, h - crop + 1, crop):
            for x in range(0, w - crop + 1, crop):
                crops.append((len(files) - 1, image[y:y + crop, x:x + crop]))
    rng.shuffle(crops)
    budget = budget_mb * 1e6 - (0 if per_crop else len(files) * SAMPLE * 2)
    kept, size = [], 0
    for index, values in crops:
        low, high = float(values.min()), float(values.max())
        if not high > low or per_crop and not spread(values) > MIN_SPREAD:
            continue
        # 10 bits over the crop's range: a step of about one grey value at the content's scale of 1000, whose
        # rounding error (0.3) is a tenth of the faintest training noise (sigma 3).
        codes = np.round((values - low) / (high - low) * LEVELS).astype(np.uint16)
        stored = len(zlib_bytes(codes))
        if size + stored > budget:
            break
        size += stored
        kept.append((codes, low, high, index))
    tables = {} if per_crop else dict(source=np.array([k[3] for k in kept], np.int32),
                                      file_low=np.array([f[1] for f in files], np.float32),
                                      file_high=np.array([f[2] for f in files], np.float32),
                                      file_sample=np.stack([f[3] for f in files]).astype(np.float16),
                                      names=np.array([f[0] for f in files]))
    np.savez_compressed(out, codes=np.stack([k[0] for k in kept]), low=np.array([k[1] for k in kept], np.float32),
                        high=np.array([k[2] for k in kept], np.float32), **tables)
    used = sorted({files[k[3]][0] for k in kept})
    print(json.dumps({"crops": len(kept), "of": len(crops), "bytes": pathlib.Path(out).stat().st_size,
                      "sources": sorted({n.split("-")[0] for n in used}), "files": len(used)}))


def percentile_indices(count):
    """Where the 1st and 99.8th percentiles lie among count sorted values (PercentileNormalizer's index rule)."""
    return int(math.floor(LOW_PERCENT / 100 * (count - 1))), int(math.ceil(HIGH_PERCENT / 100 * (count - 1)))


def percentiles(values):
    order = np.sort(values, axis=None)
    low, high = percentile_indices(order.size)
    return order[low], order[high]


def spread(values):
    low, high = percentiles(values)
    return high - low


def zlib_bytes(codes):
    import zlib
    return zlib.compress(codes.tobytes(), 6)


def unpack(path, device):
    """The crops (image units), and per crop its image's percentiles and pixel sample."""
    stored = np.load(path)
    codes = torch.from_numpy(stored["codes"].astype(np.float32)).to(device)
    low = torch.from_numpy(stored["low"]).to(device)
    high = torch.from_numpy(stored["high"]).to(device)
    images = low[:, None, None] + codes / LEVELS * (high - low)[:, None, None]
    if "source" not in stored:
        # Packed --per-crop: each crop's own percentiles and a sample of 4096 of its own pixels.
        flat = images.reshape(images.shape[0], -1)
        order = torch.sort(flat, dim=1).values
        low, high = percentile_indices(flat.shape[1])
        picks = torch.randint(0, flat.shape[1], (flat.shape[0], 4096), device=device,
                              generator=torch.Generator(device=device).manual_seed(0))
        return images, order[:, low], order[:, high], torch.gather(flat, 1, picks)
    source = torch.from_numpy(stored["source"].astype(np.int64)).to(device)
    return (images, torch.from_numpy(stored["file_low"]).to(device)[source],
            torch.from_numpy(stored["file_high"]).to(device)[source],
            torch.from_numpy(stored["file_sample"].astype(np.float32)).to(device)[source])


# ---------------------------------------------------------------------------------------------------- weights

def read_djl_parameters(data):
    """The arrays of a DJL parameter file (Block.saveParameters), in the order it stores them."""
    arrays, pos = [], 0

    def utf(p):
        n = int.from_bytes(data[p:p + 2], "big")
        return data[p + 2:p + 2 + n].decode("utf-8"), p + 2 + n

    while True:
        i = data.find(b"\x00\x04NDAR", pos)
        if i < 0:
            return arrays
        p = i + 6
        version = int.from_bytes(data[p:p + 4], "big")
        if version != 3:
            sys.exit("DJL array encoding version %d is not known here" % version)
        p += 4
        has_name = data[p]
        p += 1
        if has_name:
            _, p = utf(p)
        sparse, p = utf(p)
        dtype, p = utf(p)
        if sparse != "DENSE" or dtype != "FLOAT32":
            sys.exit("Only dense 32-bit float parameters are read here, not %s %s" % (sparse, dtype))
        dims = int.from_bytes(data[p:p + 4], "big")
        p += 4
        shape = [int.from_bytes(data[p + 8 * k:p + 8 * k + 8], "big") for k in range(dims)]
        p += 8 * dims
        layout = int.from_bytes(data[p:p + 4], "big")
        p += 4 + 2 * layout
        order = data[p:p + 1]
        p += 1
        length = int.from_bytes(data[p:p + 4], "big")
        p += 4
        values = np.frombuffer(data[p:p + length], dtype="<f4" if order == b"<" else ">f4")
        arrays.append(values.reshape(shape).astype(np.float32))
        pos = p + length


def load_network(model_zip, kinds=("unet",)):
    """The PyTorch twin of the model's network, holding its DJL weights; kinds: the network types a task trains."""
    with zipfile.ZipFile(model_zip) as z:
        spec = json.loads(z.read("model.json"))["generator"]
        arrays = read_djl_parameters(z.read("generator.params"))
    if spec.get("type") not in kinds:
        sys.exit("Only %s networks are trained here, not %s" % (" and ".join(kinds), spec.get("type")))
    network = networks.NETWORKS[spec["type"]](spec)
    params = network.djl_parameters()
    if len(arrays) != len(params):
        sys.exit("The model stores %d arrays; its network has %d parameters" % (len(arrays), len(params)))
    with torch.no_grad():
        for array, param in zip(arrays, params):
            if tuple(array.shape) != tuple(param.shape):
                sys.exit("Stored shape %s, network shape %s" % (array.shape, tuple(param.shape)))
            param.copy_(torch.from_numpy(array))
    return network


def write_npz(params, path):
    buffer = io.BytesIO()
    np.savez(buffer, **{"p%04d" % i: p.detach().float().cpu().numpy() for i, p in enumerate(params)})
    tmp = pathlib.Path(str(path) + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)


# ---------------------------------------------------------------------------------------------------- data

class Patches:
    """Clean patches and their noisy, normalized inputs, drawn on the device."""

    def __init__(self, content, generator, spread=False):
        self.spread = spread
        # Crops (N, S, S) at the content's scale; per crop its whole image's 1st and 99.8th percentiles (the floor
        # of the input's range) and a fixed sample of that image's pixels, as DegradedPatches keeps them.
        self.images, self.clean_low, self.clean_high, self.samples = content
        self.generator = generator
        self.size = self.images.shape[1]

    def crops(self, b, patch):
        """b clean patches of side patch (uniform crops, each one of the 8 flips and rotations) and the packed crop
        each was cut from."""
        device = self.images.device
        g = self.generator
        index = torch.randint(0, self.images.shape[0], (b,), generator=g, device=device)
        y0 = torch.randint(0, self.size - patch + 1, (b,), generator=g, device=device)
        x0 = torch.randint(0, self.size - patch + 1, (b,), generator=g, device=device)
        steps = torch.arange(patch, device=device)
        rows = (y0[:, None] + steps)[:, :, None]
        cols = (x0[:, None] + steps)[:, None, :]
        clean = self.images[index[:, None, None], rows, cols]
        flips = torch.randint(0, 8, (b,), generator=g, device=device)
        clean = torch.where((flips & 1).bool()[:, None, None], clean.flip(1), clean)
        clean = torch.where((flips & 2).bool()[:, None, None], clean.flip(2), clean)
        clean = torch.where((flips & 4).bool()[:, None, None], clean.transpose(1, 2), clean)
        return index, clean

    def batch(self, b):
        index, clean = self.crops(b, PATCH)
        settings = self.draw_settings(b)
        noisy = self.degrade(clean.reshape(b, -1), settings).reshape(b, PATCH, PATCH)
        if self.spread:
            noisy = clean + spread_noise(noisy - clean, settings[4])
        low, high = self.input_range(self.degrade(self.samples[index], settings), index)
        span = torch.clamp(high - low, min=MIN_SPREAD)[:, None, None]
        return ((noisy - low[:, None, None]) / span)[:, None], ((clean - low[:, None, None]) / span)[:, None]

    def input_range(self, sample, index):
        """The normalization range prediction would find for the patches cut from crops index, given each one's
        image sample degraded as the patch is: its 1st and 99.8th percentiles, widened to the clean image's own."""
        order = torch.sort(sample, dim=1).values
        at_low, at_high = percentile_indices(order.shape[1])
        return (torch.minimum(order[:, at_low], self.clean_low[index]),
                torch.maximum(order[:, at_high], self.clean_high[index]))

    def draw_settings(self, b):
        g, device = self.generator, self.images.device
        u = torch.rand((4, b), generator=g, device=device)
        family = torch.randint(0, 2 if self.spread else 3, (b,), generator=g, device=device)
        photons = torch.exp(math.log(0.0008) + u[0] * (math.log(1.2) - math.log(0.0008)))
        read = torch.round(u[1] * 5)
        sigma = torch.round(torch.exp(math.log(3) + u[2] * (math.log(200) - math.log(3))))
        # The pixels over which each pixel's noise spreads (0: independent pixels).
        spread = (torch.exp(math.log(0.3) + u[3] * (math.log(2) - math.log(0.3))) if self.spread
                  else torch.zeros_like(u[3]))
        return family, photons, read, sigma, spread

    def degrade(self, values, settings):
        family, photons, read, sigma, _ = settings
        g = self.generator
        ppu = photons[:, None]
        counts = torch.poisson(torch.clamp(values * ppu, min=0), generator=g)
        n1 = torch.randn(values.shape, generator=g, device=values.device)
        n2 = torch.randn(values.shape, generator=g, device=values.device)
        camera = (counts + read[:, None] * n1) / ppu
        gaussian = values + sigma[:, None] * n1
        rician = torch.sqrt((values + sigma[:, None] * n1) ** 2 + (sigma[:, None] * n2) ** 2)
        f = family[:, None]
        return torch.where(f == 0, camera, torch.where(f == 1, gaussian, rician))


def spread_noise(noise, spread, radius=6):
    """Each patch's noise (B, S, S) spread over neighbours by a Gaussian of its own spread (pixels; 0 leaves it),
    scaled back to its level per pixel (each axis's normalized kernel lowers the noise's variance by the sum of its
    squares), mirrored at the edges: as
    degrade/PixelNoise.spread does it."""
    b = noise.shape[0]
    taps = torch.arange(-radius, radius + 1, device=noise.device, dtype=noise.dtype)
    width = torch.clamp(spread, min=1e-3)[:, None]
    kernel = torch.exp(-taps[None] ** 2 / (2 * width ** 2))
    kernel = torch.where(spread[:, None] > 0, kernel, (taps[None] == 0).to(noise.dtype))
    kernel = kernel / kernel.sum(1, keepdim=True)
    kernel = kernel / (kernel ** 2).sum(1, keepdim=True).sqrt()
    x = torch.nn.functional.pad(noise[None], (radius, radius, radius, radius), mode="reflect")
    x = torch.nn.functional.conv2d(x, kernel[:, None, None, :], groups=b)
    return torch.nn.functional.conv2d(x, kernel[:, None, :, None], groups=b)[0]


# ---------------------------------------------------------------------------------------------------- training

def log_l1(output, target):
    errors = (output - target).abs().reshape(output.shape[0], -1).mean(1)
    return torch.log(errors + LOG_FLOOR).mean()


class Denoising:
    """The denoiser's part of the loop below: its network type, its batches and loss, and the words of its run.json.
    gpu_inpaint.py has its own."""

    kinds = ("unet",)
    loss_name = "log-l1"
    script = "gpu_denoise.py"

    def __init__(self, pack_file, spread=False):
        self.pack_file = pack_file
        self.spread = spread

    def sources(self, device, seed):
        """The training batches (drawn from seed) and the fixed batch that each checkpoint scores (from seed + 1)."""
        content = unpack(self.pack_file, device)
        data = Patches(content, torch.Generator(device=device).manual_seed(seed), self.spread)
        return data, Patches(content, torch.Generator(device=device).manual_seed(seed + 1), self.spread).batch(256)

    def loss(self, output, target):
        return log_l1(output, target)

    def data(self, crops):
        return ("clean crops packed from target/denoise-content-crops4/clean (%d crops; photographs of Debian's "
                "wallpaper packages, the project's phantoms and dead-leaves scenes), inputs synthesized by one-of"
                % crops)


def train(task, model_zip, out, minutes, steps, batch, lr, seed, bf16=False):
    """Trains the task's network (Denoising, gpu_inpaint.Inpainting) from model_zip's weights for minutes (or steps)."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    cuda = torch.cuda.is_available()
    device = torch.device("cuda" if cuda else "cpu")
    if cuda:
        # The padding of networks.BlockConv2d works around a CPU-kernel bug; on the GPU plain convolutions do.
        networks.BlockConv2d.forward = nn.Conv2d.forward
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    else:
        # Some CPU builds of PyTorch (Debian's) start with one thread unless OMP_NUM_THREADS says otherwise.
        torch.set_num_threads(os.cpu_count())
    network = load_network(model_zip, task.kinds).to(device).train()
    params = network.djl_parameters()
    average = [p.detach().clone() for p in params]
    optimizer = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    # A fixed batch, scored with the averaged weights at every checkpoint against the start: the training
    # objective's trend (the real test is the Java side's benchmark on images never trained on).
    data, fixed = task.sources(device, seed)
    log = open(out / "log.txt", "a")

    def say(text):
        print(text, flush=True)
        log.write(text + "\n")
        log.flush()

    say("device %s, torch %s, %d content crops, batch %d, lr %g, %s"
        % (torch.cuda.get_device_name(0) if cuda else "cpu", torch.__version__, data.images.shape[0], batch, lr,
           "%g minutes" % minutes if steps == 0 else "%d steps" % steps))
    scored = copy.deepcopy(network).eval()
    name = task.loss_name
    say("fixed batch: %s %.4f at the start" % (name, fixed_loss(task, scored, params, fixed)))
    start = time.time()
    step, running, saved = 0, None, time.time()
    while True:
        elapsed = time.time() - start
        progress = step / steps if steps else elapsed / (60 * minutes) if minutes > 0 else 1
        if progress >= 1:
            break
        # A short warm-up: Adam's first moments start fresh, and a converged network should not be kicked away.
        warm = min(1.0, progress / WARM_UP)
        for group in optimizer.param_groups:
            group["lr"] = lr * warm * 0.5 * (1 + math.cos(math.pi * progress))
        if time.time() - saved > 120:
            write_run(task, out, average, step, seed, time.time() - start, batch, lr, data, cuda)
            say("step %d: fixed batch %s %.4f (averaged weights)"
                % (step, name, fixed_loss(task, scored, average, fixed)))
            saved = time.time()
        x, y = data.batch(batch)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16) if cuda and bf16 else contextlib.nullcontext():
            output = network(x)
        loss = task.loss(output.float(), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        decay = min(0.999, (1.0 + step) / (10.0 + step))
        with torch.no_grad():
            torch._foreach_mul_(average, decay)
            torch._foreach_add_(average, [p.detach() for p in params], alpha=1 - decay)
        step += 1
        if step % 200 == 0:
            value = loss.item()
            if not math.isfinite(value):
                # Adam spreads one bad step over every weight: stop, leaving the last checkpoint as it was.
                say("step %d: the loss is %s; stopped (the last checkpoint, if any, is kept)" % (step, value))
                sys.exit(3)
            running = value if running is None else 0.9 * running + 0.1 * value
            say("step %d, %.0f s, loss %.4f (running %.4f), lr %.2e"
                % (step, time.time() - start, value, running, optimizer.param_groups[0]["lr"]))
    seconds = time.time() - start
    write_run(task, out, average, step, seed, seconds, batch, lr, data, cuda)
    say("fixed batch: %s %.4f at the end (averaged weights)" % (name, fixed_loss(task, scored, average, fixed)))
    say("finished: %d steps in %.0f s" % (step, seconds))


def fixed_loss(task, network, weights, batch):
    """The task's loss of network on batch with weights (copied into its parameters)."""
    with torch.no_grad():
        for slot, w in zip(network.djl_parameters(), weights):
            slot.copy_(w)
        return task.loss(network(batch[0]), batch[1]).item()


def write_run(task, out, average, step, seed, seconds, batch, lr, data, cuda):
    """The averaged weights and what made them (checkpointed every two minutes, so that a run cut short leaves some)."""
    write_npz(average, out / "weights.npz")
    run = {"steps": step, "seed": seed, "seconds": seconds, "batch": batch, "lr": lr,
           "data": task.data(data.images.shape[0]),
           "software": "scripts/training/%s, PyTorch %s on %s, batch %d, lr %g cosine to 0"
                       % (task.script, torch.__version__, torch.cuda.get_device_name(0) if cuda else "CPU", batch,
                          lr)}
    tmp = out / "run.json.tmp"
    tmp.write_text(json.dumps(run, indent=2))
    tmp.replace(out / "run.json")


def command_line(doc, budget_mb, seed):
    """The pack and train subcommands' shared options (this script's and the other tasks'): the parser and the two
    subparsers, for each script to add its own."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack")
    p.add_argument("content")
    p.add_argument("out")
    p.add_argument("--crop", type=int, default=128)
    p.add_argument("--budget-mb", type=float, default=budget_mb)
    p.add_argument("--seed", type=int, default=3)
    t = sub.add_parser("train")
    t.add_argument("pack")
    t.add_argument("model")
    t.add_argument("out")
    t.add_argument("--minutes", type=float, default=8)
    t.add_argument("--steps", type=int, default=0)
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--lr", type=float, default=2e-4)
    t.add_argument("--seed", type=int, default=seed)
    t.add_argument("--bf16", action="store_true", help="bfloat16 convolutions (default: TensorFloat-32)")
    return parser, p, t


def main():
    parser, p, t = command_line(__doc__, 20, 16)
    p.add_argument("--per-crop", action="store_true", help="normalize each crop on its own (the first GPU run)")
    t.add_argument("--spread", action="store_true", help="noise spread over neighbouring pixels only (the spread-noise network)")
    a = parser.parse_args()
    if a.command == "pack":
        pack(a.content, a.out, a.crop, a.budget_mb, a.seed, a.per_crop)
    else:
        train(Denoising(a.pack, a.spread), a.model, a.out, a.minutes, a.steps, a.batch, a.lr, a.seed, a.bf16)


if __name__ == "__main__":
    main()
