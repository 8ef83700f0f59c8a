#!/usr/bin/python3
"""Training on a user's own data, as a new user would: does it pay off within minutes?

  scripts/eval/user_training_benchmark.py [--minutes 15] [--out DIR] [--markdown FILE] [-- TRAIN OPTIONS...]

Six real images that no model may be trained on (scikit-image's photographs and microscopy, 512 x 512 centre crops,
grey values 0..255) are split: the top 384 rows are the user's clean training images, the bottom 128 rows the held-apart
test crops. `imagej-gan train --clean ... --degradation poisson-gaussian:...` trains with the noise of the test (peak
about 20 photons, read noise 3) for the given wall-clock minutes (the run is stopped then, as Stop and save would);
everything after `--` is passed to the training (default: the training defaults). The test crops get the same noise
and are denoised by the model; each classical filter is tuned per crop on its truth (an upper bound). Prints per crop
and on average the gain over the best classical filter.
"""
import argparse
import pathlib
import signal
import subprocess
import sys
import time

import numpy as np

from denoise_benchmark import best_classical
from test_images import ROOT, finish_table, gains, psnr, read_tiff, run_model, save_tiff, test_images

PEAK = 20.0
READ_NOISE = 3.0
NAMES = ["camera", "astronaut", "coins", "moon", "brick", "immunohistochemistry"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--out", default=str(ROOT / "target" / "user-training-benchmark"))
    parser.add_argument("--markdown")
    argv = sys.argv[1:]
    train_options = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    work = pathlib.Path(args.out)
    clean = work / "train" / "clean"
    held = work / "held" / "noisy"
    clean.mkdir(parents=True, exist_ok=True)
    held.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    photons_per_grey = PEAK / 255
    truths = {}
    for name, image, _ in test_images(512):
        if name not in NAMES or min(image.shape) < 512:
            continue
        scaled = (image - image.min()) / (image.max() - image.min()) * 255
        save_tiff(scaled[:384], clean / f"{name}.tif")
        truth = scaled[384:]
        truths[name] = truth
        noisy = (rng.poisson(truth * photons_per_grey) + rng.normal(0, READ_NOISE, truth.shape)) / photons_per_grey
        save_tiff(noisy, held / f"{name}.tif")

    model = work / "user-model.zip"
    spec = f"poisson-gaussian:photonsPerUnit={photons_per_grey:.4f},readNoise={READ_NOISE:g}"
    command = [str(ROOT / "scripts" / "imagej-gan"), "train", "--task", "denoise", "--clean", str(clean),
               "--degradation", spec, "--out", str(model), "--work", str(work / "checkpoints"), *train_options]
    start = time.time()
    process = subprocess.Popen(command)
    try:
        process.wait(timeout=args.minutes * 60)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # stops after the current step and writes the best model
        process.wait()
    minutes = (time.time() - start) / 60
    result = run_model("denoise", str(model), held)

    lines = ["| held-apart crop | noisy | best classical | trained model | gain |", "|---|---|---|---|---|"]
    own_scores, classical_scores = [], []
    for name, truth in truths.items():
        noisy = read_tiff(held / f"{name}.tif")
        method, classical = best_classical(truth, noisy)
        own = psnr(truth, read_tiff(result / f"{name}.tif"))
        own_scores.append(own)
        classical_scores.append(classical)
        lines.append(f"| {name} | {psnr(truth, noisy):.2f} | {classical:.2f} ({method}) | {own:.2f} | "
                     f"{own - classical:+.2f} |")
    mean, worst, worst_name = gains(own_scores, classical_scores, list(truths))
    lines.append(f"| **mean** | | | | **{mean:+.2f}** (worst {worst:+.2f}, {worst_name}) |")
    lines.append("")
    lines.append(f"Training {minutes:.1f} min wall clock on {len(truths)} images of 512 x 384 ({spec}); options: "
                 f"{' '.join(train_options) or 'the defaults'}")
    finish_table(lines, args.markdown)


if __name__ == "__main__":
    main()
