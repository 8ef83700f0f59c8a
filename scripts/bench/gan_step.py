#!/usr/bin/env python3
"""The GAN training step and tiled U-Net inference of imagej-gan, written in plain PyTorch, for side-by-side timing.

Same architectures as io.github.imagejgan.nn (UNetSpec.restoration(1, 1) and PatchDiscriminatorSpec.classic(2)),
same losses (LSGAN + 100 * L1), same Adam settings and update order (generator with the discriminator frozen, then
the discriminator on detached outputs). Prints one line per measurement; scripts/bench/training-step.sh runs it.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_unit(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.LeakyReLU(0.2))


class UNet(nn.Module):
    def __init__(self, channels=1, depth=3, features=32):
        super().__init__()
        f = [features * min(8, 2 ** level) for level in range(depth + 1)]
        self.depth = depth
        self.enc = nn.ModuleList()
        cin = channels
        for level in range(depth + 1):
            self.enc.append(nn.Sequential(conv_unit(cin, f[level]), conv_unit(f[level], f[level])))
            cin = f[level]
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for level in range(depth):
            self.up.append(conv_unit(f[level + 1], f[level]))
            self.dec.append(nn.Sequential(conv_unit(2 * f[level], f[level]), conv_unit(f[level], f[level])))
        self.head = nn.Conv2d(f[0], channels, 1)

    def forward(self, x):
        h = x
        skips = []
        for level in range(self.depth):
            h = self.enc[level](h)
            skips.append(h)
            h = F.max_pool2d(h, 2)
        h = self.enc[self.depth](h)
        for level in reversed(range(self.depth)):
            h = self.up[level](F.interpolate(h, scale_factor=2, mode="nearest"))
            h = self.dec[level](torch.cat([h, skips[level]], 1))
        return self.head(h) + x


def patch_gan(channels=2, features=64, layers=3):
    sn = nn.utils.spectral_norm
    mods = [sn(nn.Conv2d(channels, features, 4, 2, 1)), nn.LeakyReLU(0.2)]
    cin = features
    for i in range(1, layers + 1):
        cout = features * min(8, 2 ** i)
        mods += [sn(nn.Conv2d(cin, cout, 4, 2 if i < layers else 1, 1)), nn.LeakyReLU(0.2)]
        cin = cout
    mods.append(sn(nn.Conv2d(cin, 1, 4, 1, 1)))
    return nn.Sequential(*mods)


def set_requires_grad(module, flag):
    for p in module.parameters():
        p.requires_grad_(flag)


def training_steps(steps, warmup):
    g = UNet()
    d = patch_gan()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    x = torch.rand(8, 1, 128, 128)
    y = torch.rand(8, 1, 128, 128)
    times = []
    phases = [0.0, 0.0, 0.0, 0.0]
    for i in range(steps + warmup):
        t0 = time.perf_counter()
        set_requires_grad(d, False)
        fake = g(x)
        loss_g = 100 * F.l1_loss(fake, y) + ((d(torch.cat([x, fake], 1)) - 1) ** 2).mean()
        opt_g.zero_grad()
        loss_g.backward()
        t1 = time.perf_counter()
        opt_g.step()
        t2 = time.perf_counter()
        set_requires_grad(d, True)
        real_term = 0.5 * ((d(torch.cat([x, y], 1)) - 1) ** 2).mean()
        fake_term = 0.5 * (d(torch.cat([x, fake.detach()], 1)) ** 2).mean()
        opt_d.zero_grad()
        (real_term + fake_term).backward()
        t3 = time.perf_counter()
        opt_d.step()
        t4 = time.perf_counter()
        if i >= warmup:
            times.append(t4 - t0)
            for k, dt in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                phases[k] += dt / steps
    times.sort()
    return times[len(times) // 2], phases


def median_seconds(work, repeats, warmup):
    """Median seconds of work() over repeats runs after warmup runs, without gradient recording."""
    times = []
    with torch.no_grad():
        for i in range(repeats + warmup):
            start = time.perf_counter()
            work()
            if i >= warmup:
                times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def inference(tile, batches, warmup):
    g = UNet().eval()
    x = torch.rand(1, 1, tile, tile)
    return median_seconds(lambda: g(x), batches, warmup)


def whole_image(size, repeats):
    """Median seconds of the network's forward over a size x size image in one piece."""
    g = UNet().eval()
    x = torch.rand(1, 1, size, size)
    return median_seconds(lambda: g(x), repeats, 1)


def naive_tiling(size, repeats, core=256, halo=64):
    """What a user scripting PyTorch writes: mirror-pad by the halo, run each 256-px core with its halo, keep the
    core. Median seconds over the whole image."""
    g = UNet().eval()
    x = torch.rand(1, 1, size, size)

    def tiled():
        padded = F.pad(x, (halo, halo, halo, halo), mode="reflect")
        out = torch.empty_like(x)
        for y0 in range(0, size, core):
            for x0 in range(0, size, core):
                tile = padded[:, :, y0:y0 + core + 2 * halo, x0:x0 + core + 2 * halo]
                out[:, :, y0:y0 + core, x0:x0 + core] = g(tile)[:, :, halo:halo + core, halo:halo + core]

    return median_seconds(tiled, repeats, 1)


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[2] == "prediction":
    # gan_step.py THREADS prediction SIZE...: whole-image forwards only (scripts/bench/prediction.sh).
    torch.set_num_threads(int(sys.argv[1]))
    torch.manual_seed(1)
    for size in map(int, sys.argv[3:]):
        reps = 1 if size > 2048 else 5
        print("python-whole %d %.3f" % (size, whole_image(size, reps)), flush=True)
        print("python-naive %d %.3f" % (size, naive_tiling(size, reps)), flush=True)
    sys.exit(0)

if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    tile = int(sys.argv[2]) if len(sys.argv) > 2 else 384
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    print("python-torch %s threads %d" % (torch.__version__, torch.get_num_threads()))
    step, phases = training_steps(10, 3)
    print("python-step-ms %.1f" % (1000 * step))
    print("python-phases-ms generator-forward-backward %.0f, generator-adam %.0f, discriminator-forward-backward "
          "%.0f, discriminator-adam %.0f" % tuple(1000 * p for p in phases))
    print("python-tile-ms %.2f" % (1000 * inference(tile, 10, 3)))
