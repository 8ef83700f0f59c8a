package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Filters;
import io.github.imagejgan.degrade.RandomFields;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.task.UserException;

/**
 * Natural-image-like scenes for "general" models such as inpainting: the dead-leaves model (Matheron; Lee, Mumford
 * &amp; Huang 2001), in which opaque shapes fall on top of each other and the visible ones occlude what lies
 * beneath. With leaf radii distributed as r^-3 it reproduces the scale invariance, the 1/f amplitude spectrum and
 * the sharp occlusion edges of photographs. Leaves are disks, ellipses and rotated rectangles; each is flat,
 * shaded by a gradient, covered in fractal (1/f) texture or striped. Edges are anti-aliased and the whole scene
 * gets a slight camera blur. Values lie in 0..255 and are stored as 8-bit.
 *
 * @param width     image width in pixels
 * @param height    image height in pixels
 * @param minRadius smallest leaf radius in pixels (at least 1)
 * @param maxRadius largest leaf radius in pixels
 */
public record DeadLeavesPhantom(int width, int height, double minRadius, double maxRadius) implements Phantom {

    private static final int SUPERSAMPLE = 2;

    public DeadLeavesPhantom {
        if (width < 1 || height < 1 || !(minRadius >= 1) || !(maxRadius >= minRadius)) {
            throw new UserException("Invalid dead-leaves settings: size " + width + "x" + height
                    + ", radii " + minRadius + ".." + maxRadius + " (need 1 <= min <= max)");
        }
    }

    /** Leaves from 2 pixels to a third of the image side. */
    public static DeadLeavesPhantom typical(int width, int height) {
        return new DeadLeavesPhantom(width, height, 2, Math.max(2, Math.min(width, height) / 3.0));
    }

    @Override
    public float[] render(long seed) {
        Random random = Seeds.random(seed);
        int hw = width * SUPERSAMPLE;
        int hh = height * SUPERSAMPLE;
        // Shared texture sheets; each leaf reads them at its own offset, so leaves need no field of their own.
        float[][] sheets = new float[3][];
        for (int i = 0; i < sheets.length; i++) {
            sheets[i] = RandomFields.fractal(hw, hh, SUPERSAMPLE * Math.min(width, height) / (4.0 * (i + 1)), 0.5,
                    random);
        }
        float[] image = new float[hw * hh];
        boolean[] covered = new boolean[image.length];
        int remaining = image.length;
        // Front to back: a leaf only shows where no earlier (nearer) leaf lies, until the view is covered.
        long limit = 200L * width * height;
        for (long leaf = 0; leaf < limit && remaining > 0; leaf++) {
            remaining -= drawLeaf(image, covered, hw, hh, sheets, random);
        }
        if (remaining > 0) {
            for (int i = 0; i < image.length; i++) {
                if (!covered[i]) {
                    image[i] = 128;
                }
            }
        }
        float[] binned = Filters.binAverage(image, hw, hh, SUPERSAMPLE);
        float[] blurred = Filters.gaussian(binned, width, height, 0.5);
        for (int i = 0; i < blurred.length; i++) {
            blurred[i] = Math.max(0, Math.min(255, blurred[i]));
        }
        return blurred;
    }

    /** Draws one leaf behind the covered area; returns how many samples it newly covered. */
    private int drawLeaf(float[] image, boolean[] covered, int hw, int hh, float[][] sheets, Random random) {
        double lo = 1 / (minRadius * minRadius);
        double hi = 1 / (maxRadius * maxRadius);
        // Inverse CDF of p(r) ~ r^-3 on [minRadius, maxRadius].
        double radius = SUPERSAMPLE / Math.sqrt(lo - random.nextDouble() * (lo - hi));
        double cx = random.nextDouble() * hw;
        double cy = random.nextDouble() * hh;
        int kind = random.nextInt(3);
        double aspect = kind == 0 ? 1 : 0.3 + 0.7 * random.nextDouble();
        double angle = random.nextDouble() * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double base = 10 + 235 * random.nextDouble();
        int fill = random.nextInt(10);
        double gx = 0;
        double gy = 0;
        double textureAmp = 0;
        float[] sheet = sheets[random.nextInt(sheets.length)];
        int ox = random.nextInt(hw);
        int oy = random.nextInt(hh);
        double period = 0;
        double stripeAmp = 0;
        if (fill < 2) {
            gx = (random.nextDouble() - 0.5) * 60 / radius;
            gy = (random.nextDouble() - 0.5) * 60 / radius;
        } else if (fill < 6) {
            textureAmp = 8 + 25 * random.nextDouble();
        } else if (fill == 6) {
            period = SUPERSAMPLE * (3 + 12 * random.nextDouble());
            stripeAmp = 15 + 30 * random.nextDouble();
        }
        int r = (int) Math.ceil(radius) + 1;
        int added = 0;
        for (int y = Math.max(0, (int) cy - r); y <= Math.min(hh - 1, (int) cy + r); y++) {
            for (int x = Math.max(0, (int) cx - r); x <= Math.min(hw - 1, (int) cx + r); x++) {
                int i = y * hw + x;
                if (covered[i]) {
                    continue;
                }
                double dx = x - cx;
                double dy = y - cy;
                double u = (dx * cos + dy * sin) / radius;
                double v = (-dx * sin + dy * cos) / (radius * aspect);
                boolean inside = kind == 2 ? Math.abs(u) <= 0.9 && Math.abs(v) <= 0.9 : u * u + v * v <= 1;
                if (!inside) {
                    continue;
                }
                double value = base + gx * dx + gy * dy;
                if (textureAmp > 0) {
                    value += textureAmp * sheet[((y + oy) % hh) * hw + (x + ox) % hw];
                }
                if (period > 0) {
                    value += stripeAmp * Math.sin(2 * Math.PI * u * radius / period);
                }
                image[i] = (float) value;
                covered[i] = true;
                added++;
            }
        }
        return added;
    }

    @Override
    public PixelEncoding encoding() {
        return PixelEncoding.UNSIGNED_8;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "dead-leaves", "width", width, "height", height, "minRadius", minRadius,
                "maxRadius", maxRadius);
    }
}
