package io.github.imagejgan.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.imagejgan.degrade.BlurDownsample;
import io.github.imagejgan.degrade.Degradation;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.degrade.GaussianNoise;
import io.github.imagejgan.degrade.JpegArtifacts;
import io.github.imagejgan.degrade.MaskShape;
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.degrade.RandomMask;
import io.github.imagejgan.degrade.RicianNoise;
import io.github.imagejgan.image.ImageFiles;

/**
 * Renders each phantom beside a typical degradation of it (clean | degraded) as PNGs, for looking at. Run with
 * {@code mvn -B test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.synth.PhantomGallery}; it writes to
 * /tmp/phantoms, or to the folder given as the first argument.
 */
public final class PhantomGallery {

    private static final int SIZE = 256;

    private PhantomGallery() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/phantoms");
        Degradation lowLight = new PoissonGaussianNoise(2, 0.1);
        show(out, "nuclei", NucleiPhantom.typical(SIZE, SIZE), lowLight, null);
        show(out, "filaments", FilamentPhantom.typical(SIZE, SIZE), lowLight, null);
        show(out, "puncta", PunctaPhantom.typical(SIZE, SIZE), lowLight, null);
        show(out, "membranes", MembranePhantom.typical(SIZE, SIZE), lowLight, null);
        show(out, "filaments-x4", FilamentPhantom.typical(SIZE, SIZE), new BlurDownsample(4), null);
        show(out, "ct-thorax", new CtPhantom(SIZE, SIZE, CtPhantom.Anatomy.THORAX), new GaussianNoise(40),
                new double[] { -1000, 400 });
        show(out, "ct-abdomen", new CtPhantom(SIZE, SIZE, CtPhantom.Anatomy.ABDOMEN), new GaussianNoise(25),
                new double[] { -160, 240 });
        show(out, "mr-t1", new MrPhantom(SIZE, SIZE, MrPhantom.Weighting.T1), new RicianNoise(40), null);
        show(out, "mr-t2", new MrPhantom(SIZE, SIZE, MrPhantom.Weighting.T2), new RicianNoise(40), null);
        show(out, "dead-leaves-mask", DeadLeavesPhantom.typical(SIZE, SIZE), new RandomMask(MaskShape.STROKES, 0.1,
                0.2, 0), new double[] { 0, 255 });
        show(out, "dead-leaves-blobs", DeadLeavesPhantom.typical(SIZE, SIZE), new RandomMask(MaskShape.BLOBS, 0.2,
                0.3, 0), new double[] { 0, 255 });
        show(out, "mr-boxes-jpeg", new MrPhantom(SIZE, SIZE, MrPhantom.Weighting.T2), new JpegArtifacts(15)
                .then(new RandomMask(MaskShape.BOXES, 0.1, 0.15, 0)), null);
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    private static void show(Path out, String name, Phantom phantom, Degradation degradation, double[] window)
            throws IOException {
        float[] clean = phantom.render(1);
        Degraded degraded = degradation.apply(clean, phantom.width(), phantom.height(), 2);
        double[] range = window != null ? window : percentiles(clean, 0.2, 99.8);
        ImageProcessor left = new FloatProcessor(phantom.width(), phantom.height(), clean);
        ImageProcessor right = new FloatProcessor(degraded.width(), degraded.height(), degraded.image());
        if (degraded.width() != phantom.width()) {
            right.setInterpolationMethod(ImageProcessor.NONE);
            right = right.resize(phantom.width(), phantom.height());
        }
        int gap = 4;
        ByteProcessor montage = new ByteProcessor(2 * phantom.width() + gap, phantom.height());
        montage.setColor(255);
        montage.fill();
        for (int i = 0; i < 2; i++) {
            ImageProcessor part = i == 0 ? left : right;
            part.setMinAndMax(range[0], range[1]);
            montage.insert(part.convertToByte(true), i * (phantom.width() + gap), 0);
        }
        ImageFiles.savePng(new ImagePlus(name, montage), out.resolve(name + ".png"));
    }

    private static double[] percentiles(float[] values, double low, double high) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[] { sorted[(int) (low / 100 * (sorted.length - 1))],
                sorted[(int) (high / 100 * (sorted.length - 1))] };
    }
}
