package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of a format 0.5 description ({@code model/v0_5.py}): a list of typed axes with ids, each space or time
 * axis sized by a number, {@code {min, step}} (inputs only) or a reference to another tensor's axis, output halos,
 * data types, the processing steps, and each tensor's own test tensor against its axes, including sizes that refer
 * to other tensors.
 */
final class Format05Check extends FormatCheck {

    private static final Set<String> AXIS_TYPES = Set.of("batch", "channel", "index", "time", "space");

    Format05Check(YamlValue rdf, Problems problems, ArchiveFiles files) {
        super(rdf, problems, files, true);
    }

    @Override
    void check(List<YamlValue> inputs, List<YamlValue> outputs, Set<String> ids) throws IOException {
        List<YamlValue> all = SpecTerms.concat(inputs, outputs);
        Map<String, Map<String, YamlValue>> axes = new LinkedHashMap<>();
        for (YamlValue t : all) {
            axes.put(t.get("id").string(), axes(t));
        }
        for (YamlValue t : inputs) {
            tensor(t, true, axes, ids);
        }
        for (YamlValue t : outputs) {
            tensor(t, false, axes, ids);
        }
        sizeReferences(all, axes);
    }

    /** The axes of a tensor by id, after checking each axis on its own. */
    private Map<String, YamlValue> axes(YamlValue tensor) {
        Map<String, YamlValue> byId = new LinkedHashMap<>();
        YamlValue axes = tensor.get("axes");
        List<YamlValue> list = problems.nonEmptyList(axes, "list of axes");
        if (list.isEmpty()) {
            return byId;
        }
        int batches = 0;
        for (YamlValue a : list) {
            String type = a.get("type").string();
            if (type == null || !AXIS_TYPES.contains(type)) {
                problems.add(a.get("type"), type == null ? "required" : "unknown axis type " + type);
                continue;
            }
            String id = a.get("id").string();
            if (id == null) {
                id = type.equals("space") ? "x" : type;
            }
            if (!id.matches(SpecTerms.IDENTIFIER) || id.length() > 16) {
                problems.add(a.get("id"), "must be a lower-case identifier of at most 16 characters");
            }
            if (byId.put(id, a) != null) {
                problems.add(a, "duplicate axis id " + id);
            }
            if (type.equals("batch")) {
                batches++;
                if (!id.equals("batch")) {
                    problems.add(a.get("id"), "a batch axis has the id 'batch'");
                }
            } else if (!type.equals("channel") && id.equals("batch")) {
                problems.add(a.get("id"), "only the batch axis may have the id 'batch'");
            }
            if (type.equals("channel")) {
                List<YamlValue> names = a.get("channel_names").list();
                if (names == null || names.isEmpty()) {
                    problems.add(a.get("channel_names"), "required: a non-empty list of names");
                }
            }
        }
        if (batches > 1) {
            problems.add(axes, "has " + batches + " batch axes");
        }
        return byId;
    }

    private void tensor(YamlValue t, boolean input, Map<String, Map<String, YamlValue>> axes, Set<String> ids)
            throws IOException {
        String id = t.get("id").string();
        Map<String, YamlValue> own = axes.getOrDefault(id, Map.of());
        for (YamlValue a : own.values()) {
            String type = a.get("type").string();
            if (!type.equals("batch") && !type.equals("channel")) {
                spatialAxis(a, id, input, axes);
            }
        }
        YamlValue data = t.get("data");
        if (!data.isMissing()) {
            List<YamlValue> perChannel = data.list();
            for (YamlValue d : perChannel == null ? List.of(data) : perChannel) {
                String type = d.get("type").string();
                if (type != null && !SpecTerms.DTYPES.contains(type)) {
                    problems.add(d.get("type"), "unknown data type " + type);
                }
            }
        }
        Set<String> inputIds = new HashSet<>();
        List<YamlValue> inputs = rdf.get("inputs").list();
        if (inputs != null) {
            inputs.forEach(i -> inputIds.add(i.get("id").string()));
        }
        processing.check(t.get(input ? "preprocessing" : "postprocessing"), input, own.keySet(),
                input ? inputIds : ids);
        testTensor(t.get("test_tensor"), id, own);
    }

    /** A space, time or index axis: its size, halo and scale. */
    private void spatialAxis(YamlValue a, String tensorId, boolean input, Map<String, Map<String, YamlValue>> axes) {
        YamlValue size = a.get("size");
        if (size.isMissing()) {
            problems.add(size, "required");
        } else if (size.integer() != null) {
            if (size.integer() < 1) {
                problems.add(size, "must be positive");
            }
        } else if (size.isMap() && size.has("min")) {
            if (!input) {
                problems.add(size, "an output axis cannot have a parameterized size");
            }
            Long min = size.get("min").integer();
            Long step = size.get("step").integer();
            if (min == null || min < 1 || step == null || step < 1) {
                problems.add(size, "min and step must be positive whole numbers");
            }
        } else if (size.isMap() && size.has("tensor_id")) {
            sizeReference(size, tensorId, a.get("id").string(), axes);
        } else {
            problems.add(size, "must be a size, {min, step} or {tensor_id, axis_id}");
        }
        YamlValue halo = a.get("halo");
        if (!halo.isMissing()) {
            if (input) {
                problems.add(halo, "only output axes have a halo");
            } else if (halo.integer() == null || halo.integer() < 1) {
                problems.add(halo, "must be a positive whole number");
            } else if (!(size.isMap() && size.has("tensor_id"))) {
                problems.add(halo, "needs a size that refers to another axis");
            }
        }
        Double scale = a.get("scale").number();
        if (!a.get("scale").isMissing() && (scale == null || !(scale > 0))) {
            problems.add(a.get("scale"), "must be a positive number");
        }
    }

    private void sizeReference(YamlValue size, String tensorId, String axisId,
            Map<String, Map<String, YamlValue>> axes) {
        String refTensor = size.get("tensor_id").string();
        String refAxis = size.get("axis_id").string();
        YamlValue ref = axes.getOrDefault(refTensor, Map.of()).get(refAxis);
        if (ref == null) {
            problems.add(size, "refers to " + refTensor + "." + refAxis + ", which does not exist");
        } else if ("batch".equals(ref.get("type").string())) {
            problems.add(size, "must not refer to a batch axis");
        } else if (refTensor.equals(tensorId) && refAxis.equals(axisId)) {
            problems.add(size, "must not refer to its own axis");
        }
        if (!size.get("offset").isMissing() && size.get("offset").integer() == null) {
            problems.add(size.get("offset"), "must be a whole number");
        }
    }

    private void testTensor(YamlValue test, String id, Map<String, YamlValue> own) throws IOException {
        if (!test.isMap()) {
            problems.add(test, "required: a map with the source of a .npy file");
            return;
        }
        YamlValue source = test.get("source");
        if (!problems.requireString(source)) {
            return;
        }
        if (!source.string().endsWith(".npy")) {
            problems.add(source, "must be a .npy file");
        }
        files.sha256(test.get("sha256"), files.testTensor(source.string()));
        long[] shape = files.arrayShape(source);
        if (shape == null) {
            return;
        }
        List<String> order = new ArrayList<>(own.keySet());
        if (shape.length != order.size()) {
            problems.add(source, "has " + shape.length + " dimensions for " + order.size() + " axes");
            return;
        }
        Map<String, Long> sizes = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            sizes.put(order.get(i), shape[i]);
            testAxis(source, order.get(i), own.get(order.get(i)), shape[i]);
        }
        testSizes.put(id, sizes);
    }

    /** One axis of a test tensor against what the axis declares (sizes by reference are checked afterwards). */
    private void testAxis(YamlValue source, String axisId, YamlValue a, long actual) {
        String type = a.get("type").string();
        YamlValue size = a.get("size");
        if (type.equals("batch")) {
            if (size.integer() != null && actual != size.integer()) {
                problems.add(source, "has batch size " + actual + ", the axis says " + size.integer());
            }
        } else if (type.equals("channel")) {
            List<YamlValue> names = a.get("channel_names").list();
            if (names != null && actual != names.size()) {
                problems.add(source, "has " + actual + " channels for " + names.size() + " channel names");
            }
        } else if (size.integer() != null && actual != size.integer()) {
            problems.add(source, "axis " + axisId + " has size " + actual + ", the axis says " + size.integer());
        } else if (size.isMap() && size.has("min") && size.get("min").integer() != null
                && size.get("step").integer() != null
                && !SpecTerms.fits(actual, size.get("min").integer(), size.get("step").integer())) {
            problems.add(source, "axis " + axisId + " has size " + actual + ", which is not "
                    + size.get("min").integer() + " + n*" + size.get("step").integer());
        }
    }

    /** Test tensor sizes along axes sized by a reference: {@code ref * ref.scale / axis.scale + offset}. */
    private void sizeReferences(List<YamlValue> tensors, Map<String, Map<String, YamlValue>> axes) {
        for (YamlValue t : tensors) {
            String id = t.get("id").string();
            Map<String, Long> sizes = testSizes.get(id);
            if (sizes == null) {
                continue;
            }
            for (Map.Entry<String, YamlValue> e : axes.getOrDefault(id, Map.of()).entrySet()) {
                YamlValue size = e.getValue().get("size");
                if (!(size.isMap() && size.has("tensor_id"))) {
                    continue;
                }
                String refTensor = size.get("tensor_id").string();
                String refAxis = size.get("axis_id").string();
                YamlValue ref = axes.getOrDefault(refTensor, Map.of()).get(refAxis);
                Long refSize = testSizes.getOrDefault(refTensor, Map.of()).get(refAxis);
                Long actual = sizes.get(e.getKey());
                if (ref == null || refSize == null || actual == null) {
                    continue;
                }
                long expected = (long) (refSize * scaleOf(ref) / scaleOf(e.getValue())
                        + (size.get("offset").integer() == null ? 0 : size.get("offset").integer()));
                if (actual != expected) {
                    problems.add(t.get("test_tensor").get("source"), "axis " + e.getKey() + " has size " + actual
                            + ", but " + refTensor + "." + refAxis + " of size " + refSize + " makes it " + expected);
                }
            }
        }
    }

    private static double scaleOf(YamlValue axis) {
        Double s = axis.get("scale").number();
        return s == null || !(s > 0) ? 1.0 : s;
    }
}
