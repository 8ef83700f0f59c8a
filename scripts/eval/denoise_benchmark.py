#!/usr/bin/python3
"""Real-image denoising benchmark: shipped models against classical filters tuned per image on the truth.

  scripts/eval/denoise_benchmark.py MODEL [MODEL ...] [--out DIR] [--size 256] [--markdown FILE] [--figure PNG]
                                   [--poisson-peaks 5 20 100] [--gaussian-percent 2 5 10] [--rician-percent 2 5 10]

MODEL is a .zip package; MODEL.zip@N runs it with --ensemble N (the mean over N flips of each tile).

Test images are the ones the models may never be trained on: scikit-image's bundled images, SciPy's sample images
and pydicom's test files (Debian: python3-skimage, python3-scipy, python3-pydicom), centre crops of at most
SIZE x SIZE pixels. Noise:
  - Poisson-Gaussian, the image scaled so that its brightest pixel expects PEAK photons (5, 20, 100), read noise
    of 1 photon; on the photographs and microscopy images;
  - additive Gaussian noise of 2, 5 and 10 % of the image's range; on all images, the CT and MR slices included;
  - Rician noise (magnitude-image noise, as MR scanners give it) of 2, 5 and 10 % of the image's range: the magnitude
    of the image plus complex Gaussian noise, the image shifted so that its darkest pixel is 0 (a magnitude image's
    background); on all images. In dark regions it is not zero-mean: it lifts them by up to 1.25 sigma.
  - correlated Gaussian noise (--correlated-percent, none by default): white Gaussian noise blurred by a Gaussian of
    --correlation-blur pixels (1 by default) and scaled to the given percent of the range, as demosaicing,
    resampling or a camera's own processing spread noise over neighbouring pixels; on all images; and correlated
    Poisson-Gaussian noise (--correlated-poisson-peaks): the Poisson rows' noise spread the same way at the same
    level per pixel (the noise blurred, divided by the kernel's norm); on the photographs and microscopy images.
--hot-pixels P adds a camera's hot pixels to every row: P % of the pixels raised by 0.5 to 2 times the range.
Other strengths (--poisson-peaks 1 1000 --gaussian-percent 0.5 1 20 --rician-percent 1 20) measure how a model does
outside the table. --eight-bit makes the Gaussian rows 8-bit files, as a camera or a PNG holds them: the truth scaled
to 0-255, the noisy image rounded and cut at 0 and 255 (where the truth lies at either end, the cut lifts or lowers
the noise's mean).
Each classical filter (Gaussian blur, median, non-local means, total variation) gets the parameter that scores best
on that image's own truth: an upper bound for what a user could tune. PSNR uses the truth's range. The table gives
per noise level the mean gain of each model over the best classical filter and the gain on the worst image.

--figure writes noisy, the best non-local means (tuned on the truth), the first model and the truth side by side:
camera with Gaussian noise of 5 % above, cell with 10 % below.

Models run through the project's command line (scripts/imagej-gan denoise --output-type float), exactly as a user
would run them.
"""
import argparse
import pathlib
import sys

import numpy as np
from PIL import Image
from scipy import ndimage
from skimage.restoration import denoise_nl_means, denoise_tv_chambolle, estimate_sigma

from test_images import (ROOT, finish_table, gains, model_name, psnr, read_tiff, run_model, save_panels, save_tiff,
                         test_images)
POISSON_PEAKS = [5, 20, 100]
GAUSSIAN_PERCENT = [2, 5, 10]
RICIAN_PERCENT = [2, 5, 10]
CORRELATION_BLUR = [1.0]  # set from --correlation-blur


def with_hot_pixels(truth, noisy, fraction, rng):
    """NOISY with a camera's hot pixels: FRACTION of the pixels, each raised by 0.5 to 2 times the truth's range."""
    hot = rng.random(noisy.shape) < fraction
    return noisy + hot * rng.uniform(0.5, 2, noisy.shape) * (truth.max() - truth.min())


def degrade(image, level, rng, eight_bit=False):
    kind, value = level
    if kind == "gaussian" and eight_bit:
        truth = (image - image.min()) / (image.max() - image.min()) * 255
        return truth, np.clip(np.round(truth + rng.normal(0, value / 100 * 255, image.shape)), 0, 255)
    if kind == "poisson":
        scaled = (image - image.min()) / (image.max() - image.min()) * value
        return scaled, rng.poisson(scaled) + rng.normal(0, 1.0, image.shape)
    sigma = value / 100 * (image.max() - image.min())
    if kind == "correlated":
        white = ndimage.gaussian_filter(rng.normal(0, 1, image.shape), CORRELATION_BLUR[0], mode="wrap")
        return image, image + white / white.std() * sigma
    if kind == "correlated-poisson":
        scaled, noisy = degrade(image, ("poisson", value), rng)
        impulse = np.zeros((31, 31))
        impulse[15, 15] = 1
        norm = np.sqrt((ndimage.gaussian_filter(impulse, CORRELATION_BLUR[0]) ** 2).sum())
        return scaled, scaled + ndimage.gaussian_filter(noisy - scaled, CORRELATION_BLUR[0], mode="mirror") / norm
    if kind == "rician":
        magnitude = image - image.min()
        return magnitude, np.hypot(magnitude + rng.normal(0, sigma, image.shape), rng.normal(0, sigma, image.shape))
    return image, image + rng.normal(0, sigma, image.shape)


def best_nl_means(truth, noisy):
    s = estimate_sigma(noisy)
    return max((denoise_nl_means(noisy, h=f * s, sigma=s, fast_mode=True, patch_size=5, patch_distance=6)
                for f in [0.6, 0.8, 1.0, 1.3]), key=lambda x: psnr(truth, x))


FIGURE_ROWS = [("camera", ("gaussian", 5)), ("cell", ("gaussian", 10))]


def save_figure(path, work, model, images):
    """The rows of FIGURE_ROWS from the noisy inputs and MODEL's results under WORK, one PNG."""
    truths = {name: image for name, image, _ in images}
    rows = []
    for name, (kind, value) in FIGURE_ROWS:
        folder = work / f"{kind}-{value}"
        truth, _ = degrade(truths[name], (kind, value), np.random.default_rng(0))
        noisy = read_tiff(folder / "noisy" / f"{name}.tif")
        restored = read_tiff(folder / model_name(model) / f"{name}.tif")
        row = path.with_name(f"{path.stem}-{name}.png")
        save_panels(row, [noisy, best_nl_means(truth, noisy), restored, truth],
                    ["noisy", "non-local means (best)", model_name(model), "truth"])
        rows.append(Image.open(row))
        row.unlink()
    canvas = Image.new("L", (max(r.width for r in rows), sum(r.height for r in rows) + 4 * (len(rows) - 1)), 255)
    y = 0
    for r in rows:
        canvas.paste(r, (0, y))
        y += r.height + 4
    canvas.save(path)


def best_classical(truth, noisy):
    candidates = {}
    candidates["gaussian"] = max(psnr(truth, ndimage.gaussian_filter(noisy, g)) for g in
                                 [0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0])
    candidates["median"] = max(psnr(truth, ndimage.median_filter(noisy, size=k)) for k in [3, 5, 7])
    candidates["nl-means"] = psnr(truth, best_nl_means(truth, noisy))
    span = truth.max() - truth.min()
    candidates["tv"] = max(psnr(truth, denoise_tv_chambolle(noisy, weight=w * span)) for w in
                           [0.02, 0.04, 0.07, 0.1, 0.15, 0.25])
    name = max(candidates, key=candidates.get)
    return name, candidates[name]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+")
    parser.add_argument("--out", default=str(ROOT / "target" / "denoise-benchmark"))
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--markdown")
    parser.add_argument("--figure")
    parser.add_argument("--poisson-peaks", type=float, nargs="*", default=POISSON_PEAKS)
    parser.add_argument("--gaussian-percent", type=float, nargs="*", default=GAUSSIAN_PERCENT)
    parser.add_argument("--rician-percent", type=float, nargs="*", default=RICIAN_PERCENT)
    parser.add_argument("--correlated-percent", type=float, nargs="*", default=[])
    parser.add_argument("--correlated-poisson-peaks", type=float, nargs="*", default=[])
    parser.add_argument("--correlation-blur", type=float, default=1.0)
    parser.add_argument("--eight-bit", action="store_true")
    parser.add_argument("--hot-pixels", type=float, default=0,
                        help="per cent of the pixels made hot in every row (raised by 0.5 to 2 times the range)")
    args = parser.parse_args()
    CORRELATION_BLUR[0] = args.correlation_blur
    work = pathlib.Path(args.out)
    images = test_images(args.size)
    levels = ([("poisson", p) for p in args.poisson_peaks] + [("gaussian", g) for g in args.gaussian_percent]
              + [("rician", r) for r in args.rician_percent]
              + [("correlated", c) for c in args.correlated_percent]
              + [("correlated-poisson", p) for p in args.correlated_poisson_peaks])
    lines = ["| noise | images | noisy | best classical | " + " | ".join(
        f"{m} | gain (mean) | gain (worst image)" for m in args.models) + " |",
             "|---|---|---|---|" + "---|---|---|" * len(args.models)]
    for li, level in enumerate(levels):
        # Rician and correlated rows came later: their seed follows their strength, so that the rows before keep theirs.
        later = {"rician": 2000, "correlated": 3000, "correlated-poisson": 4000}
        rng = np.random.default_rng(later[level[0]] + round(10 * level[1]) if level[0] in later else 1000 + li)
        eight_bit = args.eight_bit and level[0] == "gaussian"
        blurred = level[0].startswith("correlated")
        family = {"correlated": "gaussian", "correlated-poisson": "poisson"}.get(level[0], level[0])
        label = (f"Poisson, peak {level[1]:g} photons" if family == "poisson"
                 else f"{family.capitalize()}, {level[1]:g} % of range" + (", 8-bit" if eight_bit else ""))
        label += f", spread {args.correlation_blur:g} px" if blurred else ""
        label += f", hot pixels {args.hot_pixels:g} %" if args.hot_pixels else ""
        folder = work / (f"{level[0]}-{level[1]:g}" + ("-8bit" if eight_bit else "")
                         + (f"-blur{args.correlation_blur:g}" if blurred else "")
                         + (f"-hot{args.hot_pixels:g}" if args.hot_pixels else ""))
        # NB: the hot pixels draw from their own generator, so that the noise is the same as without them.
        hot_rng = np.random.default_rng(9000 + li)
        (folder / "noisy").mkdir(parents=True, exist_ok=True)
        rows = []
        for name, image, kind in images:
            if level[0] in ("poisson", "correlated-poisson") and kind != "photo":
                continue
            truth, noisy = degrade(image, level, rng, eight_bit)
            if args.hot_pixels:
                noisy = with_hot_pixels(truth, noisy, args.hot_pixels / 100, hot_rng)
            if eight_bit:
                Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(folder / "noisy" / f"{name}.png")
            else:
                save_tiff(noisy, folder / "noisy" / f"{name}.tif")
            method, classical = best_classical(truth, noisy)
            rows.append((name, truth, noisy, method, classical))
        results = {}
        for model in args.models:
            out = run_model("denoise", model, folder / "noisy")
            results[model] = [psnr(t, read_tiff(out / f"{n}.tif"))
                              for n, t, _, _, _ in rows]
        noisy_mean = np.mean([psnr(t, x) for _, t, x, _, _ in rows])
        classical = np.array([c for *_, c in rows])
        cells = [label, str(len(rows)), f"{noisy_mean:.2f}", f"{classical.mean():.2f}"]
        for model in args.models:
            mean, worst, where = gains(results[model], classical, [r[0] for r in rows])
            cells += [f"{np.mean(results[model]):.2f}", f"{mean:+.2f}", f"{worst:+.2f} ({where})"]
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
        for (name, _, _, method, c), *per_model in zip(rows, *[results[m] for m in args.models]):
            print(f"    {name:24s} best classical {method:9s} {c:6.2f}  " + "  ".join(
                f"{m} {v:6.2f}" for m, v in zip(args.models, per_model)), file=sys.stderr)
    finish_table(lines, args.markdown)
    if args.figure:
        save_figure(pathlib.Path(args.figure), work, args.models[0], images)


if __name__ == "__main__":
    main()
