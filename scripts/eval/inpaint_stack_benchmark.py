#!/usr/bin/python3
"""Inpainting of stacks: one fit for the whole stack (Inpaint's default) against fitting each plane alone.

  scripts/eval/inpaint_stack_benchmark.py [MODEL] [--out DIR] [--holes boxes|strokes] [--images NAME ...]

Each stack is the four quadrants of a test image's 512 x 512 centre (four planes of 256 x 256 that look alike, as the
planes of a z-stack or a time series do), each plane with its own holes (boxes of 20-60 pixels or strokes, 8 %).
Runs through the project's command line, timed (one JVM per run; run nothing else beside it):
  - stack: the stacks as they are (Inpaint's default: one fit for the stack);
  - planes alone: every plane saved as an image of its own (one fit per plane, the steps of one plane each);
  - stack, ADAPT steps: the stacks with --adapt 15 (the steps of one plane for the whole stack) and --adapt 0.
Gains in dB PSNR inside the holes over scikit-image's biharmonic fill, per plane: mean and worst plane.
"""
import argparse
import pathlib
import subprocess
import sys
import time

import numpy as np
from PIL import Image
from skimage.restoration import inpaint_biharmonic

from inpaint_benchmark import boxes, hole_psnr, strokes
from test_images import ROOT, read_tiff, test_images

IMAGES = ["brick", "camera", "coffee", "astronaut"]


def save_pages(pages, path):
    images = [Image.fromarray(p) for p in pages]
    images[0].save(path, save_all=True, append_images=images[1:])


def read_pages(path):
    stack = Image.open(path)
    pages = []
    for i in range(stack.n_frames):
        stack.seek(i)
        pages.append(np.asarray(stack, dtype=np.float64))
    return pages


def inpaint(model, inputs, masks, out, *options):
    start = time.time()
    subprocess.run([str(ROOT / "scripts" / "imagej-gan"), "inpaint", "--model", model, "--mask", str(masks),
                    "--overwrite", "--out", str(out), *options, str(inputs)], check=True, stdout=subprocess.DEVNULL)
    return time.time() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", nargs="?", default=str(ROOT / "models" / "inpaint-general.zip"))
    parser.add_argument("--out", default=str(ROOT / "target" / "inpaint-stack-benchmark"))
    parser.add_argument("--holes", choices=["boxes", "strokes"], default="boxes")
    parser.add_argument("--images", nargs="+", default=IMAGES)
    args = parser.parse_args()
    work = pathlib.Path(args.out) / args.holes
    draw = boxes if args.holes == "boxes" else strokes
    rng = np.random.default_rng(11)
    for folder in ["stack/input", "stack/mask", "planes/input", "planes/mask"]:
        (work / folder).mkdir(parents=True, exist_ok=True)
    cases = {}
    for name, image, _ in test_images(512):
        if name not in args.images:
            continue
        h, w = image.shape
        quadrants = [image[y:y + h // 2, x:x + w // 2] for y in (0, h // 2) for x in (0, w // 2)]
        masks = [draw(q.shape, rng) for q in quadrants]
        holed = [np.where(m, 0, q).astype(np.float32) for q, m in zip(quadrants, masks)]
        save_pages(holed, work / "stack" / "input" / f"{name}.tif")
        save_pages([(m * 255).astype(np.uint8) for m in masks], work / "stack" / "mask" / f"{name}.tif")
        for i, (x, m) in enumerate(zip(holed, masks)):
            Image.fromarray(x).save(work / "planes" / "input" / f"{name}-{i}.tif")
            Image.fromarray((m * 255).astype(np.uint8)).save(work / "planes" / "mask" / f"{name}-{i}.tif")
        biharmonic = [hole_psnr(q, inpaint_biharmonic(x, m), m) for q, x, m in zip(quadrants, holed, masks)]
        cases[name] = (quadrants, masks, biharmonic)
    runs = [("stack (default)", "stack", []), ("planes alone", "planes", []),
            ("stack, --adapt 15", "stack", ["--adapt", "15"]), ("stack, --adapt 0", "stack", ["--adapt", "0"])]
    lines = ["| run | planes | time (s) | gain (mean) | gain (worst plane) |", "|---|---|---|---|---|"]
    for label, kind, options in runs:
        out = work / f"{kind}-out{''.join(options)}"
        seconds = inpaint(args.model, work / kind / "input", work / kind / "mask", out, *options)
        gains = []
        for name, (quadrants, masks, biharmonic) in cases.items():
            results = (read_pages(out / f"{name}.tif") if kind == "stack"
                       else [read_tiff(out / f"{name}-{i}.tif") for i in range(len(quadrants))])
            gains += [hole_psnr(q, r, m) - b for q, r, m, b in zip(quadrants, results, masks, biharmonic)]
        gains = np.array(gains)
        lines.append(f"| {label} | {len(gains)} | {seconds:.0f} | {gains.mean():+.2f} | {gains.min():+.2f} |")
        print(lines[-1], flush=True)
        print("    per plane: " + " ".join(f"{g:+.2f}" for g in gains), file=sys.stderr)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
