#!/usr/bin/python3
"""Real-image super-resolution benchmark: models against bicubic interpolation on images they never saw.

  scripts/eval/sr_benchmark.py MODEL [MODEL ...] [--scale 2] [--cases table|more|optics|sensors] [--out DIR] [--size 256]
                              [--markdown FILE]
                              [--figure PNG --figure-image NAME [--figure-case N]]

Test images: scikit-image's, SciPy's and pydicom's (see test_images.py), centre crops of at most SIZE x SIZE pixels.
Each is reduced by SCALE and enlarged back by every model and by two classical interpolations:
  - "bicubic": Keys cubic convolution (a = -0.5), what ImageJ's Image > Scale... and most viewers call bicubic;
  - "spline": cubic B-spline interpolation (scikit-image, order 3), usually a little sharper.
Reductions: area averaging (binning, what a camera with larger pixels records) and Gaussian anti-aliasing
(sigma (SCALE - 1) / 2, scikit-image's default) without noise, and area averaging with Gaussian noise of 1 % and 3 %
of the image's range. --cases more measures instead reductions and strengths outside those (and outside what the
models were tuned on): noise of 0.3 % and 6 %, blur before binning, bicubic reduction with anti-aliasing (Pillow's,
as most image editors reduce), and point sampling after blur (a point-scanning microscope; x4 only, as for x2 the
value at a pixel's centre is the mean of its block). --cases optics measures optics that a round Gaussian blur
does not name, before binning: stronger blur, blur stretched along one direction, a diffraction-limited microscope's
Airy pattern and a defocused lens's disk (psf_kernel), clean or with noise of 1 %. --cases sensors measures what a camera or a file adds after binning: JPEG compression (8-bit
files of quality 75 to 90, clean or with noise of 1 %) and photon noise (Poisson, the brightest pixel expecting 50 to
1000 photons, read noise of 1 photon). The table gives per case the mean gain of each model over
bicubic and over the better of the two interpolations per image, and the gain on the worst image. PSNR uses the
truth's range. Test images that are themselves enlargements by pixel repetition (scikit-image's moon) are measured
again at the resolution of their data, in a second table.

--figure writes input, bicubic, the first model and the truth side by side (a 128-pixel crop of NAME, noisy case 1 %,
or the case numbered N from 0 in the chosen cases).

Models run through the project's command line (scripts/imagej-gan sr --output-type float), as a user would run them.
"""
import argparse
import io
import pathlib
import sys

import numpy as np
from PIL import Image
from scipy import ndimage
from skimage.transform import resize

from test_images import (ROOT, finish_table, gains, model_name, own_resolution, psnr, read_tiff, run_model,
                         save_panels, save_tiff, test_images)

# Keys cubic convolution taps i-2 .. i+2 for the samples at i - 1/4 and i + 1/4 (as the networks' bicubic skip).
PHASES = np.array([[-0.0234375, 0.2265625, 0.8671875, -0.0703125, 0.0],
                   [0.0, -0.0703125, 0.8671875, 0.2265625, -0.0234375]])


def keys_bicubic(image, scale):
    """Keys cubic upsampling by 2 or 4 (as two steps of 2), pixel centres aligned, edges repeated."""
    for _ in range(int(np.log2(scale))):
        padded = np.pad(image, 2, mode="edge")
        h, w = image.shape
        rows = np.zeros((2 * h, w + 4))
        for p in range(2):
            rows[p::2] = sum(PHASES[p][k] * padded[k:k + h] for k in range(5))
        out = np.zeros((2 * h, 2 * w))
        for p in range(2):
            out[:, p::2] = sum(PHASES[p][k] * rows[:, k:k + w] for k in range(5))
        image = out
    return image


def spline(image, scale):
    h, w = image.shape
    return resize(image, (h * scale, w * scale), order=3, mode="edge", anti_aliasing=False)


def psf_kernel(psf):
    """A normalized 2D point-spread function, integrated over each pixel (5 x 5 samples): ("gaussian", sigma along
    its long axis, sigma across, angle in degrees), ("airy", radius of the first dark ring) or ("disk", radius: a
    defocused lens's uniform disk)."""
    kind = psf[0]
    extent = {"gaussian": lambda: 4 * max(psf[1], psf[2]), "airy": lambda: 3.48 * psf[1],
              "disk": lambda: psf[1] + 1}[kind]()
    r = int(np.ceil(extent))
    sub = (np.arange(5) + 0.5) / 5 - 0.5
    y, x = np.meshgrid(np.arange(-r, r + 1), np.arange(-r, r + 1), indexing="ij")
    yy = (y[:, :, None, None] + sub[None, None, :, None]).reshape(2 * r + 1, 2 * r + 1, -1)
    xx = (x[:, :, None, None] + sub[None, None, None, :]).reshape(2 * r + 1, 2 * r + 1, -1)
    if kind == "gaussian":
        a = np.deg2rad(psf[3])
        # counterclockwise as the image is shown (rows grow downwards)
        u, v = xx * np.cos(a) - yy * np.sin(a), xx * np.sin(a) + yy * np.cos(a)
        values = np.exp(-0.5 * ((u / psf[1]) ** 2 + (v / psf[2]) ** 2))
    elif kind == "airy":
        from scipy.special import j1
        v = np.hypot(xx, yy) * 3.8317059702075125 / psf[1]
        with np.errstate(invalid="ignore", divide="ignore"):
            values = np.where(v < 1e-8, 1.0, (2 * j1(v) / v) ** 2)
        values[v > 13.323691936314223] = 0
    else:
        values = (np.hypot(xx, yy) <= psf[1]).astype(float)
    kernel = values.mean(axis=2)
    return kernel / kernel.sum()


def reduce(truth, scale, case, rng):
    h, w = truth.shape
    truth = ndimage.gaussian_filter(truth, case.get("blur", 0), mode="nearest")
    if "psf" in case:
        truth = ndimage.convolve(truth, psf_kernel(case["psf"]), mode="mirror")
    if case["reduction"] == "area":
        small = truth.reshape(h // scale, scale, w // scale, scale).mean(axis=(1, 3))
    elif case["reduction"] == "bicubic":
        small = np.asarray(Image.fromarray(truth.astype(np.float32), mode="F").resize(
            (w // scale, h // scale), Image.BICUBIC), dtype=np.float64)
    elif case["reduction"] == "point":
        # The value at each output pixel's centre, which for an even factor lies between four input pixels: their
        # mean (for x2 the same as binning); sampling one of them would shift the image by half a pixel.
        c = scale // 2
        small = (truth[c - 1::scale, c - 1::scale] + truth[c::scale, c - 1::scale] + truth[c - 1::scale, c::scale]
                 + truth[c::scale, c::scale]) / 4
    else:
        blurred = ndimage.gaussian_filter(truth, (scale - 1) / 2, mode="nearest")
        small = resize(blurred, (h // scale, w // scale), order=1, mode="edge", anti_aliasing=False)
    low, high = truth.min(), truth.max()
    if "photons" in case:
        # Photon noise of a camera whose brightest pixel expects that many photons, read noise of 1 photon, back in
        # the truth's units.
        gain = case["photons"] / (high - low)
        counts = rng.poisson(np.clip(small - low, 0, None) * gain) + rng.normal(0, 1.0, small.shape)
        small = counts / gain + low
    sigma = case["noise"] / 100 * (high - low)
    small = small + rng.normal(0, sigma, small.shape) if sigma > 0 else small
    if "jpeg" in case:
        # Saved as an 8-bit JPEG file of that quality (the truth's range mapped to 0-255), opened again.
        grey = np.clip(np.round((small - low) / (high - low) * 255), 0, 255).astype(np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(grey).save(buffer, format="JPEG", quality=case["jpeg"])
        small = np.asarray(Image.open(buffer), dtype=np.float64) / 255 * (high - low) + low
    return small


CASES = [{"label": "area, clean", "reduction": "area", "noise": 0},
         {"label": "Gaussian anti-aliasing, clean", "reduction": "gaussian", "noise": 0},
         {"label": "area, noise 1 % of range", "reduction": "area", "noise": 1},
         {"label": "area, noise 3 % of range", "reduction": "area", "noise": 3}]
MORE_CASES = [{"label": "area, noise 0.3 % of range", "reduction": "area", "noise": 0.3},
              {"label": "area, noise 6 % of range", "reduction": "area", "noise": 6},
              {"label": "blur sigma 1, area, clean", "reduction": "area", "blur": 1, "noise": 0},
              {"label": "blur sigma 2, area, noise 1 %", "reduction": "area", "blur": 2, "noise": 1},
              {"label": "bicubic with anti-aliasing (Pillow), clean", "reduction": "bicubic", "noise": 0},
              {"label": "bicubic with anti-aliasing (Pillow), noise 1 %", "reduction": "bicubic", "noise": 1},
              {"label": "blur sigma 1.5, point sampling, clean", "reduction": "point", "blur": 1.5, "noise": 0},
              {"label": "blur sigma 1, point sampling, noise 2 %", "reduction": "point", "blur": 1, "noise": 2}]
# Optics the pipeline's Gaussian blurs do not name: stronger blur, blur along one direction (motion, astigmatism,
# a line-scanning detector), a diffraction-limited microscope's Airy pattern and a defocused lens's disk, each
# before binning (sizes in the truth's pixels).
OPTICS_CASES = [{"label": "blur sigma 2, area, clean", "reduction": "area", "blur": 2, "noise": 0},
                {"label": "blur sigma 3, area, clean", "reduction": "area", "blur": 3, "noise": 0},
                {"label": "blur 2 x 0.5 px at 30 degrees, area, clean", "reduction": "area",
                 "psf": ("gaussian", 2, 0.5, 30), "noise": 0},
                {"label": "blur 1.5 x 0.3 px down columns, area, noise 1 %", "reduction": "area",
                 "psf": ("gaussian", 1.5, 0.3, 90), "noise": 1},
                {"label": "Airy pattern, first ring at 2.5 px, area, clean", "reduction": "area",
                 "psf": ("airy", 2.5), "noise": 0},
                {"label": "Airy pattern, first ring at 4 px, area, noise 1 %", "reduction": "area",
                 "psf": ("airy", 4), "noise": 1},
                {"label": "defocus disk of radius 2 px, area, clean", "reduction": "area", "psf": ("disk", 2),
                 "noise": 0},
                {"label": "defocus disk of radius 4 px, area, noise 1 %", "reduction": "area", "psf": ("disk", 4),
                 "noise": 1}]
# What a camera or a file adds after the optics: JPEG compression (8-bit files of quality 90 and 75, clean or noisy)
# and photon noise (Poisson, low light).
SENSOR_CASES = [{"label": "area, JPEG quality 90", "reduction": "area", "noise": 0, "jpeg": 90},
                {"label": "area, JPEG quality 75", "reduction": "area", "noise": 0, "jpeg": 75},
                {"label": "area, noise 1 %, JPEG quality 85", "reduction": "area", "noise": 1, "jpeg": 85},
                {"label": "area, Poisson, peak 1000 photons", "reduction": "area", "noise": 0, "photons": 1000},
                {"label": "area, Poisson, peak 200 photons", "reduction": "area", "noise": 0, "photons": 200},
                {"label": "area, Poisson, peak 50 photons", "reduction": "area", "noise": 0, "photons": 50}]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+")
    parser.add_argument("--scale", type=int, default=2, choices=[2, 4])
    parser.add_argument("--out", default=str(ROOT / "target" / "sr-benchmark"))
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--markdown")
    parser.add_argument("--figure")
    parser.add_argument("--figure-image", default="camera")
    parser.add_argument("--figure-case", type=int)
    parser.add_argument("--cases", default="table", choices=["table", "more", "optics", "sensors"],
                        help="the table's four reductions, more reductions and strengths outside them, or optics "
                             "outside them (blur along one direction, Airy pattern, defocus disk), or what a camera or file "
                             "adds (JPEG compression, photon noise)")
    args = parser.parse_args()
    scale = args.scale
    cases = {"table": CASES, "optics": OPTICS_CASES, "sensors": SENSOR_CASES,
             "more": [c for c in MORE_CASES if c["reduction"] != "point" or scale > 2]}[args.cases]
    work = pathlib.Path(args.out) / f"x{scale}"
    images = []
    for name, image, _ in test_images(args.size):
        h, w = (s - s % (2 * scale) for s in image.shape)
        images.append((name, image[:h, :w]))
    lines = ["| x" + str(scale) + " input | images | bicubic | spline | " + " | ".join(
        f"{m} | gain over bicubic (mean, worst) | gain over best interpolation (mean, worst)" for m in args.models)
             + " |", "|---|---|---|---|" + "---|---|---|" * len(args.models)]
    for ci, case in enumerate(cases):
        rng = np.random.default_rng(2000 + ci + {"table": 0, "more": 100, "optics": 200, "sensors": 300}[args.cases])
        folder = work / (f"case-{ci}" if cases is CASES else f"{args.cases}-{ci}")
        (folder / "input").mkdir(parents=True, exist_ok=True)
        rows = []
        for name, truth in images:
            small = reduce(truth, scale, case, rng)
            save_tiff(small, folder / "input" / f"{name}.tif")
            rows.append((name, truth, psnr(truth, keys_bicubic(small, scale)), psnr(truth, spline(small, scale))))
        bicubic = np.array([r[2] for r in rows])
        best = np.maximum(bicubic, np.array([r[3] for r in rows]))
        cells = [case["label"], str(len(rows)), f"{bicubic.mean():.2f}", f"{np.mean([r[3] for r in rows]):.2f}"]
        per_model = {}
        for model in args.models:
            out = run_model("sr", model, folder / "input")
            scores = np.array([psnr(t, read_tiff(out / f"{n}.tif")) for n, t, _, _ in rows])
            per_model[model] = scores
            cells.append(f"{scores.mean():.2f}")
            for reference in (bicubic, best):
                mean, worst, where = gains(scores, reference, [r[0] for r in rows])
                cells.append(f"{mean:+.2f}, {worst:+.2f} ({where})")
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
        if args.figure and (ci == args.figure_case if args.figure_case is not None
                            else case["noise"] == 1 and cases is CASES):
            name, truth = next((n, t) for n, t in images if n == args.figure_image)
            small = read_tiff(folder / "input" / f"{name}.tif")
            model = read_tiff(folder / model_name(args.models[0]) / f"{name}.tif")
            side = min(128, truth.shape[0])
            save_panels(args.figure, [small, keys_bicubic(small, scale), model, truth],
                        [f"input (x{scale} smaller)", "bicubic", model_name(args.models[0]), "truth"],
                        ((truth.shape[0] - side) // 2, (truth.shape[1] - side) // 2, side))
        for i, (name, _, b, s) in enumerate(rows):
            print(f"    {name:24s} bicubic {b:6.2f} spline {s:6.2f}  " + "  ".join(
                f"{model_name(m)} {per_model[m][i]:6.2f}" for m in args.models), file=sys.stderr)
    lines += own_resolution_table(images, cases, scale, work, args.models, args.cases)
    finish_table(lines, args.markdown)


def own_resolution_table(images, cases, scale, work, models, kind):
    """Lines of a second table for the test images that are pixel-repetition enlargements (own_resolution): each
    measured again, in every case, at the resolution of its data, as gains of each model over bicubic. Empty when
    there is none."""
    own = []
    for name, image in images:
        data, factor = own_resolution(image)
        h, w = (s - s % (2 * scale) for s in data.shape)
        if factor > 1 and min(h, w) >= 8 * scale:
            own.append((name, factor, data[:h, :w]))
    if not own:
        return []
    lines = ["", "Test images enlarged by pixel repetition, measured again at the resolution of their data "
             "(gain over bicubic; the table above measures them as they are):", "",
             "| x" + str(scale) + " input | image (repetition, data size) | bicubic | "
             + " | ".join(f"{m} gain" for m in models) + " |", "|---|---|---|" + "---|" * len(models)]
    for ci, case in enumerate(cases):
        rng = np.random.default_rng(3000 + ci + {"optics": 200, "sensors": 300}.get(kind, 0))
        folder = work / (f"own-{ci}" if cases is CASES else f"own-{kind}-{ci}")
        (folder / "input").mkdir(parents=True, exist_ok=True)
        bicubic = {}
        for name, _, truth in own:
            small = reduce(truth, scale, case, rng)
            save_tiff(small, folder / "input" / f"{name}.tif")
            bicubic[name] = psnr(truth, keys_bicubic(small, scale))
        outputs = [run_model("sr", m, folder / "input") for m in models]
        for name, factor, truth in own:
            gains_here = [psnr(truth, read_tiff(out / f"{name}.tif")) - bicubic[name] for out in outputs]
            lines.append(f"| {case['label']} | {name} ({factor} x {factor}, {truth.shape[1]} x {truth.shape[0]}) | "
                         f"{bicubic[name]:.2f} | " + " | ".join(f"{g:+.2f}" for g in gains_here) + " |")
            print(lines[-1], flush=True)
    return lines


if __name__ == "__main__":
    main()
