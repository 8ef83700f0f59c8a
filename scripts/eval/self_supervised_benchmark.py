#!/usr/bin/python3
"""Self-supervised denoising benchmark: train on a folder of noisy images alone, denoise them, score on the truth.

  scripts/eval/self_supervised_benchmark.py [--peak 20] [--count 10] [--size 512] [--out DIR] [--markdown FILE]
                                            [--reference MODEL] [-- TRAIN OPTIONS...]

A user who has only noisy data runs `imagej-gan denoise --self-supervised` on it; this does the same on test images
that no model may be trained on (scikit-image's and SciPy's photographs and microscopy, centre crops of SIZE x SIZE),
with Poisson-Gaussian noise: each image scaled so that its brightest pixel expects PEAK photons, read noise 1 photon.
Everything after `--` goes to the training (e.g. `-- --steps 3000 --patch 64`). Each classical filter (Gaussian,
median, non-local means, total variation) gets the parameter that scores best on the image's own truth, an upper
bound for what a user could tune. Prints per image and on average the self-supervised result, the best classical
filter and, for reference, a shipped model trained on other data (--reference), and the training's wall-clock time.
"""
import argparse
import pathlib
import subprocess
import sys
import time

import numpy as np

from denoise_benchmark import best_classical
from test_images import ROOT, finish_table, gains, psnr, read_tiff, run_model, save_tiff, test_images


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peak", type=float, default=20)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--out", default=str(ROOT / "target" / "self-supervised-benchmark"))
    parser.add_argument("--reference", default=str(ROOT / "models" / "denoise-general.zip"))
    parser.add_argument("--markdown")
    argv = sys.argv[1:]
    train_options = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    work = pathlib.Path(args.out)
    noisy_folder = work / "noisy"
    noisy_folder.mkdir(parents=True, exist_ok=True)
    images = [(n, i) for n, i, kind in test_images(args.size) if kind == "photo" and min(i.shape) >= 256]
    images = images[:args.count]
    rng = np.random.default_rng(20)
    truths = {}
    for name, image in images:
        scaled = (image - image.min()) / (image.max() - image.min()) * args.peak
        truths[name] = scaled
        save_tiff(rng.poisson(scaled) + rng.normal(0, 1.0, image.shape), noisy_folder / f"{name}.tif")

    out = work / "self-supervised"
    start = time.time()
    subprocess.run([str(ROOT / "scripts" / "imagej-gan"), "denoise", "--self-supervised", "--overwrite",
                    "--out", str(out), *train_options, str(noisy_folder)], check=True)
    minutes = (time.time() - start) / 60
    reference = run_model("denoise", args.reference, noisy_folder)

    lines = [f"| image | noisy | best classical | self-supervised | gain | {pathlib.Path(args.reference).stem} |",
             "|---|---|---|---|---|---|"]
    names, classical_scores, own, ref = [], [], [], []
    for name, _ in images:
        truth = truths[name]
        noisy = read_tiff(noisy_folder / f"{name}.tif")
        method, classical = best_classical(truth, noisy)
        result = psnr(truth, read_tiff(out / f"{name}.tif"))
        shipped = psnr(truth, read_tiff(reference / f"{name}.tif"))
        names.append(name)
        classical_scores.append(classical)
        own.append(result)
        ref.append(shipped)
        lines.append(f"| {name} | {psnr(truth, noisy):.2f} | {classical:.2f} ({method}) | {result:.2f} | "
                     f"{result - classical:+.2f} | {shipped:.2f} |")
    mean, worst, worst_name = gains(own, classical_scores, names)
    lines.append(f"| **mean** | | {np.mean(classical_scores):.2f} | {np.mean(own):.2f} | **{mean:+.2f}** "
                 f"(worst {worst:+.2f}, {worst_name}) | {np.mean(ref):.2f} |")
    lines.append("")
    lines.append(f"Peak {args.peak:g} photons, read noise 1; {len(images)} images of at most {args.size}^2; training "
                 f"and denoising {minutes:.1f} min wall clock; options: {' '.join(train_options) or 'defaults'}")
    finish_table(lines, args.markdown)


if __name__ == "__main__":
    main()
