"""Shared pieces of the real-image benchmarks: the test images, PSNR, TIFF writing and running the command line.

Test images are the ones the models may never be trained on: scikit-image's bundled images, SciPy's sample images
and pydicom's test files (Debian: python3-skimage, python3-scipy, python3-pydicom).
"""
import pathlib
import subprocess
import sys

import numpy as np
from PIL import Image
import skimage
import skimage.data

ROOT = pathlib.Path(__file__).resolve().parents[2]


def grey(rgb):
    rgb = np.asarray(rgb, dtype=np.float64)
    return rgb if rgb.ndim == 2 else rgb[..., :3] @ np.array([0.299, 0.587, 0.114])


def centre(image, size):
    h, w = image.shape
    y0, x0 = max(0, (h - size) // 2), max(0, (w - size) // 2)
    return image[y0:y0 + size, x0:x0 + size]


def test_images(size):
    """(name, image, kind) with kind 'photo' (any noise) or 'medical' (Gaussian noise only)."""
    names = ["camera", "astronaut", "coins", "moon", "cell", "brick", "grass", "gravel", "hubble_deep_field",
             "immunohistochemistry", "retina", "microaneurysms", "chelsea", "coffee", "rocket", "page", "text",
             "human_mitosis", "horse", "skin"]
    images = []
    for name in names:
        loader = getattr(skimage.data, name, None)
        if loader is None:
            continue
        try:
            images.append((name, centre(grey(loader()), size), "photo"))
        except Exception as e:  # a data file the package does not carry
            print(f"skipped skimage {name}: {e}", file=sys.stderr)
    try:
        from scipy import datasets as sd
        images += [("scipy-ascent", centre(grey(sd.ascent()), size), "photo"),
                   ("scipy-face", centre(grey(sd.face()), size), "photo")]
    except Exception:
        try:
            from scipy import misc
            images += [("scipy-ascent", centre(grey(misc.ascent()), size), "photo"),
                       ("scipy-face", centre(grey(misc.face()), size), "photo")]
        except Exception as e:
            print(f"skipped SciPy samples: {e}", file=sys.stderr)
    try:
        import pydicom
        from pydicom.data import get_testdata_file
        for f in ["CT_small.dcm", "MR_small.dcm", "MR2_J2KI.dcm", "emri_small.dcm", "693_J2KI.dcm"]:
            try:
                ds = pydicom.dcmread(get_testdata_file(f))
                a = ds.pixel_array.astype(np.float64)
                a = a[0] if a.ndim == 3 else a
                images.append(("pydicom-" + f.replace(".dcm", ""), centre(a, size), "medical"))
            except Exception as e:
                print(f"skipped pydicom {f}: {e}", file=sys.stderr)
    except ImportError:
        print("pydicom missing: no CT/MR rows", file=sys.stderr)
    return [(n, i, k) for n, i, k in images if min(i.shape) >= 64 and i.max() > i.min()]


def synthetic_volumes(folder, count, seed, size, *optics):
    """Writes COUNT clean synthetic volumes (synth.SyntheticVolumes: SIZE as WxHxD, seeds SEED and up, OPTICS the
    optional z step, axial PSF sigma and kind) into FOLDER, building the classes first."""
    subprocess.run([str(ROOT / "scripts" / "imagej-gan"), "--help"], check=True, stdout=subprocess.DEVNULL)
    classpath = (ROOT / "target" / "cli-classpath.txt").read_text().strip()
    subprocess.run(["java", "-Djava.awt.headless=true", "-cp", f"{ROOT / 'target' / 'classes'}:{classpath}",
                    "io.github.imagejgan.synth.SyntheticVolumes", str(folder), str(count), str(seed), size,
                    *[str(o) for o in optics]], check=True)


def own_resolution(image):
    """IMAGE at the resolution its data has, where it is an enlargement by pixel repetition (every aligned 2 x 2 or
    4 x 4 block of one value, as scikit-image's moon is: a 256 x 256 picture stored at 512 x 512), with the factor;
    else IMAGE and 1. For such an image the truth of a x2 benchmark is blocks that no interpolation of a band-limited
    image draws, so that a method is also measured on the data underneath."""
    for factor in (4, 2):
        for dy in range(factor):
            for dx in range(factor):
                h = (image.shape[0] - dy) // factor * factor
                w = (image.shape[1] - dx) // factor * factor
                if h < 2 * factor or w < 2 * factor:
                    continue
                blocks = image[dy:dy + h, dx:dx + w].reshape(h // factor, factor, w // factor, factor)
                if len(np.unique(blocks)) > 2 and np.all(blocks == blocks[:, :1, :, :1]):
                    return blocks[:, 0, :, 0], factor
    return image, 1


def psnr(truth, x):
    rng = truth.max() - truth.min()
    return 10 * np.log10(rng * rng / np.mean((truth - x) ** 2))


def save_tiff(values, path):
    Image.fromarray(values.astype(np.float32), mode="F").save(path, format="TIFF")


def model_name(model):
    """A model's name as tables, figures and result folders show it: its file name without .zip, and for
    MODEL.zip@N (run with --ensemble N) "-ensembleN" after it, for MODEL.zip%S (super-resolution with --strength S)
    "-strengthS"."""
    if "%" in model:
        file, strength = model.rsplit("%", 1)
        return model_name(file) + "-strength" + strength
    if "@" in model:
        file, passes = model.rsplit("@", 1)
        return pathlib.Path(file).stem + "-ensemble" + passes
    return pathlib.Path(model).stem


def run_model(command, model, folder, *options):
    """Runs scripts/imagej-gan COMMAND with MODEL on every image of FOLDER; returns the folder of its 32-bit float
    results, FOLDER/../<model name>. MODEL.zip@N runs MODEL.zip with --ensemble N (the mean over N flips),
    MODEL.zip%S with --strength S (super-resolution: auto, or the share of the network's correction over bicubic)."""
    out = folder.parent / model_name(model)
    cli = ROOT / "scripts" / "imagej-gan"
    if "%" in model:
        model, strength = model.rsplit("%", 1)
        options = ("--strength", strength, *options)
    if "@" in model:
        model, passes = model.rsplit("@", 1)
        options = ("--ensemble", passes, *options)
    subprocess.run([str(cli), command, "--model", model, "--output-type", "float", "--overwrite", "--out", str(out),
                    *options, str(folder)], check=True, stdout=subprocess.DEVNULL)
    return out


def gains(scores, reference, names):
    """Mean gain of SCORES over REFERENCE (per image, dB), the worst gain and the image it was on."""
    g = np.asarray(scores) - np.asarray(reference)
    worst = int(np.argmin(g))
    return g.mean(), g[worst], names[worst]


def read_tiff(path):
    return np.asarray(Image.open(path), dtype=np.float64)


def save_panels(path, panels, labels, crop=None):
    """Side-by-side 8-bit PNG of images that share one display range (the first panel's 0.5-99.5 percentiles, or
    the last one's where the first is smaller), each labelled above; crop = (y0, x0, size) in the largest image's
    pixels, smaller panels are enlarged by pixel repetition to match."""
    from PIL import ImageDraw
    size = max(p.shape[0] for p in panels)
    shown = [np.kron(p, np.ones((size // p.shape[0], size // p.shape[0]))) for p in panels]
    if crop:
        y0, x0, side = crop
        shown = [p[y0:y0 + side, x0:x0 + side] for p in shown]
    low, high = np.percentile(shown[-1], [0.5, 99.5])
    gap, top = 4, 16
    h, w = shown[0].shape
    canvas = Image.new("L", (len(shown) * (w + gap) - gap, h + top), 255)
    draw = ImageDraw.Draw(canvas)
    for i, (p, label) in enumerate(zip(shown, labels)):
        scaled = np.clip((p - low) / max(high - low, 1e-9) * 255, 0, 255).astype(np.uint8)
        canvas.paste(Image.fromarray(scaled), (i * (w + gap), top))
        draw.text((i * (w + gap) + 2, 2), label, fill=0)
    canvas.save(path)


def finish_table(lines, markdown):
    """Prints the Markdown table and writes it to the file MARKDOWN when one is given."""
    table = "\n".join(lines)
    print(table)
    if markdown:
        pathlib.Path(markdown).write_text(table + "\n")
