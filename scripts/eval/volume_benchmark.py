#!/usr/bin/python3
"""z-stack denoising benchmark: a 2.5D model (neighbouring slices in) against its single-slice twin and a 3D Gaussian.

  scripts/eval/volume_benchmark.py [--models M1.zip M2.zip ...] [--count 6] [--peaks 5 20] [--out DIR]
                                   [--markdown FILE] [--figure FILE [--figure-peak 5]] [--reuse]

Test volumes: COUNT synthetic nuclei volumes (synth.NucleiVolumePhantom, 128 x 128 x 32, slices 2 pixels apart),
seeds 5000 and up, which no training uses (scripts/train-volume-denoisers.sh trains on seeds 1000-1023). Each gets
Poisson noise with its brightest voxel at PEAK expected photons, plus 1 photon of Gaussian read noise, independently
in every slice. The classical reference is the best 3D Gaussian blur (lateral and axial sigma chosen per volume on
its own truth, axial 0 included: an upper bound for a user's tuning). PSNR is over the whole volume, with the truth's
range; gains are in dB, the worst volume is named. Needs python3-tifffile.
"""
import argparse
import itertools
import pathlib

import numpy as np
import tifffile
from scipy import ndimage

from test_images import ROOT, finish_table, gains, model_name, psnr, run_model, save_panels, synthetic_volumes

SIGMAS_XY = (0, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
SIGMAS_Z = (0, 0.5, 1.0, 1.5, 2.0, 3.0)


def best_gaussian(noisy, truth):
    """The best PSNR of the 3D Gaussian blurs, and that blur's result."""
    best, result = -np.inf, None
    for sz, sxy in itertools.product(SIGMAS_Z, SIGMAS_XY):
        blurred = ndimage.gaussian_filter(noisy, (sz, sxy, sxy), mode="mirror")
        score = psnr(truth, blurred)
        if score > best:
            best, result = score, blurred
    return best, result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=[str(ROOT / "models" / "denoise-nuclei-2.5d.zip"),
                                                        str(ROOT / "target" / "volume-training"
                                                            / "denoise-nuclei-2d.zip")])
    parser.add_argument("--count", type=int, default=6)
    parser.add_argument("--peaks", type=float, nargs="+", default=[5, 20])
    parser.add_argument("--out", default=str(ROOT / "target" / "volume-benchmark"))
    parser.add_argument("--markdown")
    parser.add_argument("--figure", help="PNG of one slice: noisy, best 3D Gaussian, each model, truth")
    parser.add_argument("--figure-peak", type=float, default=5)
    parser.add_argument("--reuse", action="store_true", help="score the models' results already in --out again")
    args = parser.parse_args()
    work = pathlib.Path(args.out)
    clean = work / "clean"
    if not clean.is_dir():
        synthetic_volumes(clean, args.count, 5000, "128x128x32")
    names = sorted(p.stem for p in clean.glob("*.tif"))
    names = names[:args.count]
    rng = np.random.default_rng(21)
    labels = [model_name(m) for m in args.models]
    lines = ["| noise | volumes | noisy | best 3D Gaussian | " + " | ".join(
        f"{label} | gain (mean, worst)" for label in labels) + " |",
             "|---|---|---|---|" + "---|---|" * len(labels)]
    for peak in args.peaks:
        folder = work / f"peak-{peak:g}" / "noisy"
        folder.mkdir(parents=True, exist_ok=True)
        truths, noisy_scores, classical = {}, [], []
        for name in names:
            truth = tifffile.imread(clean / f"{name}.tif").astype(np.float64)
            scale = peak / truth.max()
            noisy = (rng.poisson(truth * scale) + rng.normal(0, 1.0, truth.shape)) / scale
            if args.reuse:
                # The noisy volumes the stored results came from (the draws above depend on the peaks asked for).
                noisy = tifffile.imread(folder / f"{name}.tif").astype(np.float64)
            else:
                tifffile.imwrite(folder / f"{name}.tif", noisy.astype(np.float32), imagej=True,
                                 metadata={"axes": "ZYX"})
            truths[name] = truth
            noisy_scores.append(psnr(truth, noisy))
            classical.append(best_gaussian(noisy, truth)[0])
        row = f"| Poisson, peak {peak:g} photons | {len(names)} | {np.mean(noisy_scores):.2f} | " \
              f"{np.mean(classical):.2f} |"
        for model in args.models:
            out = folder.parent / model_name(model) if args.reuse else run_model("denoise", model, folder)
            scores = [psnr(truths[n], tifffile.imread(out / f"{n}.tif").astype(np.float64)) for n in names]
            mean, worst, where = gains(scores, classical, names)
            row += f" {np.mean(scores):.2f} | {mean:+.2f}, {worst:+.2f} ({where}) |"
            for n, s, c in zip(names, scores, classical):
                print(f"peak {peak:g} {model_name(model)} {n}: {s:.2f} dB (3D Gaussian {c:.2f})")
        lines.append(row)
    finish_table(lines, args.markdown)
    if args.figure:
        figure(work, clean, names[min(2, len(names) - 1)], args.figure_peak, args.models, args.figure)


def figure(work, clean, name, peak, models, path):
    """Slice 17 of one volume at PEAK photons, enlarged twice: noisy, best 3D Gaussian, each model, truth."""
    folder = work / f"peak-{peak:g}"
    truth = tifffile.imread(clean / f"{name}.tif").astype(np.float64)
    noisy = tifffile.imread(folder / "noisy" / f"{name}.tif").astype(np.float64)
    z = min(17, truth.shape[0] - 1)
    panels = [noisy[z], best_gaussian(noisy, truth)[1][z]]
    panels += [tifffile.imread(folder / model_name(m) / f"{name}.tif").astype(np.float64)[z] for m in models]
    panels.append(truth[z])
    save_panels(path, [np.kron(p, np.ones((2, 2))) for p in panels],
                ["noisy", "best 3D Gaussian"] + [model_name(m) for m in models] + ["truth"])


if __name__ == "__main__":
    main()
