#!/usr/bin/python3
"""Real-image inpainting benchmark: models against biharmonic fill, PSNR inside the holes.

  scripts/eval/inpaint_benchmark.py MODEL [MODEL ...] [--out DIR] [--size 256] [--markdown FILE]
                                   [--figure PNG --figure-image NAME --figure-holes boxes|strokes]

Test images: scikit-image's, SciPy's and pydicom's (see test_images.py), centre crops of at most SIZE x SIZE pixels.
Holes cover about 8 % of each image:
  - boxes of 20 to 60 pixels a side;
  - strokes 2 to 12 pixels wide (thin to medium), as scratches, text or annotations leave them.
--holes more measures instead other holes: small boxes (5 to 15 pixels), ellipses, one-to-three-pixel line dropouts,
large boxes (a quarter to two fifths of the image's side, 15 % of it) and strokes over 20 % of the image.
The classical fill is scikit-image's biharmonic inpainting (smooth, exact at the hole's border). PSNR is computed over
the hole pixels only, with the truth's range. The table gives the mean gain of each model over the biharmonic fill
and the gain on the worst image.

--figure writes the holed input, biharmonic fill, the first model and the truth side by side (NAME, with the table's
boxes or strokes).

Models run through the project's command line (scripts/imagej-gan inpaint --mask DIR), as a user would run them.
"""
import argparse
import pathlib
import sys

import numpy as np
from skimage.draw import disk, ellipse
from skimage.restoration import inpaint_biharmonic

from test_images import ROOT, finish_table, gains, model_name, read_tiff, run_model, save_panels, save_tiff, test_images

COVERAGE = 0.08


def boxes(shape, rng, sides=(20, 60), coverage=COVERAGE):
    mask = np.zeros(shape, bool)
    while mask.mean() < coverage:
        bh, bw = rng.integers(sides[0], sides[1] + 1, 2)
        y, x = rng.integers(0, shape[0] - bh), rng.integers(0, shape[1] - bw)
        mask[y:y + bh, x:x + bw] = True
    return mask


def strokes(shape, rng, coverage=COVERAGE):
    mask = np.zeros(shape, bool)
    while mask.mean() < coverage:
        radius = rng.uniform(1, 6)
        y, x = rng.uniform(0, shape[0]), rng.uniform(0, shape[1])
        angle = rng.uniform(0, 2 * np.pi)
        for _ in range(rng.integers(2, 6)):
            angle += rng.uniform(-1, 1)
            for _ in range(int(rng.uniform(15, 60) / max(1, radius / 2))):
                y, x = y + max(1, radius / 2) * np.sin(angle), x + max(1, radius / 2) * np.cos(angle)
                rr, cc = disk((y, x), radius, shape=shape)
                mask[rr, cc] = True
    return mask


def large_boxes(shape, rng):
    """Boxes of a quarter to two fifths of the image's shorter side (64 to 102 pixels at 256), 15 % of the image: holes
    far larger than the network's training holes (at most a third of a 96-pixel patch)."""
    side = min(shape)
    return boxes(shape, rng, (side // 4, 2 * side // 5), 0.15)


def ellipses(shape, rng):
    mask = np.zeros(shape, bool)
    while mask.mean() < 0.10:
        r, c = rng.uniform(5, 25, 2)
        y, x = rng.uniform(0, shape[0]), rng.uniform(0, shape[1])
        rr, cc = ellipse(y, x, r, c, shape=shape, rotation=rng.uniform(0, np.pi))
        mask[rr, cc] = True
    return mask


def line_dropouts(shape, rng):
    """Whole rows or columns 1 to 3 pixels wide, as a scanner's or detector's dropouts leave them."""
    mask = np.zeros(shape, bool)
    while mask.mean() < 0.05:
        width = rng.integers(1, 4)
        at = rng.integers(0, min(shape) - width)  # within the narrower side, so that either orientation fits
        if rng.random() < 0.5:
            mask[at:at + width, :] = True
        else:
            mask[:, at:at + width] = True
    return mask


def hole_psnr(truth, result, mask):
    span = truth.max() - truth.min()
    return 10 * np.log10(span * span / np.mean((truth[mask] - result[mask]) ** 2))


CASES = [("boxes, 20-60 px, 8 %", boxes), ("strokes, 2-12 px wide, 8 %", strokes)]
MORE_CASES = [("small boxes, 5-15 px, 8 %", lambda shape, rng: boxes(shape, rng, (5, 15))),
              ("ellipses, radii 5-25 px, 10 %", ellipses), ("line dropouts, 1-3 px, 5 %", line_dropouts),
              ("large boxes, 1/4-2/5 of the side, 15 %", large_boxes),
              ("strokes, 2-12 px wide, 20 %", lambda shape, rng: strokes(shape, rng, 0.20))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+")
    parser.add_argument("--out", default=str(ROOT / "target" / "inpaint-benchmark"))
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--markdown")
    parser.add_argument("--figure")
    parser.add_argument("--figure-image", default="camera")
    parser.add_argument("--figure-holes", default="boxes", choices=["boxes", "strokes"])
    parser.add_argument("--holes", default="table", choices=["table", "more"],
                        help="the table's boxes and strokes, or other holes")
    args = parser.parse_args()
    cases = CASES if args.holes == "table" else MORE_CASES
    images = test_images(args.size)
    lines = ["| holes | images | biharmonic (PSNR in holes) | " + " | ".join(
        f"{m} | gain (mean) | gain (worst image)" for m in args.models) + " |",
             "|---|---|---|" + "---|---|---|" * len(args.models)]
    for ci, (label, draw) in enumerate(cases):
        rng = np.random.default_rng(3000 + ci)
        folder = pathlib.Path(args.out) / (f"case-{ci}" if cases is CASES else f"more-{ci}")
        (folder / "input").mkdir(parents=True, exist_ok=True)
        (folder / "mask").mkdir(parents=True, exist_ok=True)
        rows = []
        for name, truth, _ in images:
            mask = draw(truth.shape, rng)
            holed = np.where(mask, 0, truth)
            save_tiff(holed, folder / "input" / f"{name}.tif")
            save_tiff(mask.astype(np.float32) * 255, folder / "mask" / f"{name}.tif")
            classical = inpaint_biharmonic(holed, mask)
            rows.append((name, truth, mask, hole_psnr(truth, classical, mask)))
        classical = np.array([r[3] for r in rows])
        cells = [label, str(len(rows)), f"{classical.mean():.2f}"]
        per_model = {}
        for model in args.models:
            out = run_model("inpaint", model, folder / "input", "--mask", str(folder / "mask"))
            scores = np.array([hole_psnr(t, read_tiff(out / f"{n}.tif"), m) for n, t, m, _ in rows])
            per_model[model] = scores
            mean, worst, where = gains(scores, classical, [r[0] for r in rows])
            cells += [f"{scores.mean():.2f}", f"{mean:+.2f}", f"{worst:+.2f} ({where})"]
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
        if args.figure and cases is CASES and ci == ["boxes", "strokes"].index(args.figure_holes):
            name, truth, mask, _ = next(r for r in rows if r[0] == args.figure_image)
            holed = np.where(mask, truth.min(), truth)
            model = read_tiff(folder / model_name(args.models[0]) / f"{name}.tif")
            save_panels(args.figure, [holed, inpaint_biharmonic(np.where(mask, 0, truth), mask), model, truth],
                        ["input (holes)", "biharmonic", model_name(args.models[0]), "truth"])
        for i, (name, _, _, c) in enumerate(rows):
            print(f"    {name:24s} biharmonic {c:6.2f}  " + "  ".join(
                f"{model_name(m)} {per_model[m][i]:6.2f}" for m in args.models), file=sys.stderr)
    finish_table(lines, args.markdown)


if __name__ == "__main__":
    main()
