#!/usr/bin/python3
"""Clean training content for the shipped restoration models, at one common grey-value scale.

Usage:
  prepare_content.py photos OUT [--count N] [--crops C] [--size S] [--seed K]
                                                                     photos from Debian's wallpaper packages
  prepare_content.py rescale IN OUT                                  rescale TIFFs (e.g. the project's phantoms)
  prepare_content.py silhouettes IN OUT [--count N] [--seed K]       two-level images cut from IN's scenes
  prepare_content.py oversampled IN OUT [--count N] [--seed K]       blurred copies of IN's images (finer pixels)
  prepare_content.py noisy IN OUT [--seed K]                         IN's images with Poisson-Gaussian noise

Every image is written as a 32-bit float TIFF whose 1st percentile is 0 and whose 99.8th percentile is 1000, so
that one degradation specification (noise in grey values) means the same relative strength for every image; the
noise-level ranges of the training scripts are written for this scale.

Photos come from the wallpaper folders that Debian's wallpaper packages install (/usr/share/backgrounds,
/usr/share/wallpapers: gnome-backgrounds, plasma-workspace-wallpapers, mate-backgrounds, ukui-wallpapers and
lomiri-wallpapers-16.04/-20.04). They are training content only: they are never committed, and
no image that the evaluation uses (scikit-image's, SciPy's, pydicom's) is ever read here.
"""
import argparse
import pathlib
import random
import sys

import numpy as np
from PIL import Image

PHOTO_FOLDERS = ["/usr/share/backgrounds", "/usr/share/wallpapers"]
PACKAGES = "gnome-backgrounds plasma-workspace-wallpapers mate-backgrounds ukui-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04"
PHOTO_ENDINGS = {".jpg", ".jpeg", ".png", ".webp"}
SCALE = 1000.0


def to_common_scale(values):
    low, high = np.percentile(values, [1, 99.8])
    if high <= low:
        return None
    return ((values - low) * (SCALE / (high - low))).astype(np.float32)


def save(values, path):
    Image.fromarray(values.astype(np.float32), mode="F").save(path, format="TIFF")


def photo_files():
    files = []
    for folder in PHOTO_FOLDERS:
        root = pathlib.Path(folder)
        if root.is_dir():
            files += [p for p in root.rglob("*") if p.suffix.lower() in PHOTO_ENDINGS and p.is_file()]
    # One file per picture: wallpaper packages ship the same picture at several screen sizes; keep the largest.
    largest = {}
    for p in files:
        if p.name == "screenshot.png":
            continue
        # Plasma's layout: NAME/contents/images[_dark]/WxH.jpg, one picture at several sizes.
        key = (p.parent.parent.parent, p.parent.name) if p.parent.name.startswith("images") else p
        if key not in largest or p.stat().st_size > largest[key].stat().st_size:
            largest[key] = p
    return sorted(largest.values())


def photos(out, count, size, seed, crops=1):
    """Up to COUNT crops of SIZE pixels, CROPS from each grey and colour plane of each wallpaper picture, each crop
    shrunk by its own random factor. One crop a plane (and COUNT 240) is the content the shipped models before
    denoise-general's sixth run saw; more crops draw more of each picture, at more scales."""
    rng = random.Random(seed)
    files = photo_files()
    if not files:
        sys.exit("No wallpaper photos found: apt-get install " + PACKAGES)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for i, path in enumerate(files):
        try:
            image = Image.open(path)
            image.load()
        except Exception as e:  # a broken or unsupported file is skipped, never fatal
            print(f"skipped {path}: {e}", file=sys.stderr)
            continue
        rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
        # Greys as a camera would record them, and single colour channels for more varied contrast.
        planes = [rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32), rgb[..., rng.randrange(3)]]
        for k, plane in enumerate(planes):
            for j in range(crops):
                # Shrink by a random factor (wallpapers are 2-4k pixels wide, photographs at microscope-like detail
                # are not); area averaging also removes JPEG blocking.
                factor = rng.uniform(1.5, 4.0)
                h, w = plane.shape
                small = np.asarray(Image.fromarray(plane, mode="F").resize(
                    (max(size, int(w / factor)), max(size, int(h / factor))), Image.BOX))
                h, w = small.shape
                y0 = rng.randrange(h - size + 1)
                x0 = rng.randrange(w - size + 1)
                crop = to_common_scale(small[y0:y0 + size, x0:x0 + size])
                if crop is None:
                    continue
                save(crop, out / (f"photo-{i:03d}-{k}.tif" if crops == 1 else f"photo-{i:03d}-{k}-{j}.tif"))
                written += 1
        if written >= count:
            break
    print(f"{written} photo crops from {len(files)} wallpaper files in {out}")


def rescale(source, out):
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in sorted(source.glob("*.tif")):
        values = np.asarray(Image.open(path), dtype=np.float32)
        scaled = to_common_scale(values)
        if scaled is not None:
            save(scaled, out / path.name)
            written += 1
    print(f"{written} images rescaled into {out}")


def silhouettes(source, out, count, seed):
    """Two-level images (0 and 1000, no blur): each scene of SOURCE cut at a random quantile between 30 % and 70 %.
    They stand for masks, silhouettes, drawings and documents, whose flat areas and hard edges a denoiser must keep
    exactly; photographs and the blurred, textured phantoms never show them."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = sorted(source.glob("*.tif"))[:count]
    for path in paths:
        values = np.asarray(Image.open(path), dtype=np.float32)
        cut = np.quantile(values, rng.uniform(0.3, 0.7))
        save(np.where(values > cut, SCALE, 0.0), out / path.name)
    print(f"{len(paths)} silhouettes into {out}")


def oversampled(source, out, count, seed):
    """Copies of COUNT images of SOURCE blurred by a Gaussian of sigma 0.6 to 3 pixels (log-uniform), rescaled.
    They stand for images sampled finer than their optics resolve (microscopy at or above Nyquist, interpolated MR
    and CT reconstructions): smooth at the pixel level, where a super-resolution network must not invent edges.
    Photographs shrunk for training and the phantoms are sharp at the pixel level; without such content a network
    learns that every soft edge of its input was a hard one."""
    from scipy import ndimage
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = sorted(source.glob("*.tif"))
    chosen = rng.choice(len(paths), size=min(count, len(paths)), replace=False)
    written = 0
    for index in sorted(chosen):
        path = paths[index]
        values = np.asarray(Image.open(path), dtype=np.float32)
        sigma = float(np.exp(rng.uniform(np.log(0.6), np.log(3.0))))
        scaled = to_common_scale(ndimage.gaussian_filter(values, sigma, mode="reflect"))
        if scaled is not None:
            save(scaled, out / ("oversampled-" + path.name))
            written += 1
    print(f"{written} oversampled images into {out}")


def noisy(source, out, seed):
    """Each image of SOURCE (at the common scale) as a photon count with noise: its 99.8th percentile expects a
    peak of 2 to 500 photons (log-uniform, drawn per image), Poisson noise plus Gaussian read noise of 0 to 3 photons.
    Training content for self-supervised networks, which learn from noisy images alone; the wide range of levels is
    what the users' images may have."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = sorted(source.glob("*.tif"))
    for path in paths:
        values = np.clip(np.asarray(Image.open(path), dtype=np.float64), 0, None)
        peak = float(np.exp(rng.uniform(np.log(2.0), np.log(500.0))))
        photons = rng.poisson(values * (peak / SCALE)) + rng.normal(0, rng.uniform(0, 3), values.shape)
        save(photons, out / path.name)
    print(f"{len(paths)} noisy images into {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["photos", "rescale", "silhouettes", "oversampled", "noisy"])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--size", type=int, default=384)
    parser.add_argument("--crops", type=int, default=1, help="photos: crops from each plane of each picture")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "photos":
        photos(pathlib.Path(args.paths[0]), args.count, args.size, args.seed, args.crops)
    elif args.mode == "oversampled":
        oversampled(pathlib.Path(args.paths[0]), pathlib.Path(args.paths[1]), args.count, args.seed)
    elif args.mode == "noisy":
        noisy(pathlib.Path(args.paths[0]), pathlib.Path(args.paths[1]), args.seed)
    elif args.mode == "silhouettes":
        silhouettes(pathlib.Path(args.paths[0]), pathlib.Path(args.paths[1]), args.count, args.seed)
    else:
        rescale(pathlib.Path(args.paths[0]), pathlib.Path(args.paths[1]))


if __name__ == "__main__":
    main()
