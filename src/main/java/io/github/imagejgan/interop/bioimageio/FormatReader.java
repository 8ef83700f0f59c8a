package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between bioimage.io format versions when reading a tensor for the image path: how tensors and steps
 * are named, axes and their sizes, channels, the output's scale and halo, the test files, and the axes statistics
 * are taken over. {@link Format04Reader} and {@link Format05Reader} each read one version; the checks that follow
 * (2D, axes among b, c, y, x, each once) are the same for both. Every reason a model cannot run here is added to
 * the list shared with {@link BioimageIoReader}.
 */
abstract class FormatReader {

    /** Spatial size rule of one axis: {@code min + n * step} (step 0 for a fixed size). */
    record Size(long min, long step) {
    }

    /** One axis: its letter among b, c, y, x, its id (0.5) or letter (0.4), size rule, and where it is declared. */
    record Axis(char letter, String id, Size size, YamlValue node) {
    }

    /** The output's channels, scale (output pixels per input pixel) and halo (input pixels). */
    record OutputGeometry(int channels, int scale, int halo) {
    }

    /** Whether statistics are per channel and per sample, from the axes they are computed over. */
    record Reduction(boolean perChannel, boolean perSample) {
    }

    protected final List<String> reasons;
    private final String nameKey;

    /** @param nameKey the key that names a tensor or a processing step */
    protected FormatReader(List<String> reasons, String nameKey) {
        this.reasons = reasons;
        this.nameKey = nameKey;
    }

    static FormatReader of(String version, List<String> reasons) {
        return version.matches("0\\.5\\.\\d+") ? new Format05Reader(reasons) : new Format04Reader(reasons);
    }

    /** The key that names a tensor or a processing step: {@code name} (0.4) or {@code id} (0.5). */
    final String nameKey() {
        return nameKey;
    }

    /** The input's data type. */
    abstract String dataType(YamlValue tensor);

    /**
     * The first test file of a tensor, or null.
     *
     * @param list  the top-level list of test files that 0.4 keeps apart ({@code test_inputs}, {@code test_outputs})
     * @param index the tensor's place among the inputs or outputs, which is its test file's place in that list
     */
    abstract String testFile(YamlValue rdf, YamlValue tensor, String list, int index);

    /** The output's channels, scale and halo relative to the input. */
    abstract OutputGeometry output(YamlValue tensor, List<Axis> axes, BioimageIoModel.Tensor in, YamlValue inputNode,
            String id);

    /** What the {@code axes} argument of a normalizing step says about per-channel and per-sample statistics. */
    abstract Reduction reduction(YamlValue kwargs, Map<String, Character> letters, boolean hasBatch);

    /** Whether {@code zero_mean_unit_variance} in this mode takes a fixed mean and std (0.4 only). */
    abstract boolean fixedMode(String mode);

    /**
     * Reads the axes as declared, without the checks both versions share.
     *
     * @return false (after a reason) if the tensor declares no axes
     */
    protected abstract boolean declaredAxes(YamlValue tensor, String what, boolean input, List<Axis> axes,
            List<String> unsupported);

    /** The axes as the description writes them, for messages. */
    protected abstract String describe(YamlValue tensor);

    /** The channels of a tensor's channel axis. */
    protected abstract int channelCount(Axis channel, YamlValue tensor);

    /** The axes of a tensor, or null (with reasons) if they cannot run here. */
    final List<Axis> axes(YamlValue tensor, String what, boolean input) {
        List<Axis> axes = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        if (!declaredAxes(tensor, what, input, axes, unsupported)) {
            return null;
        }
        if (!unsupported.isEmpty()) {
            reasons.add(what + " has a " + String.join(" and a ", unsupported) + " (axes " + describe(tensor)
                    + "); only 2D images with axes among batch, channel, y and x run here.");
            return null;
        }
        String letters = letters(axes);
        if (letters.indexOf('y') < 0 || letters.indexOf('x') < 0) {
            reasons.add(what + " lacks a y or x axis (axes " + describe(tensor) + ").");
            return null;
        }
        for (char c : letters.toCharArray()) {
            if (letters.indexOf(c) != letters.lastIndexOf(c)) {
                reasons.add(what + " has axis " + c + " twice.");
                return null;
            }
        }
        return axes;
    }

    /** Channels of a tensor: 1 without a channel axis. */
    final int channels(List<Axis> axes, YamlValue tensor) {
        Axis channel = axes.stream().filter(a -> a.letter() == 'c').findFirst().orElse(null);
        return channel == null ? 1 : channelCount(channel, tensor);
    }

    static String letters(List<Axis> axes) {
        StringBuilder s = new StringBuilder();
        axes.forEach(a -> s.append(a.letter()));
        return s.toString();
    }

    /** The ids of the axes (0.5) or their letters (0.4), by letter. */
    static Map<String, Character> axisLetters(List<Axis> axes) {
        Map<String, Character> letters = new LinkedHashMap<>();
        for (Axis a : axes) {
            letters.put(a.id(), a.letter());
        }
        return letters;
    }

    protected final int integerScale(double scale, String tensor, String axis) {
        if (scale < 1 || scale != Math.rint(scale)) {
            reasons.add("Output " + tensor + " axis " + axis + " is " + scale + " times the input's size; only "
                    + "whole-number scales of 1 or more run here.");
            return 1;
        }
        return (int) scale;
    }

    protected final int sameScale(Integer[] scales, String tensor) {
        if (scales[0] == null || scales[1] == null) {
            reasons.add("Output " + tensor + " lacks the scale of its y or x axis.");
            return 1;
        }
        if (!scales[0].equals(scales[1])) {
            reasons.add("Output " + tensor + " scales y by " + scales[0] + " and x by " + scales[1]
                    + "; only equal scales run here.");
        }
        return scales[0];
    }
}
