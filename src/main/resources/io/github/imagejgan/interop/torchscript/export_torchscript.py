#!/usr/bin/env python3
"""Rebuilds an imagej-gan generator in PyTorch, loads its weights, checks it against imagej-gan, saves TorchScript.

imagej-gan (Java, DJL) runs this script when exporting a model package to TorchScript or bioimage.io; it needs Python 3
with PyTorch and NumPy (Debian: apt-get install python3-torch). Usage:

    export_torchscript.py MODEL_JSON WEIGHTS_NPZ INPUT_NPY EXPECTED_NPY OUTPUT_PT [--mask-apart]

MODEL_JSON is the package's model.json; WEIGHTS_NPZ holds the generator's parameters in the order DJL lists them
(entries p0000.npy, p0001.npy, ...); INPUT_NPY is a test batch (NCHW float32) and EXPECTED_NPY imagej-gan's output for
it. With --mask-apart an inpainting network's module takes the image and the mask as two tensors, as bioimage.io
passes a model's inputs, instead of one tensor whose last channel is the mask. The networks below repeat the layer order and arithmetic of the Java classes in io.github.imagejgan.nn
(UNetGenerator, UNet3dGenerator, SliceConv, GatedConv2d, InstanceNorm, InpaintingGenerator, ResidualSrGenerator, ResidualDenoiser, SpadeGenerator,
SpadeResBlock, Spade, BatchStatisticsNorm, LabelMaps, Layers). The
script stops with exit code 3 if PyTorch's output differs from imagej-gan's, so that no wrong module is ever written.
On success it prints one JSON line: {"pytorch": version, "max_difference": d}.
"""
import json
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LEAK = 0.2  # Layers.LEAK


def upsample_nearest(x: torch.Tensor, factor: int) -> torch.Tensor:
    # Layers.upsampleNearest: NDArray.repeat along each axis, i.e. every pixel repeated factor times.
    return x.repeat_interleave(factor, dim=2).repeat_interleave(factor, dim=3)


# Layers.BICUBIC_PHASES: Keys cubic (a = -0.5) taps i-2 .. i+2 for the samples at i - 1/4 and i + 1/4.
BICUBIC_PHASES = [[-0.0234375, 0.2265625, 0.8671875, -0.0703125, 0.0],
                  [0.0, -0.0703125, 0.8671875, 0.2265625, -0.0234375]]


def upsample_bicubic(x: torch.Tensor, factor: int) -> torch.Tensor:
    # Layers.upsampleBicubic: per factor 2, a fixed grouped 5x5 convolution over the edge-replicated image gives the
    # four sub-pixel phases of each channel, which pixel_shuffle interleaves.
    phases = torch.tensor(BICUBIC_PHASES, dtype=x.dtype, device=x.device)
    kernels = torch.stack([torch.outer(r, c) for r in phases for c in phases]).unsqueeze(1)
    channels = x.shape[1]
    while factor > 1:
        weight = kernels.repeat(channels, 1, 1, 1)
        x = F.pixel_shuffle(F.conv2d(F.pad(x, (2, 2, 2, 2), mode="replicate"), weight, groups=channels), 2)
        factor //= 2
    return x


@torch.jit.script
def upsample2_bilinear(x: torch.Tensor) -> torch.Tensor:
    phases = torch.tensor([[0.25, 0.75, 0.0], [0.0, 0.75, 0.25]], dtype=x.dtype, device=x.device)
    kernels = torch.stack([torch.outer(phases[0], phases[0]), torch.outer(phases[0], phases[1]),
                           torch.outer(phases[1], phases[0]), torch.outer(phases[1], phases[1])]).unsqueeze(1)
    channels = x.shape[1]
    weight = kernels.repeat(channels, 1, 1, 1)
    return F.pixel_shuffle(F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), weight, groups=channels), 2)


@torch.jit.script
def pull_push(image: torch.Tensor, coverage: torch.Tensor) -> torch.Tensor:
    # HoleFills.pullPush: pull-push pyramid (2x2 means of known values and coverage down to one pixel), then from the
    # coarsest level up, coverage-weighted blending with the bilinearly upsampled coarser fill and 16 passes of the
    # four-neighbour mean where coverage is missing. Scripted, not traced, so the number of levels follows the size.
    values = [image * coverage]
    weights = [coverage]
    while max(values[-1].shape[2], values[-1].shape[3]) > 1:
        values.append(F.avg_pool2d(values[-1], 2, 2, 0, True, False))
        weights.append(F.avg_pool2d(weights[-1], 2, 2, 0, True, False))
    channels = image.shape[1]
    neighbours = torch.tensor([[0.0, 0.25, 0.0], [0.25, 0.0, 0.25], [0.0, 0.25, 0.0]], dtype=image.dtype,
                              device=image.device).reshape(1, 1, 3, 3).repeat(channels, 1, 1, 1)
    top = len(values) - 1
    fill = values[top] / torch.clamp(weights[top], min=1e-6)
    for level in range(top - 1, -1, -1):
        uncovered = 1 - weights[level]
        coarse = upsample2_bilinear(fill)[:, :, :uncovered.shape[2], :uncovered.shape[3]]
        fill = values[level] + coarse * uncovered
        for _ in range(16):
            fill = values[level] + F.conv2d(F.pad(fill, (1, 1, 1, 1), mode="replicate"), neighbours,
                                            groups=channels) * uncovered
    return fill


@torch.jit.script
def smooth_fill(image: torch.Tensor, known: torch.Tensor) -> torch.Tensor:
    # HoleFills.smooth (Layers.smoothFill): the pull-push fill, then 200 passes, each moving missing pixels
    # half way to the 13-point biharmonic stencil.
    coverage = known.expand(image.shape)
    fill = pull_push(image, coverage)
    channels = image.shape[1]
    stencil = torch.tensor([[0.0, 0.0, -1.0, 0.0, 0.0], [0.0, -2.0, 8.0, -2.0, 0.0], [-1.0, 8.0, 0.0, 8.0, -1.0],
                            [0.0, -2.0, 8.0, -2.0, 0.0], [0.0, 0.0, -1.0, 0.0, 0.0]], dtype=image.dtype,
                           device=image.device) * (0.5 / 20)
    stencil[2, 2] = stencil[2, 2] + 0.5
    kernel = stencil.reshape(1, 1, 5, 5).repeat(channels, 1, 1, 1)
    missing = 1 - coverage
    kept = image * coverage
    for _ in range(200):
        fill = kept + F.conv2d(F.pad(fill, (2, 2, 2, 2), mode="replicate"), kernel, groups=channels) * missing
    return fill


@torch.jit.script
def thin_plate(v: torch.Tensor, lap: torch.Tensor, channels: int) -> torch.Tensor:
    # HoleFills.ThinPlate: the Laplacian of the Laplacian, edges repeated.
    inner = F.conv2d(F.pad(v, (1, 1, 1, 1), mode="replicate"), lap, groups=channels)
    return F.conv2d(F.pad(inner, (1, 1, 1, 1), mode="replicate"), lap, groups=channels)


@torch.jit.script
def thin_plate_fill(image: torch.Tensor, known: torch.Tensor) -> torch.Tensor:
    # HoleFills.thinPlate (Layers.thinPlateFill): the pull-push fill, then 100 conjugate-gradient steps on the
    # thin-plate energy (the Laplacian of the Laplacian, edges repeated), each plane stopping once its squared residual
    # fell by 1e10.
    coverage = known.expand(image.shape)
    u = pull_push(image, coverage)
    if image.shape[2] < 3 or image.shape[3] < 3:
        return u
    channels = image.shape[1]
    lap = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], dtype=image.dtype,
                       device=image.device).reshape(1, 1, 3, 3).repeat(channels, 1, 1, 1)
    missing = 1 - coverage
    tiny = 1e-30
    r = -(thin_plate(u, lap, channels) * missing)
    p = r
    rr = (r * r).sum(dim=(2, 3), keepdim=True)
    converged = rr * 1e-10 + tiny
    for _ in range(100):
        ap = thin_plate(p, lap, channels) * missing
        active = (rr > converged).to(image.dtype)
        alpha = rr / torch.clamp((p * ap).sum(dim=(2, 3), keepdim=True), min=tiny) * active
        u = u + p * alpha
        r = r - ap * alpha
        following = (r * r).sum(dim=(2, 3), keepdim=True)
        p = r + p * (following / torch.clamp(rr, min=tiny) * active)
        rr = following
    return u


class BlockConv2d(nn.Conv2d):
    """nn.Conv2d whose input channels, where more than 16 and not a multiple of 16, are padded with zero channels to
    a whole block, as nn.NarrowConvolutions pads them: PyTorch 2.7.1's CPU convolutions read the unused lanes of the
    last block from uncleared memory (a 20-feature U-Net's 20 and 40 channels), so the module loaded back in the
    engine would differ from the model without it. The parameters keep their shapes."""

    def forward(self, x):
        extra = (-self.in_channels) % 16 if self.in_channels > 16 else 0
        if extra == 0:
            return super().forward(x)
        return F.conv2d(F.pad(x, [0, 0, 0, 0, 0, extra]), F.pad(self.weight, [0, 0, 0, 0, 0, extra]),
                        self.bias, self.stride, self.padding)


def conv(in_channels, out_channels, kernel, padding):
    return BlockConv2d(in_channels, out_channels, kernel, stride=1, padding=padding)


class GatedConv(nn.Module):
    """GatedConv2d: one convolution to 2F maps; leaky-ReLU features times the sigmoid of the gates."""

    def __init__(self, in_channels, filters):
        super().__init__()
        self.filters = filters
        self.conv = conv(in_channels, 2 * filters, 3, 1)

    def forward(self, x):
        h = self.conv(x)
        return F.leaky_relu(h[:, :self.filters], LEAK) * torch.sigmoid(h[:, self.filters:])

    def djl_parameters(self):
        return [self.conv.weight, self.conv.bias]


class InstanceNorm(nn.Module):
    """InstanceNorm: per image and channel over (H, W), eps 1e-5, then gamma and beta."""

    def __init__(self, channels):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(channels))
        self.beta = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        return F.instance_norm(x, weight=self.gamma, bias=self.beta, eps=1e-5)

    def djl_parameters(self):
        return [self.gamma, self.beta]


class ConvUnit(nn.Module):
    """UNetGenerator.convUnit: convolution (gated or plain), optional instance norm, leaky ReLU if plain."""

    def __init__(self, in_channels, filters, gated, instance_norm):
        super().__init__()
        self.gated = gated
        self.conv = GatedConv(in_channels, filters) if gated else conv(in_channels, filters, 3, 1)
        self.norm = InstanceNorm(filters) if instance_norm else nn.Identity()

    def forward(self, x):
        h = self.norm(self.conv(x))
        return h if self.gated else F.leaky_relu(h, LEAK)

    def djl_parameters(self):
        params = self.conv.djl_parameters() if self.gated else [self.conv.weight, self.conv.bias]
        if isinstance(self.norm, InstanceNorm):
            params += self.norm.djl_parameters()
        return params


class DoubleConv(nn.Module):
    def __init__(self, in_channels, filters, gated, instance_norm):
        super().__init__()
        self.a = ConvUnit(in_channels, filters, gated, instance_norm)
        self.b = ConvUnit(filters, filters, gated, instance_norm)

    def forward(self, x):
        return self.b(self.a(x))

    def djl_parameters(self):
        return self.a.djl_parameters() + self.b.djl_parameters()


class UNet(nn.Module):
    def __init__(self, spec):
        super().__init__()
        depth = spec["depth"]
        feats = [spec["features"] * min(8, 1 << level) for level in range(depth + 1)]
        gated, norm = spec["gated"], spec["instanceNorm"]
        self.depth = depth
        self.out_channels = spec["outputChannels"]
        self.residual = spec["residual"]
        encoders = []
        channels = spec["inputChannels"]
        for level in range(depth + 1):
            encoders.append(DoubleConv(channels, feats[level], gated, norm))
            channels = feats[level]
        ups, decoders = [], []
        below = [feats[level + 1] for level in range(depth)]
        for level in range(depth):
            # The decoder below this level returns feats[level + 1] maps (the bottom encoder for the deepest).
            ups.append(ConvUnit(below[level], feats[level], gated, norm))
            decoders.append(DoubleConv(2 * feats[level], feats[level], gated, norm))
        self.encoders = nn.ModuleList(encoders)
        self.ups = nn.ModuleList(ups)
        self.decoders = nn.ModuleList(decoders)
        self.head = conv(feats[0], self.out_channels, 1, 0)

    def forward(self, x):
        h = x
        skips = []
        for level, encoder in enumerate(self.encoders):
            h = encoder(h)
            if level < self.depth:
                skips.append(h)
                h = F.max_pool2d(h, 2, 2)
        for level in range(self.depth - 1, -1, -1):
            h = self.ups[level](upsample_nearest(h, 2))
            h = self.decoders[level](torch.cat([h, skips[level]], 1))
        out = self.head(h)
        if self.residual:
            out = out + x[:, :self.out_channels]
        return out

    def djl_parameters(self):
        # DJL lists child blocks in the order UNetGenerator adds them: encoders, then up and decoder per level.
        params = []
        for encoder in self.encoders:
            params += encoder.djl_parameters()
        for level in range(self.depth):
            params += self.ups[level].djl_parameters() + self.decoders[level].djl_parameters()
        return params + [self.head.weight, self.head.bias]


class SliceConv(nn.Module):
    """SliceConv: a 3D convolution 1 or `depth` slices deep (no padding along z), 3x3 in x and y, on volumes laid out
    (N, slices, C, H, W), as one 2D convolution over the stacked slices of each output slice; then leaky ReLU."""

    def __init__(self, in_channels, filters, depth):
        super().__init__()
        self.depth = depth
        self.conv = conv(in_channels * depth, filters, 3, 1)

    def forward(self, x):
        slices = x.shape[1] - self.depth + 1
        if self.depth > 1:
            x = torch.cat([x[:, d:d + slices] for d in range(self.depth)], 2)
        planes = x.reshape(-1, x.shape[2], x.shape[3], x.shape[4])
        y = F.leaky_relu(self.conv(planes), LEAK)
        return y.reshape(-1, slices, y.shape[1], y.shape[2], y.shape[3])

    def djl_parameters(self):
        return [self.conv.weight, self.conv.bias]


def halve_slices(x):
    # UNet3dGenerator.halve: 2x2 max-pooling of every slice.
    n, s = x.shape[0], x.shape[1]
    y = F.max_pool2d(x.reshape(-1, x.shape[2], x.shape[3], x.shape[4]), 2, 2)
    return y.reshape(n, s, y.shape[1], y.shape[2], y.shape[3])


class UNet3d(nn.Module):
    """UNet3dGenerator: the window of slices (channels, restored slice first) as one volume, lowest slice first;
    SliceConv layers, the first of each of the top sliceRadius encoder levels 3 slices deep; skips pass on their
    middle slices; a 1x1 head on the one slice left, plus the restored slice when residual."""

    def __init__(self, spec):
        super().__init__()
        depth, radius = spec["depth"], spec["sliceRadius"]
        feats = [spec["features"] * min(8, 1 << level) for level in range(depth + 1)]
        self.depth = depth
        self.residual = spec["residual"]
        # UNet3dSpec.channelsInZOrder: channel 0 is the restored slice, then the neighbours from below to above.
        self.order = [0 if dz == 0 else (dz + radius + 1 if dz < 0 else dz + radius)
                      for dz in range(-radius, radius + 1)]
        encoders, channels = [], 1
        for level in range(depth + 1):
            encoders.append(nn.Sequential(SliceConv(channels, feats[level], 3 if level < radius else 1),
                                          SliceConv(feats[level], feats[level], 1)))
            channels = feats[level]
        ups, decoders = [], []
        for level in range(depth):
            ups.append(SliceConv(feats[level + 1], feats[level], 1))
            decoders.append(nn.Sequential(SliceConv(2 * feats[level], feats[level], 1),
                                          SliceConv(feats[level], feats[level], 1)))
        self.encoders = nn.ModuleList(encoders)
        self.ups = nn.ModuleList(ups)
        self.decoders = nn.ModuleList(decoders)
        self.head = conv(feats[0], 1, 1, 0)

    def forward(self, x):
        h = torch.cat([x[:, c:c + 1] for c in self.order], 1).unsqueeze(2)
        skips = []
        for level, encoder in enumerate(self.encoders):
            h = encoder(h)
            if level < self.depth:
                skips.append(h)
                h = halve_slices(h)
        for level in range(self.depth - 1, -1, -1):
            h = self.ups[level](h.repeat_interleave(2, dim=3).repeat_interleave(2, dim=4))
            skip = skips[level]
            start = (skip.shape[1] - h.shape[1]) // 2
            h = self.decoders[level](torch.cat([h, skip[:, start:start + h.shape[1]]], 2))
        out = self.head(h.reshape(-1, h.shape[2], h.shape[3], h.shape[4]))
        if self.residual:
            out = out + x[:, 0:1]
        return out

    def djl_parameters(self):
        params = []
        for encoder in self.encoders:
            params += encoder[0].djl_parameters() + encoder[1].djl_parameters()
        for level in range(self.depth):
            params += self.ups[level].djl_parameters()
            params += self.decoders[level][0].djl_parameters() + self.decoders[level][1].djl_parameters()
        return params + [self.head.weight, self.head.bias]


class Inpainting(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.channels = spec["channels"]
        # Models written before the field existed start their holes at zero.
        self.fill = spec.get("fill", "zero")
        self.unet = UNet({"inputChannels": self.channels + 1, "outputChannels": self.channels,
                          "depth": spec["depth"], "features": spec["features"], "residual": True, "gated": True,
                          "instanceNorm": False})

    def forward(self, x):
        image = x[:, :self.channels]
        mask = x[:, self.channels:self.channels + 1]
        visible = image * (1 - mask)
        if self.fill == "thin-plate":
            start = thin_plate_fill(image, 1 - mask)
        elif self.fill == "smooth":
            start = smooth_fill(image, 1 - mask)
        else:
            start = visible
        generated = self.unet(torch.cat([start, mask], 1))
        return generated * mask + visible

    def djl_parameters(self):
        return self.unet.djl_parameters()


class ResidualBlock(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.a = conv(features, features, 3, 1)
        self.b = conv(features, features, 3, 1)

    def forward(self, x):
        return x + self.b(F.leaky_relu(self.a(x), LEAK))


class ResidualSr(nn.Module):
    def __init__(self, spec):
        super().__init__()
        f, c = spec["features"], spec["channels"]
        self.scale = spec["scale"]
        # Models written before the field existed add their correction to nearest upsampling.
        self.bicubic = spec.get("upsampling", "nearest") == "bicubic"
        self.channels = c
        # A noise map, where there is one, is a further input channel that the correction sees and the skip does not.
        self.head = conv(c + 1 if spec.get("noiseMap", False) else c, f, 3, 1)
        self.blocks = nn.ModuleList([ResidualBlock(f) for _ in range(spec["blocks"])])
        self.body_tail = conv(f, f, 3, 1)
        stages = []
        factor = self.scale
        while factor > 1:
            stages.append(conv(f, 4 * f, 3, 1))
            factor //= 2
        self.stages = nn.ModuleList(stages)
        self.tail = conv(f, c, 3, 1)

    def forward(self, x):
        h = self.head(x)
        b = h
        for block in self.blocks:
            b = block(b)
        h = h + self.body_tail(b)
        for stage in self.stages:
            h = F.leaky_relu(F.pixel_shuffle(stage(h), 2), LEAK)
        image = x[:, :self.channels]
        skip = upsample_bicubic(image, self.scale) if self.bicubic else upsample_nearest(image, self.scale)
        return skip + self.tail(h)

    def djl_parameters(self):
        params = [self.head.weight, self.head.bias]
        for block in self.blocks:
            params += [block.a.weight, block.a.bias, block.b.weight, block.b.bias]
        params += [self.body_tail.weight, self.body_tail.bias]
        for stage in self.stages:
            params += [stage.weight, stage.bias]
        return params + [self.tail.weight, self.tail.bias]


class ResidualDenoiser(nn.Module):
    def __init__(self, spec):
        super().__init__()
        c, f, depth = spec["channels"], spec["features"], spec["depth"]
        layers = []
        channels = c
        for _ in range(depth - 1):
            layers.append(conv(channels, f, 3, 1))
            channels = f
        layers.append(conv(channels, c, 3, 1))
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        h = x
        for i, layer in enumerate(self.layers):
            h = layer(h)
            if i < len(self.layers) - 1:
                h = F.relu(h)
        return x + h

    def djl_parameters(self):
        params = []
        for layer in self.layers:
            params += [layer.weight, layer.bias]
        return params


class BatchStatisticsNorm(nn.Module):
    """BatchStatisticsNorm at prediction: the running mean and variance, eps 1e-5, no affine part."""

    def __init__(self, channels):
        super().__init__()
        self.running_mean = nn.Parameter(torch.zeros(channels), requires_grad=False)
        self.running_var = nn.Parameter(torch.ones(channels), requires_grad=False)

    def forward(self, x):
        mean = self.running_mean.reshape(1, -1, 1, 1)
        var = self.running_var.reshape(1, -1, 1, 1)
        return (x - mean) / torch.sqrt(var + 1e-5)

    def djl_parameters(self):
        return [self.running_mean, self.running_var]


class Spade(nn.Module):
    """Spade: the normalized features times (1 + gamma) plus beta, both convolved from the label map."""

    def __init__(self, channels, map_channels, hidden):
        super().__init__()
        self.norm = BatchStatisticsNorm(channels)
        self.shared = conv(map_channels, hidden, 3, 1)
        self.gamma = conv(hidden, channels, 3, 1)
        self.beta = conv(hidden, channels, 3, 1)

    def forward(self, x, label_map):
        hidden = F.relu(self.shared(label_map))
        return self.norm(x) * (self.gamma(hidden) + 1) + self.beta(hidden)

    def djl_parameters(self):
        return (self.norm.djl_parameters() + [self.shared.weight, self.shared.bias, self.gamma.weight,
                                              self.gamma.bias, self.beta.weight, self.beta.bias])


class SpadeResBlock(nn.Module):
    """SpadeResBlock: two modulated units with the noise, weighted per channel, added after the first; a learned
    (modulated 1x1, no bias) shortcut where the channel count changes."""

    def __init__(self, in_channels, out_channels, map_channels, hidden):
        super().__init__()
        middle = min(in_channels, out_channels)
        self.noise_weight = nn.Parameter(torch.zeros(middle))
        self.spade0 = Spade(in_channels, map_channels, hidden)
        self.conv0 = conv(in_channels, middle, 3, 1)
        self.spade1 = Spade(middle, map_channels, hidden)
        self.conv1 = conv(middle, out_channels, 3, 1)
        self.learned = in_channels != out_channels
        self.spade_shortcut = Spade(in_channels, map_channels, hidden) if self.learned else None
        self.conv_shortcut = BlockConv2d(in_channels, out_channels, 1, bias=False) if self.learned else None

    def forward(self, x, label_map, noise):
        h = self.conv0(F.leaky_relu(self.spade0(x, label_map), LEAK))
        h = h + noise * self.noise_weight.reshape(1, -1, 1, 1)
        h = self.conv1(F.leaky_relu(self.spade1(h, label_map), LEAK))
        skip = self.conv_shortcut(self.spade_shortcut(x, label_map)) if self.learned else x
        return skip + h

    def djl_parameters(self):
        # DJL lists a block's own parameters before those of its children.
        params = [self.noise_weight] + self.spade0.djl_parameters() + [self.conv0.weight, self.conv0.bias]
        params += self.spade1.djl_parameters() + [self.conv1.weight, self.conv1.bias]
        if self.learned:
            params += self.spade_shortcut.djl_parameters() + [self.conv_shortcut.weight]
        return params


def pooled(x: torch.Tensor, factor: int) -> torch.Tensor:
    # LabelMaps.pooled: block means over factor x factor.
    return x if factor == 1 else F.avg_pool2d(x, factor, factor)


class SpadeGenerator(nn.Module):
    """SpadeGenerator: input [N, 2, H, W], label ids then unit Gaussian noise; the label map (one-hot classes, or
    background, foreground and instance boundaries) is built inside, as LabelMaps.encode does."""

    def __init__(self, spec):
        super().__init__()
        self.classes = spec["classes"]
        self.instances = spec["instances"]
        self.levels = spec["levels"]
        map_channels = self.classes + 1 if self.instances else self.classes
        feats = [spec["features"] * (1 << min(level, 2)) for level in range(self.levels + 1)]
        hidden = max(spec["features"], 2 * map_channels)
        self.head = conv(map_channels, feats[self.levels], 3, 1)
        blocks = []
        for level in range(self.levels, -1, -1):
            blocks.append(SpadeResBlock(feats[min(self.levels, level + 1)], feats[level], map_channels, hidden))
        self.blocks = nn.ModuleList(blocks)
        self.tail = conv(feats[0], spec["channels"], 3, 1)

    def encode(self, labels: torch.Tensor) -> torch.Tensor:
        ids = torch.round(labels)
        if not self.instances:
            classes = torch.arange(self.classes, dtype=ids.dtype).reshape(1, -1, 1, 1)
            return (ids == classes).float()
        foreground = (ids > 0).float()
        padded = F.pad(ids, (1, 1, 1, 1), mode="replicate")
        h, w = ids.shape[2], ids.shape[3]
        up = padded[:, :, 0:h, 1:w + 1]
        down = padded[:, :, 2:h + 2, 1:w + 1]
        left = padded[:, :, 1:h + 1, 0:w]
        right = padded[:, :, 1:h + 1, 2:w + 2]
        boundary = ((ids != up) | (ids != down) | (ids != left) | (ids != right)).float()
        return torch.cat([1 - foreground, foreground, boundary], 1)

    def forward(self, x):
        label_map = self.encode(x[:, 0:1])
        noise = x[:, 1:2]
        h = self.head(pooled(label_map, 1 << self.levels))
        for i, block in enumerate(self.blocks):
            level = self.levels - i
            if level < self.levels:
                h = upsample_nearest(h, 2)
            factor = 1 << level
            # Block means of unit Gaussian noise have a standard deviation of 1/factor; scaled back to 1.
            h = block(h, pooled(label_map, factor), pooled(noise, factor) * factor)
        return self.tail(F.leaky_relu(h, LEAK))

    def djl_parameters(self):
        params = [self.head.weight, self.head.bias]
        for block in self.blocks:
            params += block.djl_parameters()
        return params + [self.tail.weight, self.tail.bias]


class MaskApart(nn.Module):
    """An inpainting network called with the image and the mask (1 where a pixel is missing) as two tensors."""

    def __init__(self, network):
        super().__init__()
        self.network = network

    def forward(self, image, mask):
        return self.network(torch.cat([image, mask], 1))


NETWORKS = {"unet": UNet, "unet3d": UNet3d, "inpainting-unet": Inpainting, "residual-sr": ResidualSr,
            "residual-denoiser": ResidualDenoiser, "spade": SpadeGenerator}


def main(model_json, weights_npz, input_npy, expected_npy, output_pt, mask_apart=False):
    with open(model_json, encoding="utf-8") as f:
        spec = json.load(f)["generator"]
    kind = spec.get("type")
    if kind not in NETWORKS:
        sys.exit("Cannot rebuild network type '%s' in PyTorch (known: %s)" % (kind, ", ".join(sorted(NETWORKS))))
    network = NETWORKS[kind](spec).eval()
    stored = np.load(weights_npz)
    names = sorted(stored.files)
    params = network.djl_parameters()
    if len(names) != len(params):
        sys.exit("The weights hold %d parameters; the rebuilt %s network has %d" % (len(names), kind, len(params)))
    with torch.no_grad():
        for name, param in zip(names, params):
            value = torch.from_numpy(stored[name])
            if tuple(value.shape) != tuple(param.shape):
                sys.exit("Parameter %s has shape %s; the rebuilt network expects %s"
                         % (name, tuple(value.shape), tuple(param.shape)))
            param.copy_(value)
    x = torch.from_numpy(np.load(input_npy))
    expected = np.load(expected_npy)
    if mask_apart:
        if kind != "inpainting-unet":
            sys.exit("Only an inpainting network takes a mask apart from the image, not a %s network" % kind)
        network = MaskApart(network).eval()
        x = (x[:, :-1], x[:, -1:])
    else:
        x = (x,)
    traced = torch.jit.trace(network, x, check_trace=False)
    with torch.no_grad():
        actual = traced(*x).numpy()
    difference = float(np.max(np.abs(actual - expected))) if actual.shape == expected.shape else float("inf")
    tolerance = 1e-4 * max(1.0, float(np.max(np.abs(expected))))
    if not difference <= tolerance:
        sys.stderr.write("PyTorch's output differs from imagej-gan's by %g (shapes %s and %s)\n"
                         % (difference, actual.shape, expected.shape))
        sys.exit(3)
    torch.jit.save(traced, output_pt)
    print(json.dumps({"pytorch": torch.__version__.split("+")[0], "max_difference": difference}))


if __name__ == "__main__":
    if len(sys.argv) not in (6, 7) or len(sys.argv) == 7 and sys.argv[6] != "--mask-apart":
        sys.exit(__doc__)
    main(*sys.argv[1:6], mask_apart=len(sys.argv) == 7)
