#!/usr/bin/env python3
"""Writes the small PyTorch models the interop tests import, with reference inputs and outputs computed here.

Run with a Python that has PyTorch and NumPy (Debian: apt-get install python3-torch python3-yaml python3-pil):

    /usr/bin/python3 scripts/make-interop-test-models.py [output folder]

The default output folder is src/test/resources/io/github/imagejgan/interop. Everything is seeded, so a run
reproduces the same weights and reference values (the bytes of the .pt archives still differ from run to run, and
the recorded PyTorch version follows the one installed). It writes:

- pix2pix-tiny.pt: a pix2pix-style U-Net generator (strided convolutions, batch norm in eval mode, transposed
  convolutions, a skip connection, tanh), 1 channel in and out; pix2pix-input.npy / pix2pix-output.npy;
- sr-rgb-x2.pt: a 3-channel x2 super-resolution network (pixel shuffle plus nearest upsampling);
  sr-input.npy / sr-output.npy;
- identity.pt: returns its input unchanged, so that tests can check value processing by hand;
- bioimageio-v04.zip: a bioimage.io model, format 0.4.10, axes "byxc", preprocessing scale_range per sample
  (percentiles 1 and 99), postprocessing scale_linear (gain 2, offset 0.5) and clip;
- bioimageio-v05.zip: a bioimage.io model, format 0.5.3, axis objects, 2 channels, x2 super-resolution,
  preprocessing zero_mean_unit_variance per channel and sample, postprocessing scale_linear along the channel axis,
  clip and ensure_dtype.

The bioimage.io test outputs apply the declared pre- and postprocessing here with NumPy, independently of the Java
code that the tests check.
"""
import hashlib
import io
import os
import sys
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import yaml
from PIL import Image

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "io", "github", "imagejgan",
    "interop")
TORCH = torch.__version__.split("+")[0].split("a")[0]


class Pix2PixTiny(nn.Module):
    """The pix2pix U-Net pattern at depth 2: down (conv 4x4 stride 2), up (transposed conv), skip, tanh."""

    def __init__(self):
        super().__init__()
        self.down1 = nn.Conv2d(1, 8, 4, 2, 1)
        self.down2 = nn.Conv2d(8, 16, 4, 2, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(16)
        self.up2 = nn.ConvTranspose2d(16, 8, 4, 2, 1, bias=False)
        self.normu2 = nn.BatchNorm2d(8)
        self.up1 = nn.ConvTranspose2d(16, 1, 4, 2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        d1 = self.down1(x)
        d2 = self.norm2(self.down2(F.leaky_relu(d1, 0.2)))
        u2 = self.normu2(self.up2(F.relu(d2)))
        return torch.tanh(self.up1(F.relu(torch.cat([u2, d1], 1))))


class SrRgbX2(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Conv2d(3, 16, 3, padding=1)
        self.tail = nn.Conv2d(16, 12, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        detail = F.pixel_shuffle(self.tail(F.relu(self.head(x))), 2)
        return detail + F.interpolate(x, scale_factor=2.0, mode="nearest")


class Identity(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.clone()


class ChannelsLastDenoiser(nn.Module):
    """Takes and returns channels-last (b, y, x, c) tensors, as the 0.4 test model declares with axes "byxc"."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 6, 3, padding=1)
        self.b = nn.Conv2d(6, 1, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = x.permute(0, 3, 1, 2)
        h = h + self.b(F.relu(self.a(h)))
        return h.permute(0, 2, 3, 1).contiguous()


class TwoChannelSr(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(2, 8, 3, padding=1)
        self.b = nn.Conv2d(8, 8, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.pixel_shuffle(self.b(F.relu(self.a(x))), 2) + F.interpolate(x, scale_factor=2.0, mode="nearest")


def randomize(module, seed):
    """Weights and batch-norm statistics far from the defaults, so that every layer matters."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.3)
        for m in module.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(torch.randn(m.running_mean.shape, generator=g) * 0.2)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=g) + 0.5)
    return module.eval()


def script_bytes(module):
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(module), buffer)
    return buffer.getvalue()


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def run(module, array):
    with torch.no_grad():
        return module(torch.from_numpy(array)).numpy().astype(np.float32)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def cover(left, right):
    def gray(a):
        a = a.astype(np.float64)
        lo, hi = a.min(), a.max()
        return ((a - lo) / (hi - lo + 1e-12) * 255).astype(np.uint8)

    h = max(left.shape[0], right.shape[0])
    canvas = np.zeros((h, left.shape[1] + right.shape[1]), np.uint8)
    canvas[:left.shape[0], :left.shape[1]] = gray(left)
    canvas[:right.shape[0], left.shape[1]:] = gray(right)
    buffer = io.BytesIO()
    Image.fromarray(canvas).save(buffer, format="PNG")
    return buffer.getvalue()


def write_zip(name, files):
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in files.items():
            info = zipfile.ZipInfo(entry, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def bioimageio_v04():
    model = randomize(ChannelsLastDenoiser(), 4)
    weights = script_bytes(model)
    rng = np.random.default_rng(40)
    raw = (rng.gamma(2.0, 300.0, (1, 32, 40, 1)) + 100).astype(np.float32)
    lo, hi = np.percentile(raw, [1, 99])
    pre = ((raw - lo) / (hi - lo + 1e-6)).astype(np.float32)
    out = run(model, pre)
    post = np.clip(out * 2.0 + 0.5, -1.0, 4.0).astype(np.float32)
    test_in, test_out = npy_bytes(raw), npy_bytes(post)
    doc = b"# Channels-last test denoiser\n\nA tiny network for testing imports.\n\n## Validation\n\nNone.\n"
    cov = cover(raw[0, :, :, 0], post[0, :, :, 0])
    rdf = {
        "format_version": "0.4.10",
        "type": "model",
        "name": "channels-last test denoiser",
        "description": "A tiny channels-last network for testing bioimage.io imports.",
        "authors": [{"name": "imagej-gan tests"}],
        "cite": [{"text": "imagej-gan", "url": "https://github.com/imagej-gan/imagej-gan"}],
        "license": "BSD-2-Clause",
        "documentation": "README.md",
        "covers": ["cover.png"],
        "tags": ["denoising", "test"],
        "timestamp": "2024-01-01T00:00:00",
        "test_inputs": ["test_input.npy"],
        "test_outputs": ["test_output.npy"],
        "inputs": [{
            "name": "raw",
            "axes": "byxc",
            "data_type": "float32",
            "data_range": [float("-inf"), float("inf")],
            "shape": {"min": [1, 16, 16, 1], "step": [0, 8, 8, 0]},
            "preprocessing": [{"name": "scale_range", "kwargs": {
                "mode": "per_sample", "axes": "xy", "min_percentile": 1, "max_percentile": 99}}],
        }],
        "outputs": [{
            "name": "denoised",
            "axes": "byxc",
            "data_type": "float32",
            "data_range": [float("-inf"), float("inf")],
            "shape": {"reference_tensor": "raw", "scale": [1, 1, 1, 1], "offset": [0, 0, 0, 0]},
            "halo": [0, 2, 2, 0],
            "postprocessing": [
                {"name": "scale_linear", "kwargs": {"gain": 2.0, "offset": 0.5, "axes": "xy"}},
                {"name": "clip", "kwargs": {"min": -1.0, "max": 4.0}},
            ],
        }],
        "weights": {"torchscript": {"source": "weights.pt", "sha256": sha256(weights), "pytorch_version": TORCH}},
    }
    write_zip("bioimageio-v04.zip", {
        "rdf.yaml": yaml.safe_dump(rdf, sort_keys=False).encode(),
        "weights.pt": weights, "test_input.npy": test_in, "test_output.npy": test_out,
        "README.md": doc, "cover.png": cov})


def bioimageio_v05():
    model = randomize(TwoChannelSr(), 5)
    weights = script_bytes(model)
    rng = np.random.default_rng(50)
    raw = np.concatenate([rng.normal(500, 80, (1, 1, 32, 48)), rng.normal(40, 5, (1, 1, 32, 48))],
                         axis=1).astype(np.float32)
    mean = raw.mean(axis=(2, 3), keepdims=True)
    std = raw.std(axis=(2, 3), keepdims=True)
    pre = ((raw - mean) / (std + 1e-6)).astype(np.float32)
    out = run(model, pre)
    gain = np.array([1.0, 2.0], np.float32).reshape(1, 2, 1, 1)
    offset = np.array([0.0, -1.0], np.float32).reshape(1, 2, 1, 1)
    post = np.clip(out * gain + offset, -3.0, 3.0).astype(np.float32)
    test_in, test_out = npy_bytes(raw), npy_bytes(post)
    doc = b"# Two-channel x2 test super-resolution\n\nA tiny network for testing imports.\n\n## Validation\n\nNone.\n"
    cov = cover(raw[0, 0], post[0, 0])
    space_in = lambda axis: {"type": "space", "id": axis, "size": {"min": 16, "step": 16}, "unit": "micrometer",
                             "scale": 1.0}
    space_out = lambda axis: {"type": "space", "id": axis, "size": {"tensor_id": "raw", "axis_id": axis},
                              "unit": "micrometer", "scale": 0.5, "halo": 4}
    rdf = {
        "format_version": "0.5.3",
        "type": "model",
        "name": "two-channel x2 test sr",
        "description": "A tiny two-channel super-resolution network for testing bioimage.io imports.",
        "authors": [{"name": "imagej-gan tests"}],
        "cite": [{"text": "imagej-gan", "url": "https://github.com/imagej-gan/imagej-gan"}],
        "license": "BSD-2-Clause",
        "documentation": "README.md",
        "covers": ["cover.png"],
        "tags": ["super-resolution", "test"],
        "inputs": [{
            "id": "raw",
            "axes": [{"type": "batch"}, {"type": "channel", "channel_names": ["nuclei", "membrane"]},
                     space_in("y"), space_in("x")],
            "test_tensor": {"source": "test_input.npy", "sha256": sha256(test_in)},
            "data": {"type": "float32"},
            "preprocessing": [{"id": "zero_mean_unit_variance", "kwargs": {"axes": ["y", "x"], "eps": 1e-6}}],
        }],
        "outputs": [{
            "id": "upscaled",
            "axes": [{"type": "batch"}, {"type": "channel", "channel_names": ["nuclei", "membrane"]},
                     space_out("y"), space_out("x")],
            "test_tensor": {"source": "test_output.npy", "sha256": sha256(test_out)},
            "data": {"type": "float32"},
            "postprocessing": [
                {"id": "scale_linear", "kwargs": {"axis": "channel", "gain": [1.0, 2.0], "offset": [0.0, -1.0]}},
                {"id": "clip", "kwargs": {"min": -3.0, "max": 3.0}},
                {"id": "ensure_dtype", "kwargs": {"dtype": "float32"}},
            ],
        }],
        "weights": {"torchscript": {"source": "weights.pt", "sha256": sha256(weights), "pytorch_version": TORCH}},
    }
    write_zip("bioimageio-v05.zip", {
        "rdf.yaml": yaml.safe_dump(rdf, sort_keys=False).encode(),
        "weights.pt": weights, "test_input.npy": test_in, "test_output.npy": test_out,
        "README.md": doc, "cover.png": cov})


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)

    pix2pix = randomize(Pix2PixTiny(), 1)
    # Values span exactly [0, 1], so that min/max normalization leaves them unchanged.
    x = np.random.default_rng(10).random((1, 1, 48, 64)).astype(np.float32)
    x[0, 0, 0, 0], x[0, 0, 0, 1] = 0.0, 1.0
    write("pix2pix-tiny.pt", script_bytes(pix2pix))
    write("pix2pix-input.npy", npy_bytes(x))
    write("pix2pix-output.npy", npy_bytes(run(pix2pix, x)))

    sr = randomize(SrRgbX2(), 2)
    x = np.random.default_rng(20).random((1, 3, 20, 24)).astype(np.float32)
    write("sr-rgb-x2.pt", script_bytes(sr))
    write("sr-input.npy", npy_bytes(x))
    write("sr-output.npy", npy_bytes(run(sr, x)))

    write("identity.pt", script_bytes(Identity().eval()))

    bioimageio_v04()
    bioimageio_v05()
    print("wrote test models with PyTorch", torch.__version__, "to", os.path.abspath(OUT))


if __name__ == "__main__":
    main()
