package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tensors of a format 0.4 description ({@code model/v0_4.py}): axes as a string of letters, a data type, a shape
 * that is fixed, {@code min + n*step} (inputs) or relative to an input (outputs), an output halo, the processing
 * steps, and the test tensors listed apart ({@code test_inputs}, {@code test_outputs}) against those shapes.
 */
final class Format04Check extends FormatCheck {

    Format04Check(YamlValue rdf, Problems problems, ArchiveFiles files) {
        super(rdf, problems, files, false);
    }

    @Override
    void check(List<YamlValue> inputs, List<YamlValue> outputs, Set<String> ids) throws IOException {
        Set<String> inputNames = new HashSet<>();
        inputs.forEach(t -> inputNames.add(t.get("name").string()));
        for (YamlValue t : inputs) {
            tensor(t, true, inputNames);
        }
        for (YamlValue t : outputs) {
            tensor(t, false, inputNames);
        }
        testTensors(rdf.get("test_inputs"), inputs, true);
        testTensors(rdf.get("test_outputs"), outputs, false);
    }

    private void tensor(YamlValue t, boolean input, Set<String> inputNames) {
        YamlValue axesValue = t.get("axes");
        String axes = axesValue.string();
        if (problems.requireString(axesValue)) {
            if (!axes.matches("[bitczyx]+")) {
                problems.add(axesValue, "may only use the letters b, i, t, c, z, y, x");
            }
            for (char a : axes.toCharArray()) {
                if (axes.indexOf(a) != axes.lastIndexOf(a)) {
                    problems.add(axesValue, "has axis " + a + " twice");
                    break;
                }
            }
        }
        YamlValue dataType = t.get("data_type");
        if (problems.requireString(dataType)) {
            Set<String> allowed = input ? Set.of("float32", "uint8", "uint16") : SpecTerms.DTYPES;
            if (!allowed.contains(dataType.string())) {
                problems.add(dataType, "must be one of " + new TreeSet<>(allowed));
            }
        }
        int n = axes == null ? -1 : axes.length();
        shape(t.get("shape"), input, axes, n, inputNames);
        YamlValue halo = t.get("halo");
        if (!input && !halo.isMissing()) {
            List<Long> h = halo.integers();
            if (h == null || h.size() != n) {
                problems.add(halo, "must give a halo for each of the " + n + " axes");
            }
        }
        processing.check(t.get(input ? "preprocessing" : "postprocessing"), input,
                axes == null ? Set.of() : SpecTerms.letters(axes), inputNames);
    }

    private void shape(YamlValue shape, boolean input, String axes, int n, Set<String> inputNames) {
        if (shape.isMissing()) {
            problems.add(shape, "required");
        } else if (shape.isList()) {
            List<Long> sizes = shape.integers();
            if (sizes == null || sizes.size() != n || sizes.stream().anyMatch(s -> s < 1)) {
                problems.add(shape, "must list " + n + " positive sizes, one per axis");
            } else if (input && axes.indexOf('b') >= 0 && sizes.get(axes.indexOf('b')) != 1) {
                problems.add(shape, "must be 1 along the batch axis");
            }
        } else if (input) {
            List<Long> min = shape.get("min").integers();
            List<Long> step = shape.get("step").integers();
            if (min == null || step == null || min.size() != n || step.size() != n) {
                problems.add(shape, "must give min and step for each of the " + n + " axes");
            } else if (axes.indexOf('b') >= 0 && (min.get(axes.indexOf('b')) != 1 || step.get(axes.indexOf('b'))
                    != 0)) {
                problems.add(shape, "must have min 1 and step 0 along the batch axis");
            }
        } else {
            String reference = shape.get("reference_tensor").string();
            if (reference == null || !inputNames.contains(reference)) {
                problems.add(shape.get("reference_tensor"), "must name an input tensor");
            }
            List<YamlValue> scale = shape.get("scale").list();
            List<Double> offset = shape.get("offset").numbers();
            if (scale == null || scale.size() != n) {
                problems.add(shape.get("scale"), "must give a scale for each of the " + n + " axes");
            }
            if (offset == null || offset.size() != n) {
                problems.add(shape.get("offset"), "must give an offset for each of the " + n + " axes");
            } else if (offset.stream().anyMatch(o -> o * 2 != Math.rint(o * 2))) {
                problems.add(shape.get("offset"), "offsets must be multiples of 0.5");
            }
        }
    }

    private void testTensors(YamlValue list, List<YamlValue> tensors, boolean input) throws IOException {
        List<YamlValue> names = problems.nonEmptyList(list, "list of .npy files");
        if (names.isEmpty()) {
            return;
        }
        if (names.size() != tensors.size()) {
            problems.add(list, "lists " + names.size() + " files for " + tensors.size() + " tensors");
        }
        for (int i = 0; i < Math.min(names.size(), tensors.size()); i++) {
            YamlValue file = names.get(i);
            if (!problems.requireString(file)) {
                continue;
            }
            if (!file.string().endsWith(".npy")) {
                problems.add(file, "must be a .npy file");
            }
            long[] shape = files.arrayShape(file);
            YamlValue t = tensors.get(i);
            String axes = t.get("axes").string();
            if (shape == null || axes == null) {
                continue;
            }
            if (shape.length != axes.length()) {
                problems.add(file, "has " + shape.length + " dimensions for axes " + axes);
                continue;
            }
            Map<String, Long> sizes = new HashMap<>();
            for (int a = 0; a < axes.length(); a++) {
                sizes.put(String.valueOf(axes.charAt(a)), shape[a]);
            }
            testSizes.put(t.get("name").string(), sizes);
            testShape(file, shape, axes, t.get("shape"));
            if (!input && t.get("shape").isMap()) {
                testShapeFromReference(file, shape, axes, t.get("shape"));
            }
        }
    }

    /** A test tensor against a fixed shape or {@code min + n*step}. */
    private void testShape(YamlValue file, long[] shape, String axes, YamlValue shapeSpec) {
        List<Long> fixed = shapeSpec.integers();
        List<Long> min = shapeSpec.get("min").integers();
        List<Long> step = shapeSpec.get("step").integers();
        for (int a = 0; a < axes.length(); a++) {
            if (fixed != null && fixed.size() == axes.length() && shape[a] != fixed.get(a)) {
                problems.add(file, "axis " + axes.charAt(a) + " has size " + shape[a] + ", the shape says "
                        + fixed.get(a));
            } else if (min != null && step != null && min.size() == axes.length() && step.size() == min.size()
                    && !SpecTerms.fits(shape[a], min.get(a), step.get(a))) {
                problems.add(file, "axis " + axes.charAt(a) + " has size " + shape[a] + ", which is not " + min.get(a)
                        + " + n*" + step.get(a));
            }
        }
    }

    /** An output test tensor against its reference input's test tensor: {@code ref * scale + 2 * offset}. */
    private void testShapeFromReference(YamlValue file, long[] shape, String axes, YamlValue shapeSpec) {
        Map<String, Long> ref = testSizes.get(shapeSpec.get("reference_tensor").string());
        List<YamlValue> scale = shapeSpec.get("scale").list();
        List<Double> offset = shapeSpec.get("offset").numbers();
        if (ref == null || scale == null || offset == null || scale.size() != axes.length()
                || offset.size() != axes.length()) {
            return;
        }
        for (int a = 0; a < axes.length(); a++) {
            Double s = scale.get(a).number();
            Long refSize = ref.get(String.valueOf(axes.charAt(a)));
            long expected = s == null || refSize == null ? (long) (2 * offset.get(a))
                    : (long) (refSize * s + 2 * offset.get(a));
            if ((s == null || refSize != null) && shape[a] != expected) {
                problems.add(file, "axis " + axes.charAt(a) + " has size " + shape[a] + ", the shape says "
                        + expected);
            }
        }
    }
}
