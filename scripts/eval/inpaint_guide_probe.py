#!/usr/bin/python3
"""Whether the inpainting network fills holes better when it sees a non-local fill of them: the shipped network given
a third input channel, the non-local fill of its holes (predict.NonLocalFill's: each missing pixel the weighted mean of
the known pixels within 10 pixels whose 11 x 11 patches match its own, compared on the thin-plate fill) less the
thin-plate fill, trained on from the shipped weights with that channel's weights starting at zero (so that it starts as
the shipped network), against the same training without the channel. A measurement behind models/inpaint-general.md
(*The non-local fill as the network's input*); Inpaint gives its network no such channel.

Usage:
  inpaint_guide_probe.py train OUT.pt [--guided] [--steps N] [--lr R] [--batch B] [--seed K] [--pack PACK.npz]
      trains from models/inpaint-general.zip on the pack of scripts/train-inpainting-gpu.sh (holes, normalization and
      log-l2 loss of gpu_inpaint.py; Adam 0.9/0.999, the rate constant, then falling linearly to zero over the last
      30 % of the steps); writes OUT.pt every 200 steps and resumes from it
  inpaint_guide_probe.py evaluate [shipped] [OUT.pt ...]
      the network alone (its thin-plate fill and correction, no fit to the image, no fitted strength) on the
      inpainting benchmark's boxes and strokes of the 23 real test images (the same holes, drawn with the benchmark's
      seeds), gain over biharmonic fill in the holes; and beside it the best share of a non-local fill over that result,
      chosen on the truth per image (an upper bound for the share Inpaint fits)

Needs Debian's python3-torch, python3-skimage and python3-scipy; runs on the CPU (two threads).
"""
import argparse
import os
import pathlib
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from skimage.restoration import inpaint_biharmonic

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "training"))
import gpu_denoise as common  # noqa: E402
import gpu_inpaint  # noqa: E402
from gpu_denoise import networks  # noqa: E402
from inpaint_benchmark import CASES, hole_psnr  # noqa: E402
from test_images import ROOT, gains, test_images  # noqa: E402

MODEL = ROOT / "models" / "inpaint-general.zip"
# predict.NonLocalFill's settings: patch radius, search radius, the weight of a patch's filled pixels, the sharpness of
# the candidates' weights, the floor of their scale (a share of the range; inputs are normalized to about 0..1) and
# the cut-off of the weights' exponent.
PATCH, SEARCH, HOLE_WEIGHT, SHARPNESS, FLOOR_SHARE, CUTOFF = 5, 10, 0.3, 0.5, 1e-3, 10.0
OFFSETS = [(dy, dx) for dy in range(-SEARCH, SEARCH + 1) for dx in range(-SEARCH, SEARCH + 1) if dy or dx]


def non_local_fill(guide, holes):
    """One round of the non-local fill of holes (1 where missing) compared on guide, both (B, 1, H, W): the batched
    form of predict.NonLocalFill (mirrored edges, candidates known pixels inside the image)."""
    _, _, h, w = guide.shape
    pad = PATCH + SEARCH
    padded = F.pad(guide, (pad,) * 4, mode="reflect")
    weight = F.pad(1 - (1 - HOLE_WEIGHT) * holes, (PATCH,) * 4, mode="reflect")
    own = padded[:, :, SEARCH:SEARCH + h + 2 * PATCH, SEARCH:SEARCH + w + 2 * PATCH]
    norm = F.avg_pool2d(weight, 2 * PATCH + 1, stride=1)
    known = F.pad(1 - holes, (SEARCH,) * 4)
    shifted = torch.stack([padded[:, 0, SEARCH + dy:SEARCH + dy + h + 2 * PATCH, SEARCH + dx:SEARCH + dx + w + 2 * PATCH]
                           for dy, dx in OFFSETS], 1)
    candidate = torch.stack([known[:, 0, SEARCH + dy:SEARCH + dy + h, SEARCH + dx:SEARCH + dx + w]
                             for dy, dx in OFFSETS], 1) > 0
    distance = F.avg_pool2d((own - shifted) ** 2 * weight, 2 * PATCH + 1, stride=1) / norm
    distance = torch.where(candidate, distance, torch.full_like(distance, float("inf")))
    best = distance.min(1, keepdim=True).values
    at = (distance - best) / (SHARPNESS * best + FLOOR_SHARE ** 2)
    weights = torch.where(at < CUTOFF, torch.exp(-at), torch.zeros_like(at))
    total = weights.sum(1, keepdim=True)
    mean = (weights * shifted[:, :, PATCH:PATCH + h, PATCH:PATCH + w]).sum(1, keepdim=True) / total.clamp(min=1e-30)
    return torch.where((holes > 0) & (total > 0), mean, guide)


class Guided(torch.nn.Module):
    """networks.Inpainting (thin-plate fill, gated U-Net residual, known pixels kept), optionally with the non-local
    fill's difference from the thin-plate fill in the holes as a third input channel whose weights start at zero."""

    def __init__(self, guided):
        super().__init__()
        self.net = common.load_network(str(MODEL), ("inpainting-unet",))
        self.guided = guided
        if guided:
            unit = self.net.unet.encoders[0].a.conv
            old = unit.conv
            grown = networks.conv(3, old.out_channels, 3, 1)
            with torch.no_grad():
                grown.weight.zero_()
                grown.weight[:, :2] = old.weight
                grown.bias.copy_(old.bias)
            unit.conv = grown

    def forward(self, x):
        if not self.guided:
            return self.net(x)
        # networks.Inpainting.forward with the third channel beside its fill and mask.
        image, holes = x[:, :1], x[:, 1:2]
        start = networks.thin_plate_fill(image, 1 - holes)
        with torch.no_grad():
            guide = (non_local_fill(start, holes) - start) * holes
        return self.net.unet(torch.cat([start, holes, guide], 1)) * holes + image * (1 - holes)


def train(out, guided, steps, lr, batch, seed, pack):
    torch.manual_seed(seed)
    network = Guided(guided)
    content = common.unpack(pack, "cpu")
    data = gpu_inpaint.Holes(content, torch.Generator().manual_seed(seed), gpu_inpaint.HoleStream(seed, gpu_inpaint.PATCH))
    optimizer = torch.optim.Adam(network.parameters(), lr=lr, betas=(0.9, 0.999))
    first = 0
    if os.path.exists(out):
        saved = torch.load(out)
        network.load_state_dict(saved["network"])
        optimizer.load_state_dict(saved["optimizer"])
        first = saved["step"]
        data.holes.step = first  # the holes continue; the crops' generator starts again (a resumed run differs)
    began, running = time.time(), None
    for step in range(first, steps):
        x, y = data.batch(batch)
        for group in optimizer.param_groups:
            group["lr"] = lr * min(1.0, (steps - step) / (0.3 * steps))
        loss = gpu_inpaint.log_l2(network(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if (step + 1) % 50 == 0:
            print(f"step {step + 1} loss {running:.4f} {time.time() - began:.0f} s", flush=True)
        if (step + 1) % 200 == 0 or step + 1 == steps:
            torch.save({"network": network.state_dict(), "optimizer": optimizer.state_dict(), "step": step + 1,
                        "guided": guided}, out + ".tmp")
            os.replace(out + ".tmp", out)


def load(name):
    if name == "shipped":
        return Guided(False)
    saved = torch.load(name)
    network = Guided(saved["guided"])
    network.load_state_dict(saved["network"])
    return network


def fill(network, truth, mask):
    """The network's fill of the holed truth and the non-local fill over it, in the truth's units; the image is
    normalized by its known pixels' 1st and 99.8th percentiles and padded to a multiple of 8."""
    low, high = np.percentile(truth[~mask], [1, 99.8])
    span = max(high - low, 1e-6)
    x = torch.from_numpy(np.stack([np.where(mask, 0, (truth - low) / span), mask])[None].astype(np.float32))
    h, w = truth.shape
    x = F.pad(x, (0, (-w) % 8, 0, (-h) % 8), mode="reflect")
    with torch.no_grad():
        out = network(x)
        extra = non_local_fill(out, x[:, 1:2])
    return out[0, 0, :h, :w].numpy() * span + low, extra[0, 0, :h, :w].numpy() * span + low


def evaluate(names):
    loaded = {name: load(name) for name in names}
    images = test_images(256)
    for ci, (label, draw) in enumerate(CASES):
        rng = np.random.default_rng(3000 + ci)  # the benchmark's holes
        alone = {name: [] for name in names}
        blended = {name: [] for name in names}
        classical = []
        for _, truth, _ in images:
            mask = draw(truth.shape, rng)
            classical.append(hole_psnr(truth, inpaint_biharmonic(np.where(mask, 0, truth), mask), mask))
            for name, network in loaded.items():
                result, extra = fill(network, truth, mask)
                alone[name].append(hole_psnr(truth, result, mask))
                blended[name].append(max(hole_psnr(truth, result + share * (extra - result), mask)
                                         for share in np.linspace(0, 1, 11)))
        image_names = [i[0] for i in images]
        print(label)
        for name in names:
            mean, worst, where = gains(alone[name], classical, image_names)
            bmean, bworst, bwhere = gains(blended[name], classical, image_names)
            print(f"  {name}: network alone {mean:+.2f} (worst {worst:+.2f}, {where}); with the best share of the "
                  f"non-local fill {bmean:+.2f} (worst {bworst:+.2f}, {bwhere})", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("out")
    t.add_argument("--guided", action="store_true")
    t.add_argument("--steps", type=int, default=2400)
    t.add_argument("--lr", type=float, default=2e-4)
    t.add_argument("--batch", type=int, default=8)
    t.add_argument("--seed", type=int, default=41)
    t.add_argument("--pack", default=str(ROOT / "target" / "gpu-inpaint" / "pack.npz"))
    e = sub.add_parser("evaluate")
    e.add_argument("networks", nargs="+")
    a = parser.parse_args()
    torch.set_num_threads(2)
    if a.command == "train":
        train(a.out, a.guided, a.steps, a.lr, a.batch, a.seed, a.pack)
    else:
        evaluate(a.networks)


if __name__ == "__main__":
    main()
