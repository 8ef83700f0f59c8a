package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the tensors of a format 0.4 description: axes as a string of letters with one shape for all of them (fixed,
 * {@code min + n*step}, or for outputs a scale and offset per axis relative to an input), test files listed apart
 * from the tensors, and statistics modes ({@code per_sample}, {@code per_dataset}, {@code fixed}).
 */
final class Format04Reader extends FormatReader {

    Format04Reader(List<String> reasons) {
        super(reasons, "name");
    }

    @Override
    String dataType(YamlValue tensor) {
        return tensor.get("data_type").string();
    }

    @Override
    String testFile(YamlValue rdf, YamlValue tensor, String list, int index) {
        List<YamlValue> files = rdf.get(list).list();
        return files == null || files.size() <= index ? null : files.get(index).string();
    }

    @Override
    protected boolean declaredAxes(YamlValue tensor, String what, boolean input, List<Axis> axes,
            List<String> unsupported) {
        String letters = tensor.get("axes").string();
        if (letters == null || letters.isEmpty()) {
            reasons.add(what + " has no axes.");
            return false;
        }
        YamlValue shape = tensor.get("shape");
        List<Long> fixed = shape.integers();
        List<Long> min = shape.get("min").integers();
        List<Long> step = shape.get("step").integers();
        boolean sized = fixed != null ? fixed.size() == letters.length()
                : min != null && step != null && min.size() == letters.length() && step.size() == min.size();
        if (input && !sized) {
            reasons.add(what + " has a shape that does not match its axes " + letters + ".");
        }
        for (int i = 0; i < letters.length(); i++) {
            char a = letters.charAt(i);
            Size size = !input || !sized ? null
                    : fixed != null ? new Size(fixed.get(i), 0) : new Size(min.get(i), step.get(i));
            if ("bcyx".indexOf(a) >= 0) {
                axes.add(new Axis(a, String.valueOf(a), size, tensor));
            } else {
                unsupported.add(switch (a) {
                case 'z' -> "z axis (3D)";
                case 't' -> "time axis";
                case 'i' -> "index axis";
                default -> "axis '" + a + "'";
                });
            }
        }
        return true;
    }

    @Override
    protected String describe(YamlValue tensor) {
        return tensor.get("axes").string();
    }

    @Override
    protected int channelCount(Axis channel, YamlValue tensor) {
        Size size = channel.size();
        if (size == null) {
            return 1;
        }
        if (size.step() != 0) {
            reasons.add("Input " + tensor.get("name").string() + " has a variable number of channels.");
        }
        return (int) size.min();
    }

    @Override
    OutputGeometry output(YamlValue tensor, List<Axis> axes, BioimageIoModel.Tensor in, YamlValue inputNode,
            String id) {
        YamlValue shape = tensor.get("shape");
        String letters = letters(axes);
        return shape.isMap() ? relativeShape(tensor, shape, letters, in, id) : fixedShape(shape, letters, in, id);
    }

    /** An output shape given as a scale and offset per axis of a reference tensor, which must be the input. */
    private OutputGeometry relativeShape(YamlValue tensor, YamlValue shape, String letters, BioimageIoModel.Tensor in,
            String id) {
        List<Double> halos = tensor.get("halo").numbers();
        String reference = shape.get("reference_tensor").string();
        List<Double> scaleList = nullableNumbers(shape.get("scale"));
        List<Double> offsets = shape.get("offset").numbers();
        if (!in.id().equals(reference)) {
            reasons.add("Output " + id + " follows tensor " + reference + " rather than the input.");
        }
        if (scaleList == null || offsets == null || scaleList.size() != letters.length()
                || offsets.size() != letters.length()) {
            reasons.add("Output " + id + " has a shape whose scale and offset do not match its axes " + letters
                    + ".");
            return new OutputGeometry(1, 1, 0);
        }
        int channels = 1;
        int halo = 0;
        Integer[] scales = new Integer[2];
        for (int i = 0; i < letters.length(); i++) {
            char a = letters.charAt(i);
            Double s = scaleList.get(i);
            double offset = offsets.get(i);
            if (a == 'c') {
                double c = (s == null ? 0 : s * in.channels()) + 2 * offset;
                channels = (int) c;
                if (c != channels || channels < 1) {
                    reasons.add("Output " + id + " has " + c + " channels.");
                }
            } else if (a == 'y' || a == 'x') {
                if (offset != 0) {
                    reasons.add("Output " + id + " axis " + a + " is cropped or padded (offset " + offset
                            + "); only uncropped outputs run here.");
                }
                scales[a == 'y' ? 0 : 1] = s == null ? null : integerScale(s, id, String.valueOf(a));
                if (halos != null && i < halos.size() && s != null && s > 0) {
                    halo = Math.max(halo, (int) Math.ceil(halos.get(i) / s));
                }
            }
        }
        return new OutputGeometry(channels, sameScale(scales, id), halo);
    }

    /** A fixed output shape, which follows the input only when that has one fixed size too. */
    private OutputGeometry fixedShape(YamlValue shape, String letters, BioimageIoModel.Tensor in, String id) {
        List<Long> fixed = shape.integers();
        if (fixed == null || fixed.size() != letters.length() || !in.fixedSize()) {
            reasons.add("Output " + id + " has a fixed shape for an input of variable size.");
            return new OutputGeometry(1, 1, 0);
        }
        int channels = 1;
        Integer[] scales = new Integer[2];
        for (int i = 0; i < letters.length(); i++) {
            char a = letters.charAt(i);
            if (a == 'c') {
                channels = fixed.get(i).intValue();
            } else if (a == 'y' || a == 'x') {
                scales[a == 'y' ? 0 : 1] = integerScale((double) fixed.get(i) / in.minimumSize(), id,
                        String.valueOf(a));
            }
        }
        return new OutputGeometry(channels, sameScale(scales, id), 0);
    }

    @Override
    Reduction reduction(YamlValue kwargs, Map<String, Character> letters, boolean hasBatch) {
        String mode = kwargs.get("mode").string();
        String joint = kwargs.get("axes").string();
        boolean perChannel = joint != null && joint.indexOf('c') < 0 && letters.containsValue('c');
        return new Reduction(perChannel, !"per_dataset".equals(mode));
    }

    @Override
    boolean fixedMode(String mode) {
        return mode == null || mode.equals("fixed");
    }

    /** Numbers of a list in which a missing entry (YAML null) stays null; null if any entry is not a number. */
    private static List<Double> nullableNumbers(YamlValue list) {
        List<YamlValue> items = list.list();
        if (items == null) {
            return null;
        }
        List<Double> numbers = new ArrayList<>();
        for (YamlValue item : items) {
            if (item.isMissing()) {
                numbers.add(null);
            } else if (item.number() != null) {
                numbers.add(item.number());
            } else {
                return null;
            }
        }
        return numbers;
    }
}
