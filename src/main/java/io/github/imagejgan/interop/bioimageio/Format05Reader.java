package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the tensors of a format 0.5 description: a list of typed axes with ids, each sized on its own (fixed,
 * {@code {min, step}}, or a reference to an axis of another tensor scaled by the two axes' scales), channel names,
 * per-channel data types, a test tensor beside each tensor, and statistics over a list of axis ids.
 */
final class Format05Reader extends FormatReader {

    Format05Reader(List<String> reasons) {
        super(reasons, "id");
    }

    @Override
    String dataType(YamlValue tensor) {
        YamlValue data = tensor.get("data");
        if (data.isMissing()) {
            return "float32";
        }
        List<YamlValue> perChannel = data.list();
        YamlValue first = perChannel != null && !perChannel.isEmpty() ? perChannel.get(0) : data;
        String type = first.get("type").string();
        return type == null ? "float32" : type;
    }

    @Override
    String testFile(YamlValue rdf, YamlValue tensor, String list, int index) {
        return tensor == null ? null : tensor.get("test_tensor").get("source").string();
    }

    @Override
    protected boolean declaredAxes(YamlValue tensor, String what, boolean input, List<Axis> axes,
            List<String> unsupported) {
        List<YamlValue> list = tensor.get("axes").list();
        if (list == null || list.isEmpty()) {
            reasons.add(what + " has no axes.");
            return false;
        }
        for (YamlValue a : list) {
            String type = a.get("type").string();
            String id = a.get("id").string();
            if ("batch".equals(type)) {
                axes.add(new Axis('b', id == null ? "batch" : id, new Size(1, 0), a));
            } else if ("channel".equals(type)) {
                axes.add(new Axis('c', id == null ? "channel" : id, new Size(1, 0), a));
            } else if ("space".equals(type)) {
                String s = id == null ? "x" : id;
                if (s.equals("y") || s.equals("x")) {
                    axes.add(new Axis(s.charAt(0), s, input ? size(a.get("size"), what, s) : null, a));
                } else {
                    unsupported.add("space axis " + s);
                }
            } else {
                unsupported.add((type == null ? "untyped" : type) + " axis" + (id == null ? "" : " " + id));
            }
        }
        return true;
    }

    private Size size(YamlValue size, String what, String axis) {
        if (size.integer() != null) {
            return new Size(size.integer(), 0);
        }
        Long min = size.get("min").integer();
        Long step = size.get("step").integer();
        if (min != null && step != null && min > 0 && step > 0) {
            return new Size(min, step);
        }
        reasons.add(what + " axis " + axis + " has a size that is neither fixed nor min + n*step (" + size.value()
                + ").");
        return null;
    }

    @Override
    protected String describe(YamlValue tensor) {
        List<String> parts = new ArrayList<>();
        for (YamlValue a : tensor.get("axes").list()) {
            String id = a.get("id").string();
            parts.add(id != null ? id : String.valueOf(a.get("type").string()));
        }
        return String.join(", ", parts);
    }

    @Override
    protected int channelCount(Axis channel, YamlValue tensor) {
        List<YamlValue> names = channel.node().get("channel_names").list();
        if (names == null || names.isEmpty()) {
            reasons.add("The channel axis of " + tensor.get("id").string() + " has no channel_names.");
            return 1;
        }
        return names.size();
    }

    @Override
    OutputGeometry output(YamlValue tensor, List<Axis> axes, BioimageIoModel.Tensor in, YamlValue inputNode,
            String id) {
        int channels = channels(axes, tensor);
        List<Axis> inputAxes = axes(inputNode, "Input " + in.id(), true);
        Integer[] scales = new Integer[2];
        int halo = 0;
        for (Axis a : axes) {
            if (a.letter() != 'y' && a.letter() != 'x') {
                continue;
            }
            int k = a.letter() == 'y' ? 0 : 1;
            Axis ref = inputAxes == null ? null : inputAxes.stream().filter(i -> i.letter() == a.letter())
                    .findFirst().orElse(null);
            double outScale = positive(a.node().get("scale").number());
            double inScale = ref == null ? 1.0 : positive(ref.node().get("scale").number());
            scales[k] = axisScale(a, in, id, inScale / outScale);
            Long h = a.node().get("halo").integer();
            if (h != null && scales[k] != null && scales[k] > 0) {
                halo = Math.max(halo, (int) Math.ceil(h * outScale / inScale));
            }
        }
        return new OutputGeometry(channels, sameScale(scales, id), halo);
    }

    /**
     * The scale of one output axis: from its reference to the input's axis (uncropped), or from a fixed size over a
     * fixed input size; null (after a reason) otherwise.
     */
    private Integer axisScale(Axis a, BioimageIoModel.Tensor in, String id, double referenceScale) {
        YamlValue size = a.node().get("size");
        if (size.isMap() && size.has("tensor_id")) {
            if (!in.id().equals(size.get("tensor_id").string())) {
                reasons.add("Output " + id + " axis " + a.id() + " refers to tensor " + size.get("tensor_id").string()
                        + " rather than the input.");
            }
            Long offset = size.get("offset").integer();
            if (offset != null && offset != 0) {
                reasons.add("Output " + id + " axis " + a.id() + " is cropped or padded (offset " + offset
                        + "); only uncropped outputs run here.");
            }
            return integerScale(referenceScale, id, a.id());
        }
        if (size.integer() != null && in.fixedSize()) {
            return integerScale((double) size.integer() / in.minimumSize(), id, a.id());
        }
        reasons.add("Output " + id + " axis " + a.id() + " has a size that does not follow the input's.");
        return null;
    }

    @Override
    Reduction reduction(YamlValue kwargs, Map<String, Character> letters, boolean hasBatch) {
        List<YamlValue> ids = kwargs.get("axes").list();
        if (ids == null) {
            // bioimage.io: "Default: Scale all axes jointly", the batch too.
            return new Reduction(false, !hasBatch);
        }
        boolean channel = false;
        boolean batch = false;
        for (YamlValue id : ids) {
            Character letter = letters.get(id.string());
            channel |= letter != null && letter == 'c';
            batch |= letter != null && letter == 'b' || "batch".equals(id.string());
        }
        return new Reduction(!channel && letters.containsValue('c'), !batch);
    }

    @Override
    boolean fixedMode(String mode) {
        return false;
    }

    /** A declared axis scale, 1 when missing or not positive. */
    private static double positive(Double value) {
        return value == null || !(value > 0) ? 1.0 : value;
    }
}
