package io.github.imagejgan.synth;

import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Filters;
import io.github.imagejgan.degrade.RandomFields;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.task.UserException;

/**
 * An axial CT slice in Hounsfield units, in the spirit of the Shepp-Logan phantom but anatomical and random: a body
 * of subcutaneous fat and muscle around either a thorax (lungs with vessels, heart, aorta, spine, ribs, sternum) or
 * an abdomen (liver, spleen, kidneys, stomach with gas, bowel loops, aorta, spine). Sizes, positions and contrast
 * enhancement vary with the seed; tissues have their typical HU (air -1000, lung about -850, fat -100, water 0,
 * soft tissue 30-60, enhanced blood up to 300, trabecular bone 250, cortical bone up to 1200) plus a fine fractal
 * texture, edges carry partial-volume values and the whole slice gets a slight reconstruction blur. Stored as 16-bit
 * HU + 1024, as scanners store it.
 *
 * @param width    image width in pixels
 * @param height   image height in pixels
 * @param anatomy  which part of the body, or {@link Anatomy#ANY} to let the seed choose
 */
public record CtPhantom(int width, int height, Anatomy anatomy) implements Phantom {

    /** The body region a slice is taken from. */
    public enum Anatomy {
        THORAX, ABDOMEN, ANY
    }

    private static final double AIR = -1000;

    public CtPhantom {
        if (width < 16 || height < 16 || anatomy == null) {
            throw new UserException("A CT phantom needs at least 16x16 pixels and an anatomy, got "
                    + width + "x" + height + ", " + anatomy);
        }
    }

    /** Either thorax or abdomen, chosen by the seed. */
    public static CtPhantom typical(int width, int height) {
        return new CtPhantom(width, height, Anatomy.ANY);
    }

    @Override
    public float[] render(long seed) {
        Random random = Seeds.random(seed);
        Anatomy region = anatomy != Anatomy.ANY ? anatomy
                : (random.nextBoolean() ? Anatomy.THORAX : Anatomy.ABDOMEN);
        Body body = new Body(random);
        Canvas canvas = new Canvas(width, height, AIR, 0);
        if (region == Anatomy.THORAX) {
            paintThorax(canvas, body, random);
        } else {
            paintAbdomen(canvas, body, random);
        }
        float[] hu = canvas.values();
        float[] amplitude = canvas.textures();
        float[] texture = RandomFields.fractal(width, height, Math.min(width, height) / 16.0, 0.6, random);
        for (int i = 0; i < hu.length; i++) {
            hu[i] += amplitude[i] * texture[i];
        }
        return Filters.gaussian(hu, width, height, 0.5);
    }

    /** Placement of the body in the image, in units of half the shorter image side. */
    private final class Body {
        final double scale;
        final double cx;
        final double cy;
        final double tilt;
        final Random random;

        Body(Random random) {
            this.random = random;
            this.scale = 0.5 * Math.min(width, height) * (0.9 + 0.1 * random.nextDouble());
            this.cx = width / 2.0 + 0.03 * scale * (2 * random.nextDouble() - 1);
            this.cy = height / 2.0 + 0.03 * scale * (2 * random.nextDouble() - 1);
            this.tilt = 0.05 * (2 * random.nextDouble() - 1);
        }

        /** An ellipse at body coordinates (u right, v towards the back), sizes jittered by up to 10%. */
        Outline at(double u, double v, double a, double b, double angle) {
            double cos = Math.cos(tilt);
            double sin = Math.sin(tilt);
            double x = cx + scale * (u * cos - v * sin);
            double y = cy + scale * (u * sin + v * cos);
            return new Outline(x, y, scale * jitter(a), scale * jitter(b), angle + tilt);
        }

        double jitter(double value) {
            return value * (1 + 0.1 * (2 * random.nextDouble() - 1));
        }

        double between(double low, double high) {
            return low + random.nextDouble() * (high - low);
        }
    }

    private static void paintTrunk(Canvas canvas, Body body, double a, double b) {
        Outline skin = body.at(0, 0.04, a, b, 0);
        canvas.paint(skin, -100, 12);
        canvas.paint(skin.shrunk(body.scale * body.between(0.05, 0.1)), 50, 10);
    }

    private static void paintSpine(Canvas canvas, Body body, double v) {
        Outline vertebra = body.at(0, v, 0.1, 0.085, 0);
        canvas.paint(vertebra, body.between(700, 1100), 40);
        canvas.paint(vertebra.shrunk(body.scale * 0.015), body.between(200, 300), 50);
        canvas.paint(body.at(0, v + 0.14, 0.028, 0.07, 0), body.between(600, 900), 40);
        canvas.paint(body.at(0, v + 0.085, 0.035, 0.03, 0), 15, 4);
    }

    private void paintThorax(Canvas canvas, Body body, Random random) {
        paintTrunk(canvas, body, 0.86, 0.6);
        double contrast = random.nextBoolean() ? body.between(150, 300) : 45;
        for (int side = -1; side <= 1; side += 2) {
            Outline lung = body.at(side * 0.33, 0.0, 0.27, 0.42, side * 0.12);
            canvas.paint(lung, body.between(-880, -820), 35);
            int vessels = 12 + random.nextInt(20);
            for (int k = 0; k < vessels; k++) {
                double r = 0.006 + 0.012 * random.nextDouble();
                double angle = random.nextDouble() * 2 * Math.PI;
                double reach = Math.sqrt(random.nextDouble()) * 0.85;
                Outline vessel = new Outline(lung.cx() + reach * lung.a() * Math.cos(angle), lung.cy() + reach
                        * lung.b() * Math.sin(angle), r * body.scale * (1 + random.nextDouble()), r * body.scale,
                        random.nextDouble() * Math.PI);
                canvas.paint(vessel, body.between(-100, 40), 10);
            }
        }
        Outline heart = body.at(0.1, -0.08, 0.24, 0.19, 0.5);
        canvas.paint(heart, 50, 8);
        canvas.paint(heart.shrunk(body.scale * 0.035), contrast, 6);
        canvas.paint(body.at(0.09, 0.22, 0.055, 0.055, 0), contrast, 6);
        canvas.paint(body.at(0, -0.5, 0.06, 0.025, 0), body.between(400, 700), 40);
        paintSpine(canvas, body, 0.36);
        int ribs = 6 + random.nextInt(4);
        for (int k = 0; k < ribs; k++) {
            double t = Math.PI * (0.15 + 0.7 * k / (ribs - 1.0));
            for (int side = -1; side <= 1; side += 2) {
                double u = side * 0.65 * Math.sin(t);
                double v = 0.02 - 0.47 * Math.cos(t);
                canvas.paint(body.at(u, v, 0.035, 0.018, -side * (Math.PI / 2 - t)), body.between(500, 900), 40);
            }
        }
    }

    private void paintAbdomen(Canvas canvas, Body body, Random random) {
        paintTrunk(canvas, body, 0.86, 0.66);
        canvas.paint(body.at(0, 0.05, 0.72, 0.52, 0), body.between(-110, -80), 15);
        double contrast = random.nextBoolean() ? body.between(120, 220) : 40;
        canvas.paint(body.at(-0.35, -0.08, 0.38, 0.3, 0.3).withWaves(3, 0.06, random.nextDouble() * 6), body
                .between(50, 70), 8);
        canvas.paint(body.at(0.5, 0.08, 0.13, 0.19, -0.4), body.between(40, 55), 8);
        Outline stomach = body.at(0.3, -0.25, 0.2, 0.14, 0.2);
        canvas.paint(stomach, body.between(5, 20), 5);
        canvas.paint(body.at(0.3, -0.34, 0.12, 0.045, 0.2), AIR + 80, 20);
        for (int side = -1; side <= 1; side += 2) {
            Outline kidney = body.at(side * 0.3, 0.3, 0.09, 0.13, side * 0.35);
            canvas.paint(kidney, contrast > 45 ? body.between(150, 200) : 35, 8);
            canvas.paint(body.at(side * 0.27, 0.3, 0.035, 0.06, side * 0.35), body.between(0, 20), 4);
            canvas.paint(body.at(side * 0.14, 0.36, 0.06, 0.075, 0), body.between(45, 60), 10);
        }
        int loops = 6 + random.nextInt(7);
        for (int k = 0; k < loops; k++) {
            double u = body.between(-0.3, 0.3);
            double v = body.between(-0.35, 0.15);
            double r = body.between(0.04, 0.08);
            Outline loop = body.at(u, v, r, r * body.between(0.6, 1), random.nextDouble() * Math.PI);
            canvas.paint(loop, 40, 8);
            canvas.paint(loop.shrunk(body.scale * 0.01), random.nextDouble() < 0.35 ? body.between(-950, -850)
                    : body.between(0, 25), 10);
        }
        canvas.paint(body.at(0.05, 0.2, 0.04, 0.04, 0), contrast, 6);
        canvas.paint(body.at(-0.1, 0.19, 0.05, 0.035, 0), contrast > 45 ? contrast - 40 : 40, 6);
        paintSpine(canvas, body, 0.36);
    }

    @Override
    public PixelEncoding encoding() {
        return PixelEncoding.unsigned16(1024, "HU");
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "ct", "width", width, "height", height, "anatomy", anatomy.name().toLowerCase(
                Locale.ROOT), "units", "HU");
    }
}
