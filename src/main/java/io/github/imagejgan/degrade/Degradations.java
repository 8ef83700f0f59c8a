package io.github.imagejgan.degrade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.imagejgan.task.UserException;

/**
 * Degradations from one-line specifications, for command lines, macros and dialogs. A specification is one or more
 * steps joined by {@code +}; a step is a type, optionally followed by {@code :} and comma-separated
 * {@code key=value} settings:
 *
 * <pre>
 * poisson-gaussian:readNoise=2,photonsPerUnit=0.5
 * gaussian:sigma=20
 * gaussian:sigma=20,spread=0.8
 * gaussian:sigma=20,spread=1,spreadY=0,white=0.3
 * rician:sigma=15
 * blur-downsample:factor=4,antiAliasing=gaussian,blurSigma=1
 * mask:shape=strokes,min=0.1,max=0.3,fill=0
 * jpeg:quality=30
 * jpeg:quality=50..95,levels=8..255
 * gaussian:sigma=20+demosaic
 * defocus:sigma=2,haze=0.3,hazeSigma=8
 * psf:shape=airy,size=3+blur-downsample:factor=2,antiAliasing=area
 * psf:shape=gaussian,size=2,aspect=0.25,angle=30
 * axial:factor=4,axialBlur=1.5
 * blur-downsample:factor=2+poisson-gaussian:readNoise=1
 * </pre>
 *
 * Settings left out take the defaults shown by {@link #help()}. A number may be a range, {@code sigma=2..40}, drawn
 * anew for every image (log-uniformly over positive ranges), and {@code |} separates alternatives of which every
 * image gets one: {@code poisson-gaussian:photonsPerUnit=0.01..1,readNoise=0..5 | gaussian:sigma=1..30} trains a
 * network for any strength of either noise.
 */
public final class Degradations {

    private record Type(String name, Set<String> keys, String help, Function<Settings, Degradation> factory) {
    }

    /** The settings of a noise's shape beside its spread. */
    private static final String SHAPE_HELP = "spreadY=spread (pixels down columns, where the spread differs from the "
            + "rows', as a line-scanning detector leaves it), white=0 (share of the variance left white beside the "
            + "spread noise)";

    private static final List<Type> TYPES = List.of(
            new Type(PoissonGaussianNoise.TYPE, Set.of("readNoise", "photonsPerUnit", "spread", "spreadY", "white"),
                    "readNoise=1 (photons), photonsPerUnit=1, spread=0 (pixels over which each pixel's noise "
                            + "spreads; 0: independent pixels), " + SHAPE_HELP,
                    s -> new PoissonGaussianNoise(s.number("readNoise", 1), s.number("photonsPerUnit", 1),
                            s.number("spread", 0), s.number("spreadY", s.number("spread", 0)), s.number("white", 0))),
            new Type(GaussianNoise.TYPE, Set.of("sigma", "spread", "spreadY", "white"),
                    "sigma=10, spread=0 (pixels; 0: white noise), " + SHAPE_HELP,
                    s -> new GaussianNoise(s.number("sigma", 10), s.number("spread", 0),
                            s.number("spreadY", s.number("spread", 0)), s.number("white", 0))),
            new Type(RicianNoise.TYPE, Set.of("sigma"), "sigma=10",
                    s -> new RicianNoise(s.number("sigma", 10))),
            new Type(BlurDownsample.TYPE, Set.of("factor", "antiAliasing", "blurSigma"),
                    "factor=2, antiAliasing=gaussian|area, blurSigma=0",
                    s -> new BlurDownsample(s.integer("factor", 2),
                            s.choice("antiAliasing", AntiAliasing.class, AntiAliasing.GAUSSIAN),
                            s.number("blurSigma", 0))),
            new Type(RandomMask.TYPE, Set.of("shape", "min", "max", "fill"),
                    "shape=boxes|strokes|blobs, min=0.05, max=0.25 (missing fraction), fill=0",
                    s -> new RandomMask(s.choice("shape", MaskShape.class, MaskShape.STROKES), s.number("min", 0.05),
                            s.number("max", 0.25), (float) s.number("fill", 0))),
            new Type(JpegArtifacts.TYPE, Set.of("quality", "levels"), "quality=30, levels=255 (the grey values of the "
                    + "8-bit file that the image's range spans: fewer for a patch of a wider-ranged picture)",
                    s -> new JpegArtifacts(s.integer("quality", 30), s.integer("levels", JpegArtifacts.ALL_LEVELS))),
            new Type(Demosaic.TYPE, Set.of(), "no settings (a grey scene seen through an RGGB colour mosaic, "
                    + "interpolated bilinearly and mixed back to grey; after a noise: a colour camera's noise)",
                    s -> new Demosaic()),
            new Type(DefocusBlur.TYPE, Set.of("sigma", "haze", "hazeSigma"), "sigma=2, haze=0.3, hazeSigma=8",
                    s -> new DefocusBlur(s.number("sigma", 2), s.number("haze", 0.3), s.number("hazeSigma", 8))),
            new Type(OpticalBlur.TYPE, Set.of("shape", "size", "aspect", "angle"),
                    "shape=gaussian|airy|disk, size=1.5 (pixels: the Gaussian's sigma, the Airy pattern's first dark "
                            + "ring or the defocus disk's radius), aspect=1 (width across over width along), angle=0 "
                            + "(degrees of the long axis from the rows)",
                    s -> new OpticalBlur(s.choice("shape", PsfShape.class, PsfShape.GAUSSIAN), s.number("size", 1.5),
                            s.number("aspect", 1), s.number("angle", 0))),
            new Type(AxialUndersampling.TYPE, Set.of("factor", "axialBlur"),
                    "factor=4 (slice spacing / pixel width), axialBlur=0 (pixels; the rows are z)",
                    s -> new AxialUndersampling(s.integer("factor", 4), s.number("axialBlur", 0))));

    private Degradations() {
    }

    /**
     * Parses a specification.
     *
     * @throws IllegalArgumentException naming the unknown type, setting or bad value, with the accepted ones
     */
    public static Degradation parse(String specification) {
        if (specification == null || specification.isBlank()) {
            throw new UserException("Empty degradation; choose from:\n" + help());
        }
        List<Degradation> alternatives = new ArrayList<>();
        for (String alternative : specification.split("\\|", -1)) {
            alternatives.add(parseChain(alternative));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Alternatives(alternatives);
    }

    private static Degradation parseChain(String chain) {
        if (chain.isBlank()) {
            throw new UserException("Empty alternative in a degradation; write a | b with a degradation "
                    + "on both sides of '|'.");
        }
        List<Degradation> steps = new ArrayList<>();
        for (String step : chain.split("\\+")) {
            steps.add(parseStep(step.trim()));
        }
        return steps.size() == 1 ? steps.get(0) : new DegradationChain(steps);
    }

    /** The accepted types and their settings with defaults, one line each. */
    public static String help() {
        StringBuilder text = new StringBuilder();
        for (Type type : TYPES) {
            text.append("  ").append(type.name()).append(": ").append(type.help()).append('\n');
        }
        text.append("  join steps with '+', alternatives (one per image) with '|'; a number may be a range "
                + "low..high, drawn per image\n");
        return text.toString();
    }

    private static Degradation parseStep(String step) {
        int colon = step.indexOf(':');
        String name = (colon < 0 ? step : step.substring(0, colon)).trim();
        Type type = TYPES.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("Unknown degradation '" + name + "'; choose from:\n" + help()));
        Map<String, String> values = new HashMap<>();
        if (colon >= 0 && !step.substring(colon + 1).isBlank()) {
            for (String pair : step.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new UserException("Setting '" + pair.trim() + "' of " + name
                            + " needs the form key=value");
                }
                String key = pair.substring(0, eq).trim();
                if (!type.keys().contains(key)) {
                    throw new UserException("Unknown setting '" + key + "' for " + name + "; it takes "
                            + type.help());
                }
                values.put(key, pair.substring(eq + 1).trim());
            }
        }
        if (values.values().stream().anyMatch(Randomized::isRange)) {
            return new Randomized(type.name(), values, v -> type.factory().apply(new Settings(name, v)));
        }
        return type.factory().apply(new Settings(name, values));
    }

    private record Settings(String type, Map<String, String> values) {

        double number(String key, double fallback) {
            return parsed(key, fallback, Double::parseDouble, "a number");
        }

        int integer(String key, int fallback) {
            return parsed(key, fallback, Integer::parseInt, "a whole number");
        }

        <E extends Enum<E>> E choice(String key, Class<E> options, E fallback) {
            return parsed(key, fallback, v -> Enum.valueOf(options, v.toUpperCase(Locale.ROOT)), "one of "
                    + List.of(options.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
        }

        private <V> V parsed(String key, V fallback, Function<String, V> parse, String what) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return parse.apply(v);
            } catch (IllegalArgumentException e) {
                throw new UserException(type + ": " + key + " must be " + what + ", got '" + v + "'", e);
            }
        }
    }
}
