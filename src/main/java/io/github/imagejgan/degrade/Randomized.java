package io.github.imagejgan.degrade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagejgan.task.UserException;

/**
 * A degradation whose settings are drawn anew for every image from ranges such as {@code sigma=2..40}: what makes a
 * network blind to the strength of a degradation instead of fitted to one level. A range over positive numbers is
 * sampled log-uniformly (a noise level of 1 is as far from 10 as 10 is from 100); a range that starts at zero or
 * below uniformly. A range written with whole numbers ({@code quality=40..90}) gives whole numbers. Settings without
 * a range stay fixed.
 *
 * @param type     the degradation's type name
 * @param settings setting values as written, some of them ranges
 * @param factory  builds the degradation from concrete values
 */
record Randomized(String type, Map<String, String> settings, Function<Map<String, String>, Degradation> factory)
        implements Degradation {

    private static final Pattern RANGE = Pattern.compile("\\s*([-+0-9.eE]+)\\s*\\.\\.\\s*([-+0-9.eE]+)\\s*");

    private static final Pattern WHOLE_RANGE = Pattern.compile("\\s*[-+]?[0-9]+\\s*\\.\\.\\s*[-+]?[0-9]+\\s*");

    Randomized {
        // NB: drawn in the settings' name order. Map.copyOf iterates in an order salted anew by every JVM, which
        // gave the draws to the settings in a different order from run to run: training data seeded alike differed.
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        for (Map.Entry<String, String> e : settings.entrySet()) {
            double[] range = range(e.getValue());
            if (range != null && !(range[0] <= range[1])) {
                throw new UserException(type + ": range " + e.getKey() + "=" + e.getValue()
                        + " must go from low to high");
            }
        }
        // Both ends must make a valid degradation: this reports bad values when the specification is read.
        factory.apply(ends(settings, 0));
        factory.apply(ends(settings, 1));
    }

    /** Whether a setting's value is a range {@code low..high}. */
    static boolean isRange(String value) {
        return range(value) != null;
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        return apply(image, width, height, seed, seed);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long settingsSeed, long noiseSeed) {
        Random random = Seeds.random(settingsSeed);
        Map<String, String> concrete = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            double[] range = range(e.getValue());
            concrete.put(e.getKey(), range == null ? e.getValue() : format(sample(range, random.nextDouble()),
                    e.getValue()));
        }
        return factory.apply(concrete).apply(image, width, height, Seeds.derive(noiseSeed, 1));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type);
        settings.keySet().stream().sorted().forEach(k -> d.put(k, settings.get(k)));
        d.put("sampling", "ranges drawn per image, log-uniform over positive ranges");
        return Map.copyOf(d);
    }

    private static Map<String, String> ends(Map<String, String> settings, int end) {
        Map<String, String> concrete = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            double[] range = range(v);
            concrete.put(k, range == null ? v : format(range[end], v));
        });
        return concrete;
    }

    private static double sample(double[] range, double u) {
        if (range[0] > 0) {
            return Math.exp(Math.log(range[0]) + u * (Math.log(range[1]) - Math.log(range[0])));
        }
        return range[0] + u * (range[1] - range[0]);
    }

    /** A drawn value as text: a whole number where the range was written in whole numbers. */
    private static String format(double v, String written) {
        if (WHOLE_RANGE.matcher(written).matches()) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }

    private static double[] range(String value) {
        Matcher m = RANGE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        try {
            return new double[] { Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
