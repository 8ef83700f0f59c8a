package io.github.imagejgan.degrade;

/**
 * The Bessel function of the first kind of order one, to double precision: the trapezoidal rule on Bessel's
 * integral {@code J1(x) = (1/2pi) * integral over one period of cos(t - x sin t) dt} for moderate arguments (the
 * rule is exact up to J_{N-1}(x) for N points on a periodic integrand, which vanishes for N well above |x|), and
 * Hankel's asymptotic expansion for large ones.
 */
public final class BesselJ1 {

    private static final int POINTS = 64;
    private static final double LARGE = 25;

    private BesselJ1() {
    }

    public static double of(double x) {
        if (Math.abs(x) > LARGE) {
            return Math.signum(x) * asymptotic(Math.abs(x));
        }
        double sum = 0;
        for (int j = 0; j < POINTS; j++) {
            double t = 2 * Math.PI * j / POINTS;
            sum += Math.cos(t - x * Math.sin(t));
        }
        return sum / POINTS;
    }

    /**
     * J1(x) = sqrt(2/(pi x)) (P cos(chi) - Q sin(chi)), chi = x - 3pi/4, with P and Q summed until their terms stop
     * shrinking; for x above 25 the smallest term is below 1e-20.
     */
    private static double asymptotic(double x) {
        double mu = 4; // 4 * order^2
        double p = 0;
        double q = 0;
        double term = 1;
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60; k++) {
            if (k > 0) {
                double odd = 2 * k - 1;
                term *= (mu - odd * odd) / (k * 8 * x);
            }
            if (Math.abs(term) > previous) {
                break;
            }
            previous = Math.abs(term);
            // Terms alternate between P (even k) and Q (odd k), each with its own sign pattern.
            if (k % 2 == 0) {
                p += ((k / 2) % 2 == 0 ? 1 : -1) * term;
            } else {
                q += (((k - 1) / 2) % 2 == 0 ? 1 : -1) * term;
            }
        }
        double chi = x - 0.75 * Math.PI;
        return Math.sqrt(2 / (Math.PI * x)) * (p * Math.cos(chi) - q * Math.sin(chi));
    }
}
