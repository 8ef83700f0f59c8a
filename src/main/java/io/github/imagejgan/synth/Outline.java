package io.github.imagejgan.synth;

import io.github.imagejgan.task.UserException;

/**
 * A closed shape for painting anatomy: an ellipse in pixel coordinates whose radius may undulate with the angle
 * ({@code r(theta) = 1 + sum amplitude sin(k theta + phase)}, in units of the semi-axes), which turns ellipses into
 * gyri, lobes and irregular organs.
 *
 * @param cx    centre x, pixels
 * @param cy    centre y, pixels
 * @param a     semi-axis along the rotated x axis, pixels
 * @param b     semi-axis along the rotated y axis, pixels
 * @param angle rotation, radians
 * @param waves triples (k, amplitude, phase); empty for a plain ellipse
 */
record Outline(double cx, double cy, double a, double b, double angle, double[] waves) {

    Outline {
        if (!(a > 0 && b > 0) || waves.length % 3 != 0) {
            throw new UserException("An outline needs positive semi-axes and (k, amplitude, phase) "
                    + "triples");
        }
    }

    Outline(double cx, double cy, double a, double b, double angle) {
        this(cx, cy, a, b, angle, new double[0]);
    }

    /** The same outline with both semi-axes reduced by {@code margin} pixels. */
    Outline shrunk(double margin) {
        return new Outline(cx, cy, a - margin, b - margin, angle, waves);
    }

    /** The same outline with other undulations. */
    Outline withWaves(double... newWaves) {
        return new Outline(cx, cy, a, b, angle, newWaves);
    }

    /** Largest relative radius the undulations can reach. */
    double reach() {
        double sum = 1;
        for (int i = 1; i < waves.length; i += 3) {
            sum += Math.abs(waves[i]);
        }
        return sum;
    }

    boolean contains(double x, double y) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double dx = x - cx;
        double dy = y - cy;
        double u = (dx * cos + dy * sin) / a;
        double v = (-dx * sin + dy * cos) / b;
        double rho2 = u * u + v * v;
        if (waves.length == 0) {
            return rho2 <= 1;
        }
        double reach = reach();
        if (rho2 > reach * reach) {
            return false;
        }
        double radius = radiusAt(Math.atan2(v, u));
        return rho2 <= radius * radius;
    }

    /** The relative radius at angle {@code theta} of the unit circle the ellipse is stretched from. */
    double radiusAt(double theta) {
        double radius = 1;
        for (int i = 0; i < waves.length; i += 3) {
            radius += waves[i + 1] * Math.sin(waves[i] * theta + waves[i + 2]);
        }
        return radius;
    }
}
