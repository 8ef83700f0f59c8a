#!/usr/bin/python3
"""Isotropic restoration benchmark: z-stacks sampled every F pixel widths, restored to cubic voxels.

  scripts/eval/isotropic_benchmark.py [--count 4] [--size 128x128x64] [--factor 4] [--axial-blur 2]
                                      [--peak 200] [--out DIR] [--markdown FILE] [--figure FILE] [--reuse]
                                      [-- TRAIN OPTIONS...]

Truth: COUNT synthetic nuclei volumes (synth.NucleiVolumePhantom) rendered isotropically (slices 1 pixel apart,
lateral and axial PSF sigma 1.5 pixels), seeds 7000 and up. What a microscope records of them: the axial PSF wider by a
Gaussian of AXIAL-BLUR pixels along z, every FACTOR-th slice, Poisson noise with the brightest nuclei at about PEAK
expected photons (calibrated as slices FACTOR pixel widths apart). `imagej-gan isotropic` trains on the recorded
stacks' own lateral slices (everything after `--` goes to it, e.g. `-- --steps 3000`) and restores them; the
reference is linear interpolation along z (trilinear resampling of the stack: x and y are already on the grid), and
beside it the best 3D Gaussian blur of that interpolation (sigmas chosen per volume on the truth). PSNR over the whole
volume, which is every XZ view and every YZ view at once, with the truth's range. Needs python3-tifffile.
"""
import argparse
import itertools
import pathlib
import subprocess
import sys
import time

import numpy as np
import tifffile
from scipy import ndimage

from test_images import ROOT, finish_table, gains, psnr, save_panels, synthetic_volumes


def linear_along_z(stack, factor):
    """Slice k onto z = FACTOR * k, linear in between, the last slice repeated after it (as the command resamples)."""
    n = stack.shape[0]
    out = np.empty((n * factor,) + stack.shape[1:])
    for z in range(n * factor):
        low = min(z // factor, n - 1)
        up = min(low + (1 if z - low * factor > 0 else 0), n - 1)
        w = 0.0 if up == low else (z - low * factor) / factor
        out[z] = (1 - w) * stack[low] + w * stack[up]
    return out


SIGMAS_XY = (0, 0.5, 1.0, 1.5, 2.0)
SIGMAS_Z = (0, 1.0, 2.0, 3.0, 4.0, 6.0)


def best_smoothed(linear, truth):
    """The best 3D Gaussian blur of the linearly interpolated stack, sigmas chosen on the truth (an upper bound for a
    user's tuning of what a plain filter can add to interpolation)."""
    return max(psnr(truth, ndimage.gaussian_filter(linear, (sz, sxy, sxy), mode="mirror"))
               for sz, sxy in itertools.product(SIGMAS_Z, SIGMAS_XY))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--size", default="128x128x64")
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--axial-blur", type=float, default=2.0)
    parser.add_argument("--peak", type=float, default=200)
    parser.add_argument("--out", default=str(ROOT / "target" / "isotropic-benchmark"))
    parser.add_argument("--markdown")
    parser.add_argument("--figure")
    parser.add_argument("--reuse", action="store_true", help="score the results already in OUT, do not train")
    argv = sys.argv[1:]
    train_options = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    work = pathlib.Path(args.out)
    clean = work / "clean"
    if not clean.is_dir():
        synthetic_volumes(clean, args.count, 7000, args.size, 1, 1.5)
    names = sorted(p.stem for p in clean.glob("*.tif"))[:args.count]
    recorded = work / "recorded"
    recorded.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(22)
    truths, linear = {}, {}
    for name in names:
        truth = tifffile.imread(clean / f"{name}.tif").astype(np.float64)
        blurred = ndimage.gaussian_filter1d(truth, args.axial_blur, axis=0, mode="mirror") if args.axial_blur else truth
        scale = args.peak / truth.max()
        stack = (rng.poisson(blurred[::args.factor] * scale) / scale).astype(np.float32)
        tifffile.imwrite(recorded / f"{name}.tif", stack, imagej=True, resolution=(1, 1),
                         metadata={"axes": "ZYX", "spacing": float(args.factor), "unit": "pixel"})
        truths[name] = truth
        linear[name] = linear_along_z(stack.astype(np.float64), args.factor)
    out = work / "isotropic"
    start = time.time()
    if not args.reuse:
        subprocess.run([str(ROOT / "scripts" / "imagej-gan"), "isotropic", "--overwrite", "--axial-blur",
                        str(args.axial_blur), "--out", str(out), *train_options, str(recorded)], check=True)
    minutes = (time.time() - start) / 60
    lines = ["| volume | linear along z | same, best 3D Gaussian | isotropic restoration | gain over linear | "
             "gain over best Gaussian |", "|---|---|---|---|---|---|"]
    reference, smoothed, restored = [], [], []
    for name in names:
        result = tifffile.imread(out / f"{name}.tif").astype(np.float64)
        reference.append(psnr(truths[name], linear[name]))
        smoothed.append(best_smoothed(linear[name], truths[name]))
        restored.append(psnr(truths[name], result))
        lines.append(f"| {name} | {reference[-1]:.2f} | {smoothed[-1]:.2f} | {restored[-1]:.2f} | "
                     f"{restored[-1] - reference[-1]:+.2f} | {restored[-1] - smoothed[-1]:+.2f} |")
    mean, worst, where = gains(restored, reference, names)
    mean_s, worst_s, where_s = gains(restored, smoothed, names)
    lines.append(f"| **mean** | {np.mean(reference):.2f} | {np.mean(smoothed):.2f} | {np.mean(restored):.2f} | "
                 f"**{mean:+.2f}** (worst {worst:+.2f}, {where}) | **{mean_s:+.2f}** (worst {worst_s:+.2f}, "
                 f"{where_s}) |")
    lines.append("")
    lines.append(f"{len(names)} volumes {args.size}, slices every {args.factor} pixel widths, extra axial blur "
                 f"{args.axial_blur:g} px, peak {args.peak:g} photons; "
                 + ("scored again" if args.reuse else f"training and restoring {minutes:.1f} min wall clock")
                 + f"; options: {' '.join(train_options) or 'defaults'}")
    finish_table(lines, args.markdown)
    if args.figure:
        figure(work, names[0], args.factor, args.figure)


def figure(work, name, factor, path):
    """XZ views through the middle of the first volume, enlarged twice: recorded (each slice repeated), linear
    along z, isotropic restoration, truth."""
    truth = tifffile.imread(work / "clean" / f"{name}.tif").astype(np.float64)
    recorded = tifffile.imread(work / "recorded" / f"{name}.tif").astype(np.float64)
    result = tifffile.imread(work / "isotropic" / f"{name}.tif").astype(np.float64)
    y = truth.shape[1] // 2
    views = [np.repeat(recorded, factor, axis=0)[:, y, :], linear_along_z(recorded, factor)[:, y, :],
             result[:, y, :], truth[:, y, :]]
    save_panels(path, [np.kron(v, np.ones((2, 2))) for v in views],
                ["recorded (XZ)", "linear in z", "isotropic", "truth"])

if __name__ == "__main__":
    main()
