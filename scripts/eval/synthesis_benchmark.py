#!/usr/bin/python3
"""Label-to-image synthesis on held-apart phantom scenes: SPADE against a pix2pix U-Net trained on the same pairs.

  scripts/eval/synthesis_benchmark.py [--steps 2000] [--train-count 200] [--test-count 32] [--size 128]
                                      [--network FILE | --download-weights] [--input-size 299] [--out DIR]
                                      [--markdown FILE]
                                      [--spade MODEL.zip] [--pix2pix MODEL.zip|none] [-- TRAIN OPTIONS...]

Training pairs are nuclei phantoms of seed 41 (as scripts/train-synthesis.sh makes them): labels/ with 16-bit instance
ids, images/ with the scene through the PSF, defocus haze and Poisson-Gaussian noise. The test scenes come from seed
4242, which no training uses. Both networks train for the same steps, patch and batch (everything after `--` goes to
both trainings):
  - SPADE: `imagej-gan train --task synthesis --labels ... --images ... --instances` (hinge loss, feature matching,
    style noise);
  - pix2pix: `imagej-gan train --task denoise --input ... --target ... --gan` (U-Net, L1 x 100 plus a PatchGAN), the
    command line's paired translation. Its input cannot be raw instance ids (their numbering is arbitrary and the
    denoiser normalizes them as grey values), so it gets what SPADE's label map holds in one channel: 1 inside
    objects, 0 on background and on the boundaries between touching objects.
Given --spade or --pix2pix, that model is evaluated as it is instead of being trained.

Scores on the test scenes:
  - FID and KID (the project's distribution metrics, `imagej-gan evaluate --real --generated`, Xception features) of
    each model's images against the real renderings of the same scenes; SPADE's first sample per scene;
  - faithfulness: Otsu's threshold of each synthesized image against the input foreground (labels > 0), IoU, mean over
    scenes (SPADE: over its 8 samples too); the real renderings' IoU is the reference the data allows;
  - diversity: the per-pixel standard deviation across SPADE's 8 samples inside objects, in grey values and as a share
    of the real images' object-to-background contrast (pix2pix gives one image per label map: 0);
  - two plain statistics to set beside the real renderings' (not a distribution distance, which needs FID's
    network): how much the objects' mean brightness varies, and the fine grain (noise), each over the
    object-to-background contrast (SPADE's first sample).
FID and KID need the feature network's weights (ImageNet, --download-weights, or --network FILE); without them the
table says so and the other scores are still computed.
"""
import argparse
import csv
import pathlib
import subprocess
import sys

import numpy as np
from PIL import Image
from scipy import ndimage
from skimage.filters import threshold_otsu

from test_images import ROOT, finish_table, read_tiff, save_panels, save_tiff

TRAIN_SEED = 41
TEST_SEED = 4242
SAMPLES = 8
DEGRADATION = "defocus:sigma=1,haze=0.2,hazeSigma=8+poisson-gaussian:readNoise=2,photonsPerUnit=1"
CLI = str(ROOT / "scripts" / "imagej-gan")


def labelled_dataset(folder, count, seed, size):
    """Writes nuclei label/image pairs with synth.LabelledDataset, once."""
    if (folder / "labels").is_dir():
        return
    subprocess.run([CLI, "--help"], check=True, stdout=subprocess.DEVNULL)  # builds classes and class path
    class_path = f"{ROOT / 'target' / 'classes'}:{(ROOT / 'target' / 'cli-classpath.txt').read_text().strip()}"
    subprocess.run(["java", "-Djava.awt.headless=true", "-cp", class_path, "io.github.imagejgan.synth.LabelledDataset",
                    str(folder), "nuclei", DEGRADATION, str(count), str(seed), str(size)], check=True,
                   stdout=subprocess.DEVNULL)


def solid_objects(labels):
    """1 inside objects, 0 on background and where an id differs from one of its four neighbours."""
    padded = np.pad(labels, 1, mode="edge")
    centre = padded[1:-1, 1:-1]
    boundary = ((centre != padded[:-2, 1:-1]) | (centre != padded[2:, 1:-1]) | (centre != padded[1:-1, :-2])
                | (centre != padded[1:-1, 2:]))
    return ((labels > 0) & ~boundary).astype(np.float32)


def pix2pix_inputs(labels_folder, out):
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(labels_folder.glob("*.tif")):
        save_tiff(solid_objects(read_tiff(f)), out / f.name)
    return out


def train(model, options):
    if model.exists():
        return
    subprocess.run([CLI, "train", "--out", str(model), "--work", str(model.parent / (model.stem + "-work")),
                    "--device", "cpu", *options], check=True, stdout=subprocess.DEVNULL)


def read_stack(path):
    image = Image.open(path)
    planes = []
    for i in range(getattr(image, "n_frames", 1)):
        image.seek(i)
        planes.append(np.asarray(image, dtype=np.float64))
    return np.stack(planes)


def distribution_scores(real, generated, network_options):
    """(FID, KID) of GENERATED against REAL, or the reason they could not be computed."""
    table = generated.parent / (generated.name + "-distribution.csv")
    result = subprocess.run([CLI, "evaluate", "--real", str(real), "--generated", str(generated), "--fid", "--kid",
                             "--csv", str(table), *network_options], capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        return None, lines[-1] if lines else f"exit {result.returncode}"
    with open(table, newline="") as f:
        values = {row["metric"]: float(row["value"]) for row in csv.DictReader(f)}
    return (values["FID"], values["KID"]), None


def otsu_iou(image, foreground):
    mask = image > threshold_otsu(image)
    return np.logical_and(mask, foreground).sum() / max(np.logical_or(mask, foreground).sum(), 1)


def contrast(image, foreground):
    return image[foreground].mean() - image[~foreground].mean()


def object_spread(image, labels):
    """How much the objects' brightness varies: the standard deviation of the objects' mean values over the
    object-to-background contrast (scale-free, so that pix2pix's 0..1 output compares as it is)."""
    ids = np.unique(labels[labels > 0])
    means = np.asarray(ndimage.mean(image, labels, ids))
    return means.std() / max(contrast(image, labels > 0), 1e-9)


def grain(image, labels):
    """Fine grain (noise) over the contrast: the robust standard deviation of each pixel's difference to the mean of
    its four neighbours, scaled to a pixel's own noise for white noise."""
    residual = image[1:-1, 1:-1] - 0.25 * (image[:-2, 1:-1] + image[2:, 1:-1] + image[1:-1, :-2] + image[1:-1, 2:])
    sigma = 1.4826 * np.median(np.abs(residual - np.median(residual))) / np.sqrt(1.25)
    return sigma / max(contrast(image, labels > 0), 1e-9)


def matched(image, reference):
    """IMAGE mapped linearly so that its 0.5 and 99.5 percentiles are REFERENCE's, for panels of one display range:
    the pix2pix U-Net, trained as a denoiser, returns values in its input's units (0..1), not in grey values."""
    low, high = np.percentile(image, [0.5, 99.5])
    ref_low, ref_high = np.percentile(reference, [0.5, 99.5])
    return ref_low + (image - low) * (ref_high - ref_low) / max(high - low, 1e-9)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--train-count", type=int, default=200)
    parser.add_argument("--test-count", type=int, default=32)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--network", help="Deeplearning4j feature network file for FID/KID")
    parser.add_argument("--download-weights", action="store_true")
    parser.add_argument("--input-size", type=int, help="feature network input size (default: Xception's 299)")
    parser.add_argument("--spade")
    parser.add_argument("--pix2pix", help="a pix2pix model to evaluate as it is, or 'none' to leave it out")
    parser.add_argument("--out", default=str(ROOT / "target" / "synthesis-benchmark"))
    parser.add_argument("--markdown")
    argv = sys.argv[1:]
    train_options = argv[argv.index("--") + 1:] if "--" in argv else ["--patch", "64", "--batch", "4"]
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    work = pathlib.Path(args.out)
    training = work / f"train-{args.train_count}-{args.size}"
    test = work / f"test-{args.test_count}-{args.size}"
    labelled_dataset(training, args.train_count, TRAIN_SEED, args.size)
    labelled_dataset(test, args.test_count, TEST_SEED, args.size)

    common = ["--steps", str(args.steps), "--seed", "5", *train_options]
    spade = pathlib.Path(args.spade) if args.spade else work / f"spade-{args.steps}.zip"
    with_pix2pix = args.pix2pix != "none"
    pix2pix = pathlib.Path(args.pix2pix) if args.pix2pix else work / f"pix2pix-{args.steps}.zip"
    if not args.spade:
        train(spade, ["--task", "synthesis", "--labels", str(training / "labels"), "--images",
                      str(training / "images"), "--instances", *common])
    if with_pix2pix and not args.pix2pix:
        train(pix2pix, ["--task", "denoise", "--input", str(pix2pix_inputs(training / "labels", training / "solid")),
                        "--target", str(training / "images"), "--gan", *common])

    results = work / "results"
    subprocess.run([CLI, "synthesize", "--model", str(spade), "--samples", str(SAMPLES), "--seed", "1",
                    "--overwrite", "--device", "cpu", "--out", str(results / "spade-stacks"), str(test / "labels")],
                   check=True, stdout=subprocess.DEVNULL)
    if with_pix2pix:
        subprocess.run([CLI, "denoise", "--model", str(pix2pix), "--output-type", "float", "--overwrite", "--device",
                        "cpu", "--out", str(results / "pix2pix"), str(pix2pix_inputs(test / "labels", test / "solid"))],
                       check=True, stdout=subprocess.DEVNULL)
    first_samples = results / "spade"
    first_samples.mkdir(parents=True, exist_ok=True)

    iou = {"real": [], "pix2pix": [], "SPADE": []}
    spreads = {"real": [], "pix2pix": [], "SPADE": []}
    grains = {"real": [], "pix2pix": [], "SPADE": []}
    spread, spread_share = [], []
    names = sorted(f.name for f in (test / "labels").glob("*.tif"))
    for name in names:
        labels = read_tiff(test / "labels" / name)
        foreground = labels > 0
        real = read_tiff(test / "images" / name)
        samples = read_stack(results / "spade-stacks" / name)
        save_tiff(samples[0], first_samples / name)
        iou["real"].append(otsu_iou(real, foreground))
        if with_pix2pix:
            iou["pix2pix"].append(otsu_iou(read_tiff(results / "pix2pix" / name), foreground))
        iou["SPADE"].append(np.mean([otsu_iou(s, foreground) for s in samples]))
        shown = {"real": real, "SPADE": samples[0]}
        if with_pix2pix:
            shown["pix2pix"] = read_tiff(results / "pix2pix" / name)
        for key, image in shown.items():
            spreads[key].append(object_spread(image, labels.astype(int)))
            grains[key].append(grain(image, labels.astype(int)))
        inside = ndimage.binary_erosion(foreground, iterations=1)
        std = samples.std(axis=0)[inside].mean()
        spread.append(std)
        spread_share.append(std / max(contrast(real, foreground), 1e-9))

    network = ["--network", args.network] if args.network else ["--download-weights"] if args.download_weights \
        else []
    if args.input_size:
        network += ["--input-size", str(args.input_size)]
    lines = [f"Held-apart scenes: {len(names)} of {args.size} x {args.size} (seed {TEST_SEED}); training: "
             f"{args.train_count} scenes (seed {TRAIN_SEED}), {args.steps} steps each, options {' '.join(common)}", "",
             "| model | FID | KID | Otsu IoU with the input foreground | per-pixel std inside objects (8 samples) "
             "| spread of object brightness / contrast | fine grain / contrast |",
             "|---|---|---|---|---|---|---|",
             f"| real renderings (reference) | - | - | {np.mean(iou['real']):.3f} | - | {np.mean(spreads['real']):.3f} "
             f"| {np.mean(grains['real']):.3f} |"]
    compared = (("pix2pix U-Net", results / "pix2pix"),) if with_pix2pix else ()
    for label, folder in (*compared, ("SPADE", first_samples)):
        scores, reason = distribution_scores(test / "images", folder, network)
        fid, kid = (f"{scores[0]:.4g}", f"{scores[1]:.4g}") if scores else ("n/a", "n/a")
        key = "SPADE" if label == "SPADE" else "pix2pix"
        std = (f"{np.mean(spread):.2f} grey values ({100 * np.mean(spread_share):.1f} % of the contrast)"
               if key == "SPADE" else "0 (one image per label map)")
        lines.append(f"| {label} | {fid} | {kid} | {np.mean(iou[key]):.3f} (min {np.min(iou[key]):.3f}) | {std} "
                     f"| {np.mean(spreads[key]):.3f} | {np.mean(grains[key]):.3f} |")
        if reason:
            lines.append(f"\nFID/KID of {label} not computed: {reason}")
    finish_table(lines, args.markdown)

    first = names[0]
    real = read_tiff(test / "images" / first)
    shown_labels = np.where(read_tiff(test / "labels" / first) > 0, np.percentile(real, 99.5), np.percentile(real, 0.5))
    panels = [shown_labels, matched(read_tiff(first_samples / first), real), real]
    titles = ["labels", "SPADE", "real"]
    if with_pix2pix:
        panels.insert(1, matched(read_tiff(results / "pix2pix" / first), real))
        titles.insert(1, "pix2pix")
    save_panels(work / "synthesis-panels.png", panels, titles)
    print(f"Panels: {work / 'synthesis-panels.png'}")


if __name__ == "__main__":
    main()
