package io.github.imagejgan.model.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.imagejgan.model.ModelFormatException;

/**
 * Checks a bioimage.io model archive against the model specification, formats 0.4 and 0.5, as published in
 * {@code bioimageio.spec} ({@code model/v0_4.py}, {@code model/v0_5.py}, {@code generic/v0_3.py}): required fields and
 * their types, tensor ids and axes, sizes and the references between them, processing steps and their arguments,
 * the files the description names (present in the archive, SHA-256 where given), and the test tensors against the
 * axes and sizes they must fit. Each problem is reported as {@code field: what is wrong}.
 *
 * <p>It is a reading of the specification, not its reference implementation: it checks what decides whether tools
 * can use the model, and leaves out checks that need the internet (URLs, ORCIDs, licence metadata).
 */
final class BioimageIoValidator {

    private static final Set<String> WEIGHT_FORMATS = Set.of("keras_hdf5", "onnx", "pytorch_state_dict",
            "tensorflow_js", "tensorflow_saved_model_bundle", "torchscript");
    private static final Set<String> PRE_04 = Set.of("binarize", "clip", "scale_linear", "sigmoid",
            "zero_mean_unit_variance", "scale_range");
    private static final Set<String> POST_04 = union(PRE_04, Set.of("scale_mean_variance"));
    private static final Set<String> PRE_05 = union(PRE_04, Set.of("ensure_dtype"));
    private static final Set<String> POST_05 = union(PRE_05, Set.of("fixed_zero_mean_unit_variance",
            "scale_mean_variance"));
    private static final Set<String> DTYPES = Set.of("float32", "float64", "uint8", "int8", "uint16", "int16",
            "uint32", "int32", "uint64", "int64", "bool");
    private static final Set<String> AXIS_TYPES = Set.of("batch", "channel", "index", "time", "space");
    private static final String IDENTIFIER = "[a-z0-9_]+";

    private final BioimageIoZip zip;
    private final YamlValue rdf;
    private final List<String> problems = new ArrayList<>();
    /** Axis sizes of the test tensors, by tensor id and axis id, for checking size references. */
    private final Map<String, Map<String, Long>> testSizes = new HashMap<>();

    private BioimageIoValidator(BioimageIoZip zip) {
        this.zip = zip;
        this.rdf = zip.rdf();
    }

    /** Every way the archive deviates from the specification; empty if none was found. */
    static List<String> problems(BioimageIoZip zip) throws IOException {
        BioimageIoValidator v = new BioimageIoValidator(zip);
        v.validate();
        return List.copyOf(v.problems);
    }

    private void problem(YamlValue where, String message) {
        problems.add((where.path().isEmpty() ? "rdf.yaml" : where.path()) + ": " + message);
    }

    private void validate() throws IOException {
        YamlValue version = rdf.get("format_version");
        String fv = version.string();
        boolean v05 = fv != null && fv.matches("0\\.5\\.\\d+");
        boolean v04 = fv != null && fv.matches("0\\.4\\.\\d+");
        if (!v04 && !v05) {
            problem(version, fv == null ? "required" : "unknown format version " + fv + " (0.4.x and 0.5.x are "
                    + "checked)");
            return;
        }
        YamlValue type = rdf.get("type");
        if (v05 && type.isMissing()) {
            problem(type, "required");
        } else if (!type.isMissing() && !"model".equals(type.string())) {
            problem(type, "must be 'model'");
        }
        YamlValue name = rdf.get("name");
        if (requireString(name)) {
            String n = name.string();
            if (v05 && (n.length() < 5 || n.length() > 128)) {
                problem(name, "must have 5 to 128 characters, has " + n.length());
            }
            if (v05 && !n.matches("[A-Za-z0-9_\\- ()]*")) {
                problem(name, "may only contain letters, digits, underscore, minus, parentheses and spaces");
            }
        }
        YamlValue description = rdf.get("description");
        if (requireString(description) && v05 && description.string().length() > 1024) {
            problem(description, "longer than 1024 characters");
        }
        people(rdf.get("authors"));
        citations(rdf.get("cite"));
        YamlValue license = rdf.get("license");
        if (requireString(license) && !license.string().matches("[A-Za-z0-9.+\\-]+")) {
            problem(license, "is not an SPDX license identifier");
        }
        YamlValue documentation = rdf.get("documentation");
        if (requireString(documentation)) {
            if (!documentation.string().endsWith(".md")) {
                problem(documentation, "must be a Markdown file (.md)");
            }
            file(documentation);
        }
        YamlValue covers = rdf.get("covers");
        if (!covers.isMissing()) {
            List<YamlValue> list = covers.list();
            if (list == null) {
                problem(covers, "must be a list of image files");
            } else {
                for (YamlValue cover : list) {
                    if (requireString(cover)) {
                        if (!cover.string().toLowerCase().matches(".*\\.(png|jpe?g|gif|svg)$")) {
                            problem(cover, "must be a .png, .jpg, .jpeg, .gif or .svg image");
                        }
                        file(cover);
                    }
                }
            }
        }
        if (v04 && rdf.get("timestamp").isMissing()) {
            problem(rdf.get("timestamp"), "required");
        }
        weights(rdf.get("weights"), v05);
        List<YamlValue> inputs = tensorList(rdf.get("inputs"));
        List<YamlValue> outputs = tensorList(rdf.get("outputs"));
        Set<String> ids = new HashSet<>();
        for (YamlValue t : concat(inputs, outputs)) {
            YamlValue id = t.get(v05 ? "id" : "name");
            if (requireString(id)) {
                if (!id.string().matches(IDENTIFIER) || v05 && id.string().length() > 32) {
                    problem(id, "must be a lower-case identifier (a-z, 0-9, _)" + (v05 ? " of at most 32 characters"
                            : ""));
                }
                if (!ids.add(id.string())) {
                    problem(id, "duplicate tensor " + (v05 ? "id" : "name") + " " + id.string());
                }
            }
        }
        if (v05) {
            Map<String, Map<String, YamlValue>> axes = new LinkedHashMap<>();
            for (YamlValue t : concat(inputs, outputs)) {
                axes.put(t.get("id").string(), axes05(t));
            }
            for (YamlValue t : inputs) {
                tensor05(t, true, axes, ids);
            }
            for (YamlValue t : outputs) {
                tensor05(t, false, axes, ids);
            }
            sizeReferences05(concat(inputs, outputs), axes);
        } else {
            Set<String> inputNames = new HashSet<>();
            inputs.forEach(t -> inputNames.add(t.get("name").string()));
            for (YamlValue t : inputs) {
                tensor04(t, true, inputNames);
            }
            for (YamlValue t : outputs) {
                tensor04(t, false, inputNames);
            }
            testTensors04(rdf.get("test_inputs"), inputs, true, inputs);
            testTensors04(rdf.get("test_outputs"), outputs, false, inputs);
        }
    }

    // ---- generic fields

    private boolean requireString(YamlValue v) {
        if (v.isMissing()) {
            problem(v, "required");
            return false;
        }
        if (!v.isString() || v.string().isBlank()) {
            problem(v, "must be a non-empty string");
            return false;
        }
        return true;
    }

    /** The items of a list that must have some; none, after a problem, when it is missing, empty or no list. */
    private List<YamlValue> nonEmptyList(YamlValue value, String what) {
        List<YamlValue> list = value.list();
        if (list == null || list.isEmpty()) {
            problem(value, value.isMissing() ? "required" : "must be a non-empty " + what);
            return List.of();
        }
        return list;
    }

    private void people(YamlValue authors) {
        for (YamlValue a : nonEmptyList(authors, "list")) {
            if (!a.isMap()) {
                problem(a, "must be a map with a name");
            } else {
                requireString(a.get("name"));
            }
        }
    }

    private void citations(YamlValue cite) {
        for (YamlValue c : nonEmptyList(cite, "list")) {
            if (!c.isMap()) {
                problem(c, "must be a map with text and doi or url");
                continue;
            }
            requireString(c.get("text"));
            if (!c.has("doi") && !c.has("url")) {
                problem(c, "needs a doi or a url");
            }
        }
    }

    /** A file the description names must be in the archive (URLs are not followed). */
    private byte[] file(YamlValue source) throws IOException {
        String s = source.string();
        if (BioimageIoZip.isUrl(s)) {
            return null;
        }
        if (!zip.has(s)) {
            problem(source, "names " + s + ", which the archive does not hold");
            return null;
        }
        return zip.read(s, BioimageIoZip.MAX_WEIGHTS_BYTES);
    }

    private void sha256(YamlValue sha, byte[] content) {
        if (sha.isMissing()) {
            return;
        }
        if (!sha.isString() || !sha.string().matches("[0-9a-fA-F]{64}")) {
            problem(sha, "must be 64 hexadecimal digits");
        } else if (content != null && !Sha256.matches(sha.string(), content)) {
            problem(sha, "does not match the file (its SHA-256 is " + Sha256.hex(content) + ")");
        }
    }

    private void weights(YamlValue weights, boolean v05) throws IOException {
        if (!weights.isMap() || weights.keys().isEmpty()) {
            problem(weights, weights.isMissing() ? "required" : "must map weight formats to weight files");
            return;
        }
        for (String format : weights.keys()) {
            YamlValue entry = weights.get(format);
            if (!WEIGHT_FORMATS.contains(format)) {
                problem(entry, "unknown weights format (known: " + new java.util.TreeSet<>(WEIGHT_FORMATS) + ")");
                continue;
            }
            if (!entry.isMap()) {
                problem(entry, "must be a map with a source");
                continue;
            }
            YamlValue source = entry.get("source");
            byte[] content = requireString(source) ? file(source) : null;
            sha256(entry.get("sha256"), content);
            String parent = entry.get("parent").string();
            if (parent != null && (parent.equals(format) || !weights.keys().contains(parent))) {
                problem(entry.get("parent"), "must name another weights format of this model");
            }
            if (v05 && format.equals("torchscript") && entry.get("pytorch_version").string() == null) {
                problem(entry.get("pytorch_version"), "required");
            }
        }
    }

    private List<YamlValue> tensorList(YamlValue tensors) {
        List<YamlValue> list = nonEmptyList(tensors, "list");
        List<YamlValue> maps = new ArrayList<>();
        for (YamlValue t : list) {
            if (t.isMap()) {
                maps.add(t);
            } else {
                problem(t, "must be a map");
            }
        }
        return maps;
    }

    // ---- format 0.4

    private void tensor04(YamlValue t, boolean input, Set<String> inputNames) {
        YamlValue axesValue = t.get("axes");
        String axes = axesValue.string();
        if (requireString(axesValue)) {
            if (!axes.matches("[bitczyx]+")) {
                problem(axesValue, "may only use the letters b, i, t, c, z, y, x");
            }
            for (char a : axes.toCharArray()) {
                if (axes.indexOf(a) != axes.lastIndexOf(a)) {
                    problem(axesValue, "has axis " + a + " twice");
                    break;
                }
            }
        }
        YamlValue dataType = t.get("data_type");
        if (requireString(dataType)) {
            Set<String> allowed = input ? Set.of("float32", "uint8", "uint16") : DTYPES;
            if (!allowed.contains(dataType.string())) {
                problem(dataType, "must be one of " + new java.util.TreeSet<>(allowed));
            }
        }
        int n = axes == null ? -1 : axes.length();
        YamlValue shape = t.get("shape");
        if (shape.isMissing()) {
            problem(shape, "required");
        } else if (shape.isList()) {
            List<Long> sizes = shape.integers();
            if (sizes == null || sizes.size() != n || sizes.stream().anyMatch(s -> s < 1)) {
                problem(shape, "must list " + n + " positive sizes, one per axis");
            } else if (input && axes.indexOf('b') >= 0 && sizes.get(axes.indexOf('b')) != 1) {
                problem(shape, "must be 1 along the batch axis");
            }
        } else if (input) {
            List<Long> min = shape.get("min").integers();
            List<Long> step = shape.get("step").integers();
            if (min == null || step == null || min.size() != n || step.size() != n) {
                problem(shape, "must give min and step for each of the " + n + " axes");
            } else if (axes.indexOf('b') >= 0 && (min.get(axes.indexOf('b')) != 1 || step.get(axes.indexOf('b'))
                    != 0)) {
                problem(shape, "must have min 1 and step 0 along the batch axis");
            }
        } else {
            String reference = shape.get("reference_tensor").string();
            if (reference == null || !inputNames.contains(reference)) {
                problem(shape.get("reference_tensor"), "must name an input tensor");
            }
            List<YamlValue> scale = shape.get("scale").list();
            List<Double> offset = shape.get("offset").numbers();
            if (scale == null || scale.size() != n) {
                problem(shape.get("scale"), "must give a scale for each of the " + n + " axes");
            }
            if (offset == null || offset.size() != n) {
                problem(shape.get("offset"), "must give an offset for each of the " + n + " axes");
            } else if (offset.stream().anyMatch(o -> o * 2 != Math.rint(o * 2))) {
                problem(shape.get("offset"), "offsets must be multiples of 0.5");
            }
        }
        YamlValue halo = t.get("halo");
        if (!input && !halo.isMissing()) {
            List<Long> h = halo.integers();
            if (h == null || h.size() != n) {
                problem(halo, "must give a halo for each of the " + n + " axes");
            }
        }
        processing(t.get(input ? "preprocessing" : "postprocessing"), input ? PRE_04 : POST_04, false,
                axes == null ? Set.of() : letters(axes), inputNames);
    }

    private static Set<String> letters(String axes) {
        Set<String> set = new HashSet<>();
        for (char c : axes.toCharArray()) {
            set.add(String.valueOf(c));
        }
        return set;
    }

    private void testTensors04(YamlValue files, List<YamlValue> tensors, boolean input, List<YamlValue> inputs)
            throws IOException {
        List<YamlValue> list = nonEmptyList(files, "list of .npy files");
        if (list.isEmpty()) {
            return;
        }
        if (list.size() != tensors.size()) {
            problem(files, "lists " + list.size() + " files for " + tensors.size() + " tensors");
        }
        for (int i = 0; i < Math.min(list.size(), tensors.size()); i++) {
            YamlValue file = list.get(i);
            if (!requireString(file)) {
                continue;
            }
            if (!file.string().endsWith(".npy")) {
                problem(file, "must be a .npy file");
            }
            long[] shape = arrayShape(file);
            YamlValue t = tensors.get(i);
            String axes = t.get("axes").string();
            if (shape == null || axes == null) {
                continue;
            }
            if (shape.length != axes.length()) {
                problem(file, "has " + shape.length + " dimensions for axes " + axes);
                continue;
            }
            Map<String, Long> sizes = new HashMap<>();
            for (int a = 0; a < axes.length(); a++) {
                sizes.put(String.valueOf(axes.charAt(a)), shape[a]);
            }
            testSizes.put(t.get("name").string(), sizes);
            YamlValue shapeSpec = t.get("shape");
            List<Long> fixed = shapeSpec.integers();
            List<Long> min = shapeSpec.get("min").integers();
            List<Long> step = shapeSpec.get("step").integers();
            for (int a = 0; a < axes.length(); a++) {
                if (fixed != null && fixed.size() == axes.length() && shape[a] != fixed.get(a)) {
                    problem(file, "axis " + axes.charAt(a) + " has size " + shape[a] + ", the shape says "
                            + fixed.get(a));
                } else if (min != null && step != null && min.size() == axes.length() && step.size() == min.size()
                        && !fits(shape[a], min.get(a), step.get(a))) {
                    problem(file, "axis " + axes.charAt(a) + " has size " + shape[a] + ", which is not " + min.get(a)
                            + " + n*" + step.get(a));
                }
            }
            if (!input && shapeSpec.isMap()) {
                Map<String, Long> ref = testSizes.get(shapeSpec.get("reference_tensor").string());
                List<YamlValue> scale = shapeSpec.get("scale").list();
                List<Double> offset = shapeSpec.get("offset").numbers();
                if (ref != null && scale != null && offset != null && scale.size() == axes.length()
                        && offset.size() == axes.length()) {
                    for (int a = 0; a < axes.length(); a++) {
                        Double s = scale.get(a).number();
                        Long refSize = ref.get(String.valueOf(axes.charAt(a)));
                        long expected = s == null || refSize == null ? (long) (2 * offset.get(a))
                                : (long) (refSize * s + 2 * offset.get(a));
                        if ((s == null || refSize != null) && shape[a] != expected) {
                            problem(file, "axis " + axes.charAt(a) + " has size " + shape[a] + ", the shape says "
                                    + expected);
                        }
                    }
                }
            }
        }
    }

    private static boolean fits(long size, long min, long step) {
        return step == 0 ? size == min : size >= min && (size - min) % step == 0;
    }

    private long[] arrayShape(YamlValue file) throws IOException {
        if (BioimageIoZip.isUrl(file.string())) {
            return null;
        }
        if (!zip.has(file.string())) {
            problem(file, "names " + file.string() + ", which the archive does not hold");
            return null;
        }
        try {
            return NpyArray.read(zip.read(file.string(), BioimageIoZip.MAX_TENSOR_BYTES), file.string()).shape();
        } catch (ModelFormatException e) {
            problem(file, e.getMessage());
            return null;
        }
    }

    // ---- format 0.5

    /** The axes of a tensor by id, after checking each axis on its own. */
    private Map<String, YamlValue> axes05(YamlValue tensor) {
        Map<String, YamlValue> byId = new LinkedHashMap<>();
        YamlValue axes = tensor.get("axes");
        List<YamlValue> list = nonEmptyList(axes, "list of axes");
        if (list.isEmpty()) {
            return byId;
        }
        int batches = 0;
        for (YamlValue a : list) {
            String type = a.get("type").string();
            if (type == null || !AXIS_TYPES.contains(type)) {
                problem(a.get("type"), type == null ? "required" : "unknown axis type " + type);
                continue;
            }
            String id = a.get("id").string();
            if (id == null) {
                id = type.equals("space") ? "x" : type;
            }
            if (!id.matches(IDENTIFIER) || id.length() > 16) {
                problem(a.get("id"), "must be a lower-case identifier of at most 16 characters");
            }
            if (byId.put(id, a) != null) {
                problem(a, "duplicate axis id " + id);
            }
            if (type.equals("batch")) {
                batches++;
                if (!id.equals("batch")) {
                    problem(a.get("id"), "a batch axis has the id 'batch'");
                }
            } else if (!type.equals("channel") && id.equals("batch")) {
                problem(a.get("id"), "only the batch axis may have the id 'batch'");
            }
            if (type.equals("channel")) {
                List<YamlValue> names = a.get("channel_names").list();
                if (names == null || names.isEmpty()) {
                    problem(a.get("channel_names"), "required: a non-empty list of names");
                }
            }
        }
        if (batches > 1) {
            problem(axes, "has " + batches + " batch axes");
        }
        return byId;
    }

    private void tensor05(YamlValue t, boolean input, Map<String, Map<String, YamlValue>> axes, Set<String> ids)
            throws IOException {
        String id = t.get("id").string();
        Map<String, YamlValue> own = axes.getOrDefault(id, Map.of());
        for (YamlValue a : own.values()) {
            String type = a.get("type").string();
            if (type.equals("batch") || type.equals("channel")) {
                continue;
            }
            YamlValue size = a.get("size");
            if (size.isMissing()) {
                problem(size, "required");
            } else if (size.integer() != null) {
                if (size.integer() < 1) {
                    problem(size, "must be positive");
                }
            } else if (size.isMap() && size.has("min")) {
                if (!input) {
                    problem(size, "an output axis cannot have a parameterized size");
                }
                Long min = size.get("min").integer();
                Long step = size.get("step").integer();
                if (min == null || min < 1 || step == null || step < 1) {
                    problem(size, "min and step must be positive whole numbers");
                }
            } else if (size.isMap() && size.has("tensor_id")) {
                String refTensor = size.get("tensor_id").string();
                String refAxis = size.get("axis_id").string();
                YamlValue ref = axes.getOrDefault(refTensor, Map.of()).get(refAxis);
                if (ref == null) {
                    problem(size, "refers to " + refTensor + "." + refAxis + ", which does not exist");
                } else if ("batch".equals(ref.get("type").string())) {
                    problem(size, "must not refer to a batch axis");
                } else if (refTensor.equals(id) && refAxis.equals(a.get("id").string())) {
                    problem(size, "must not refer to its own axis");
                }
                if (!size.get("offset").isMissing() && size.get("offset").integer() == null) {
                    problem(size.get("offset"), "must be a whole number");
                }
            } else {
                problem(size, "must be a size, {min, step} or {tensor_id, axis_id}");
            }
            YamlValue halo = a.get("halo");
            if (!halo.isMissing()) {
                if (input) {
                    problem(halo, "only output axes have a halo");
                } else if (halo.integer() == null || halo.integer() < 1) {
                    problem(halo, "must be a positive whole number");
                } else if (!(size.isMap() && size.has("tensor_id"))) {
                    problem(halo, "needs a size that refers to another axis");
                }
            }
            Double scale = a.get("scale").number();
            if (!a.get("scale").isMissing() && (scale == null || !(scale > 0))) {
                problem(a.get("scale"), "must be a positive number");
            }
        }
        YamlValue data = t.get("data");
        if (!data.isMissing()) {
            List<YamlValue> perChannel = data.list();
            for (YamlValue d : perChannel == null ? List.of(data) : perChannel) {
                String type = d.get("type").string();
                if (type != null && !DTYPES.contains(type)) {
                    problem(d.get("type"), "unknown data type " + type);
                }
            }
        }
        Set<String> inputIds = new HashSet<>();
        List<YamlValue> inputs = rdf.get("inputs").list();
        if (inputs != null) {
            inputs.forEach(i -> inputIds.add(i.get("id").string()));
        }
        processing(t.get(input ? "preprocessing" : "postprocessing"), input ? PRE_05 : POST_05, true, own.keySet(),
                input ? inputIds : ids);
        YamlValue test = t.get("test_tensor");
        if (!test.isMap()) {
            problem(test, "required: a map with the source of a .npy file");
            return;
        }
        YamlValue source = test.get("source");
        if (!requireString(source)) {
            return;
        }
        if (!source.string().endsWith(".npy")) {
            problem(source, "must be a .npy file");
        }
        byte[] content = BioimageIoZip.isUrl(source.string()) || !zip.has(source.string()) ? null
                : zip.read(source.string(), BioimageIoZip.MAX_TENSOR_BYTES);
        sha256(test.get("sha256"), content);
        long[] shape = arrayShape(source);
        if (shape == null) {
            return;
        }
        List<String> order = new ArrayList<>(own.keySet());
        if (shape.length != order.size()) {
            problem(source, "has " + shape.length + " dimensions for " + order.size() + " axes");
            return;
        }
        Map<String, Long> sizes = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            sizes.put(order.get(i), shape[i]);
            YamlValue a = own.get(order.get(i));
            String type = a.get("type").string();
            YamlValue size = a.get("size");
            if (type.equals("batch")) {
                if (size.integer() != null && shape[i] != size.integer()) {
                    problem(source, "has batch size " + shape[i] + ", the axis says " + size.integer());
                }
            } else if (type.equals("channel")) {
                List<YamlValue> names = a.get("channel_names").list();
                if (names != null && shape[i] != names.size()) {
                    problem(source, "has " + shape[i] + " channels for " + names.size() + " channel names");
                }
            } else if (size.integer() != null && shape[i] != size.integer()) {
                problem(source, "axis " + order.get(i) + " has size " + shape[i] + ", the axis says "
                        + size.integer());
            } else if (size.isMap() && size.has("min") && size.get("min").integer() != null
                    && size.get("step").integer() != null
                    && !fits(shape[i], size.get("min").integer(), size.get("step").integer())) {
                problem(source, "axis " + order.get(i) + " has size " + shape[i] + ", which is not "
                        + size.get("min").integer() + " + n*" + size.get("step").integer());
            }
        }
        testSizes.put(id, sizes);
    }

    /** Test tensor sizes along axes sized by a reference: {@code ref * ref.scale / axis.scale + offset}. */
    private void sizeReferences05(List<YamlValue> tensors, Map<String, Map<String, YamlValue>> axes) {
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
                double refScale = scaleOf(ref);
                double scale = scaleOf(e.getValue());
                Long offset = size.get("offset").integer();
                long expected = (long) (refSize * refScale / scale + (offset == null ? 0 : offset));
                if (actual != expected) {
                    problem(t.get("test_tensor").get("source"), "axis " + e.getKey() + " has size " + actual
                            + ", but " + refTensor + "." + refAxis + " of size " + refSize + " makes it " + expected);
                }
            }
        }
    }

    private static double scaleOf(YamlValue axis) {
        Double s = axis.get("scale").number();
        return s == null || !(s > 0) ? 1.0 : s;
    }

    // ---- processing, both formats

    private void processing(YamlValue steps, Set<String> known, boolean v05, Set<String> axisIds,
            Set<String> tensors) {
        if (steps.isMissing()) {
            return;
        }
        List<YamlValue> list = steps.list();
        if (list == null) {
            problem(steps, "must be a list");
            return;
        }
        for (YamlValue step : list) {
            YamlValue nameValue = step.get(v05 ? "id" : "name");
            String name = nameValue.string();
            if (name == null || !known.contains(name)) {
                problem(nameValue, name == null ? "required" : "unknown step " + name + " (known here: "
                        + new java.util.TreeSet<>(known) + ")");
                continue;
            }
            YamlValue kwargs = step.get("kwargs");
            if (!name.equals("sigmoid") && !kwargs.isMap()) {
                problem(kwargs, "required");
                continue;
            }
            YamlValue axes = kwargs.get("axes");
            if (!axes.isMissing()) {
                List<String> ids = new ArrayList<>();
                if (v05 && axes.list() != null) {
                    axes.list().forEach(a -> ids.add(a.string()));
                } else if (!v05 && axes.string() != null) {
                    letters(axes.string()).forEach(ids::add);
                } else {
                    problem(axes, v05 ? "must be a list of axis ids" : "must be a string of axis letters");
                }
                for (String a : ids) {
                    if (!axisIds.contains(a)) {
                        problem(axes, "names axis " + a + ", which the tensor does not have");
                    }
                }
            }
            YamlValue reference = kwargs.get("reference_tensor");
            if (!reference.isMissing() && !tensors.contains(reference.string())) {
                problem(reference, "names tensor " + reference.string() + ", which is not allowed here");
            }
            YamlValue eps = kwargs.get("eps");
            if (!eps.isMissing() && (eps.number() == null || !(eps.number() > 0 && eps.number() <= 0.1))) {
                problem(eps, "must lie in (0, 0.1]");
            }
            switch (name) {
            case "scale_range" -> {
                double min = kwargs.get("min_percentile").number() == null ? 0 : kwargs.get("min_percentile")
                        .number();
                double max = kwargs.get("max_percentile").number() == null ? 100 : kwargs.get("max_percentile")
                        .number();
                if (!(min >= 0 && min < 100 && max > 1 && max <= 100 && min < max)) {
                    problem(kwargs, "needs 0 <= min_percentile < max_percentile <= 100 (and max_percentile > 1)");
                }
                if (!v05 && !Set.of("per_sample", "per_dataset").contains(String.valueOf(kwargs.get("mode")
                        .string()))) {
                    problem(kwargs.get("mode"), "must be per_sample or per_dataset");
                }
            }
            case "zero_mean_unit_variance" -> {
                if (!v05) {
                    String mode = kwargs.get("mode").string();
                    if (mode != null && !Set.of("fixed", "per_sample", "per_dataset").contains(mode)) {
                        problem(kwargs.get("mode"), "must be fixed, per_sample or per_dataset");
                    }
                    boolean fixed = mode == null || mode.equals("fixed");
                    boolean given = kwargs.has("mean") || kwargs.has("std");
                    if (fixed && (kwargs.get("mean").numbers() == null || kwargs.get("std").numbers() == null)) {
                        problem(kwargs, "mode fixed needs mean and std");
                    } else if (!fixed && given) {
                        problem(kwargs, "mean and std are only allowed in mode fixed");
                    }
                }
            }
            case "fixed_zero_mean_unit_variance" -> {
                List<Double> mean = kwargs.get("mean").numbers();
                List<Double> std = kwargs.get("std").numbers();
                if (mean == null || std == null || mean.size() != std.size()) {
                    problem(kwargs, "needs as many mean as std values");
                } else if (std.stream().anyMatch(s -> s < 1e-6)) {
                    problem(kwargs.get("std"), "must be at least 1e-6");
                }
            }
            case "scale_linear" -> {
                List<Double> gain = kwargs.has("gain") ? kwargs.get("gain").numbers() : List.of(1.0);
                List<Double> offset = kwargs.has("offset") ? kwargs.get("offset").numbers() : List.of(0.0);
                if (gain == null || offset == null) {
                    problem(kwargs, "gain and offset must be numbers or lists of numbers");
                } else if (gain.stream().allMatch(g -> g == 1.0) && offset.stream().allMatch(o -> o == 0.0)) {
                    problem(kwargs, "a scaling with gain 1 and offset 0 is redundant");
                }
            }
            case "clip" -> {
                Double min = kwargs.get("min").number();
                Double max = kwargs.get("max").number();
                if (min == null || max == null) {
                    problem(kwargs, "needs min and max");
                } else if (min > max) {
                    problem(kwargs, "min is larger than max");
                }
            }
            case "binarize" -> {
                if (kwargs.get("threshold").numbers() == null) {
                    problem(kwargs, "needs a threshold");
                }
            }
            case "ensure_dtype" -> {
                if (!DTYPES.contains(String.valueOf(kwargs.get("dtype").string()))) {
                    problem(kwargs.get("dtype"), "must be one of " + new java.util.TreeSet<>(DTYPES));
                }
            }
            case "scale_mean_variance" -> {
                if (kwargs.get("reference_tensor").isMissing()) {
                    problem(kwargs, "needs a reference_tensor");
                }
            }
            default -> {
                // sigmoid has no arguments
            }
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static List<YamlValue> concat(List<YamlValue> a, List<YamlValue> b) {
        List<YamlValue> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
