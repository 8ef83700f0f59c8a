package io.github.imagejgan.synth;

import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.RandomFields;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.task.UserException;

/**
 * An axial brain MR slice in arbitrary units: scalp, skull with marrow, cerebrospinal fluid around a gray-matter
 * cortex whose undulating outline stands for gyri, white matter with finger-like extensions, the interhemispheric
 * fissure, lateral and third ventricles, deep gray nuclei and a few white-matter lesions. Tissue intensities follow
 * the chosen weighting (T1: white matter bright, fluid dark; T2: fluid bright), with a fine texture and the smooth
 * multiplicative bias field of a receive coil. Shapes and lesions vary with the seed. Values are non-negative, up to
 * about 1000; combine with {@link io.github.imagejgan.degrade.RicianNoise} for magnitude-image noise.
 *
 * @param width     image width in pixels
 * @param height    image height in pixels
 * @param weighting the contrast
 */
public record MrPhantom(int width, int height, Weighting weighting) implements Phantom {

    /** MR contrast: which tissue property the image weights. */
    public enum Weighting {
        T1, T2
    }

    /** Intensity (T1, T2) and texture as a fraction of intensity. */
    private enum Tissue {
        SCALP(850, 650, 0.05), BONE(60, 50, 0.1), MARROW(600, 500, 0.08), CSF(200, 1000, 0.03),
        GRAY(480, 640, 0.04), WHITE(700, 480, 0.03), DEEP_GRAY(540, 600, 0.04), LESION(380, 900, 0.05);

        final double t1;
        final double t2;
        final double texture;

        Tissue(double t1, double t2, double texture) {
            this.t1 = t1;
            this.t2 = t2;
            this.texture = texture;
        }
    }

    public MrPhantom {
        if (width < 16 || height < 16 || weighting == null) {
            throw new UserException("An MR phantom needs at least 16x16 pixels and a weighting, got "
                    + width + "x" + height + ", " + weighting);
        }
    }

    /** A T1-weighted slice. */
    public static MrPhantom typical(int width, int height) {
        return new MrPhantom(width, height, Weighting.T1);
    }

    @Override
    public float[] render(long seed) {
        Random random = Seeds.random(seed);
        double scale = 0.5 * Math.min(width, height) * (0.88 + 0.08 * random.nextDouble());
        double cx = width / 2.0 + 0.02 * scale * (2 * random.nextDouble() - 1);
        double cy = height / 2.0 + 0.02 * scale * (2 * random.nextDouble() - 1);
        double tilt = 0.08 * (2 * random.nextDouble() - 1);
        Canvas canvas = new Canvas(width, height, 0, 0);
        Outline head = new Outline(cx, cy, scale * (0.74 + 0.06 * random.nextDouble()), scale * (0.9 + 0.05
                * random.nextDouble()), tilt);
        paint(canvas, head, Tissue.SCALP);
        paint(canvas, head.shrunk(0.045 * scale), Tissue.BONE);
        paint(canvas, head.shrunk(0.058 * scale), Tissue.MARROW);
        paint(canvas, head.shrunk(0.07 * scale), Tissue.BONE);
        paint(canvas, head.shrunk(0.08 * scale), Tissue.CSF);
        paintCortex(canvas, head, scale, random);
        Placement at = (u, v, a, b, angle) -> {
            double cos = Math.cos(tilt);
            double sin = Math.sin(tilt);
            return new Outline(cx + scale * (u * cos - v * sin), cy + scale * (u * sin + v * cos), scale * a,
                    scale * b, angle + tilt);
        };
        paint(canvas, at.place(0, -0.62, 0.012, 0.28, 0), Tissue.CSF);
        paint(canvas, at.place(0, 0.66, 0.012, 0.22, 0), Tissue.CSF);
        double spread = 0.12 + 0.04 * random.nextDouble();
        for (int side = -1; side <= 1; side += 2) {
            paint(canvas, at.place(side * spread, 0.1, 0.07, 0.1, side * 0.2), Tissue.DEEP_GRAY);
            double horn = 0.03 + 0.025 * random.nextDouble();
            paint(canvas, at.place(side * 0.07, -0.08, horn, 0.2, -side * 0.25), Tissue.CSF);
        }
        paint(canvas, at.place(0, 0.1, 0.012, 0.06, 0), Tissue.CSF);
        int lesions = random.nextInt(5);
        for (int k = 0; k < lesions; k++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double reach = 0.25 + 0.2 * random.nextDouble();
            double r = 0.015 + 0.025 * random.nextDouble();
            paint(canvas, at.place(reach * Math.cos(angle), reach * Math.sin(angle), r, r * (0.6 + 0.4
                    * random.nextDouble()), random.nextDouble() * Math.PI), Tissue.LESION);
        }
        float[] values = canvas.values();
        float[] amplitude = canvas.textures();
        float[] texture = RandomFields.fractal(width, height, Math.min(width, height) / 20.0, 0.6, random);
        float[] bias = RandomFields.smooth(width, height, Math.max(width, height), random);
        for (int i = 0; i < values.length; i++) {
            double v = (values[i] + amplitude[i] * texture[i]) * (1 + 0.12 * bias[i]);
            values[i] = (float) Math.max(0, v);
        }
        return values;
    }

    @FunctionalInterface
    private interface Placement {
        /** An ellipse at head coordinates (u right, v towards the back of the head, in units of the head scale). */
        Outline place(double u, double v, double a, double b, double angle);
    }

    private void paint(Canvas canvas, Outline outline, Tissue tissue) {
        double value = weighting == Weighting.T1 ? tissue.t1 : tissue.t2;
        canvas.paint(outline, value, value * tissue.texture);
    }

    /**
     * Gray matter over white matter whose irregularly undulating outline rises into gyri; a sulcus, a narrow cleft
     * of fluid, cuts from the surface through the gray matter at each deep trough of the white matter.
     */
    private void paintCortex(Canvas canvas, Outline head, double scale, Random random) {
        Outline gray = head.shrunk(0.095 * scale).withWaves(waves(random, 2, 5, 9, 0.01));
        paint(canvas, gray, Tissue.GRAY);
        double[] folds = waves(random, 5, 18, 34, 0.035);
        Outline white = head.shrunk(0.165 * scale).withWaves(folds);
        double cos = Math.cos(head.angle());
        double sin = Math.sin(head.angle());
        int samples = 2048;
        for (int i = 0; i < samples; i++) {
            double t = 2 * Math.PI * i / samples;
            double step = 2 * Math.PI / samples;
            double r = white.radiusAt(t);
            if (r > 0.99 || r > white.radiusAt(t - step) || r > white.radiusAt(t + step)) {
                continue;
            }
            // From the brain's surface down to just above this trough of the white matter.
            double inner = r * white.a() / gray.a() + 0.02 * random.nextDouble();
            double mid = (1 + inner) / 2;
            double ux = gray.a() * Math.cos(t);
            double uy = gray.b() * Math.sin(t);
            double direction = Math.atan2(uy, ux) + 0.25 * random.nextGaussian();
            double halfLength = (1 - inner) / 2 * Math.hypot(ux, uy) + 0.015 * scale;
            paint(canvas, new Outline(head.cx() + mid * (ux * cos - uy * sin), head.cy() + mid * (ux * sin + uy
                    * cos), halfLength, 0.01 * scale, direction + head.angle()), Tissue.CSF);
        }
        paint(canvas, white, Tissue.WHITE);
    }

    /** {@code count} undulations with frequencies in [kLow, kHigh] and amplitudes up to {@code amplitude}. */
    private static double[] waves(Random random, int count, int kLow, int kHigh, double amplitude) {
        double[] waves = new double[3 * count];
        for (int i = 0; i < count; i++) {
            waves[3 * i] = kLow + random.nextInt(kHigh - kLow + 1);
            waves[3 * i + 1] = amplitude * (0.5 + 0.5 * random.nextDouble());
            waves[3 * i + 2] = random.nextDouble() * 2 * Math.PI;
        }
        return waves;
    }

    @Override
    public PixelEncoding encoding() {
        return PixelEncoding.UNSIGNED_16;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "mr", "width", width, "height", height, "weighting", weighting.name()
                .toLowerCase(Locale.ROOT));
    }
}
