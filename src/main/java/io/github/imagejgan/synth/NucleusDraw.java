package io.github.imagejgan.synth;

import java.util.Random;

/**
 * The random outline and brightness of one nucleus in the xy plane, drawn in one fixed order so that every phantom
 * drawing nuclei this way stays the same for the same seed.
 *
 * @param a          long semi-axis, pixels
 * @param b          short semi-axis, pixels (60 to 100 % of a)
 * @param cos        cosine of the long axis' angle
 * @param sin        sine of the long axis' angle
 * @param brightness above background, 30 to 100 % of the peak
 */
record NucleusDraw(double a, double b, double cos, double sin, double brightness) {

    static NucleusDraw next(Random random, double minRadius, double maxRadius, double peak) {
        double a = minRadius + random.nextDouble() * (maxRadius - minRadius);
        double b = a * (0.6 + 0.4 * random.nextDouble());
        double angle = random.nextDouble() * Math.PI;
        double brightness = peak * (0.3 + 0.7 * random.nextDouble());
        return new NucleusDraw(a, b, Math.cos(angle), Math.sin(angle), brightness);
    }

    /** Squared distance from the centre in units of the semi-axes (1 on the outline), for an offset dx, dy. */
    double radial2(double dx, double dy) {
        double u = (dx * cos + dy * sin) / a;
        double v = (-dx * sin + dy * cos) / b;
        return u * u + v * v;
    }
}
