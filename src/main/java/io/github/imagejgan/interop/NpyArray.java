package io.github.imagejgan.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.task.UserException;

/**
 * An array in NumPy's {@code .npy} format (the test tensors of bioimage.io models), held as float values in C order.
 * Reading accepts format versions 1 to 3 and the usual numeric types in either byte order; writing produces version
 * 1.0 float32, little-endian, which every NumPy reads.
 *
 * @param shape  the array's dimensions
 * @param values the values in C (row-major) order
 */
public record NpyArray(long[] shape, float[] values) {

    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new UserException("Negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new UserException("Shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + values.length);
        }
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /**
     * Parses {@code .npy} bytes.
     *
     * @param name the file's name, for messages
     * @throws ModelFormatException if the bytes are not a complete {@code .npy} array of a numeric type in C order
     */
    public static NpyArray read(byte[] bytes, String name) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new ModelFormatException(name + " is not a NumPy .npy file.");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int offset;
        if (major == 1) {
            headerLength = buffer.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new ModelFormatException(name + " is truncated.");
            }
            headerLength = buffer.getInt(8) & 0xffffffffL;
            offset = 12;
        } else {
            throw new ModelFormatException(name + " has .npy format version " + major + ", which is not supported.");
        }
        if (offset + headerLength > bytes.length) {
            throw new ModelFormatException(name + " is truncated (its header is incomplete).");
        }
        String header = new String(bytes, offset, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new ModelFormatException(name + " has an unreadable .npy header: " + header.strip());
        }
        if (fortran.group(1).equals("True")) {
            throw new ModelFormatException(name + " stores its array in Fortran order; save it in C order "
                    + "(numpy.ascontiguousarray) instead.");
        }
        long[] shape = parseShape(shapeText.group(1), name);
        long count = 1;
        for (long d : shape) {
            if (d < 0 || d > Integer.MAX_VALUE || (count *= d) > Integer.MAX_VALUE) {
                throw new ModelFormatException(name + " has shape " + Arrays.toString(shape)
                        + ", which is invalid or too large.");
            }
        }
        ValueType type = ValueType.of(descr.group(2), Integer.parseInt(descr.group(3)), name);
        int start = (int) (offset + headerLength);
        long needed = count * type.bytes;
        if (bytes.length - start < needed) {
            throw new ModelFormatException(name + " is truncated: shape " + Arrays.toString(shape) + " needs "
                    + needed + " bytes of data, the file has " + (bytes.length - start) + ".");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer data = ByteBuffer.wrap(bytes, start, (int) needed).slice().order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = type.read(data, i);
        }
        return new NpyArray(shape, values);
    }

    /** This array as {@code .npy} bytes (version 1.0, little-endian float32, C order). */
    public byte[] toBytes() {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        // NumPy pads the header with spaces so that the data starts at a multiple of 64 bytes.
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(padded + 4 * values.length);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static long[] parseShape(String text, String name) {
        String[] parts = text.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[n++] = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                throw new ModelFormatException(name + " has an unreadable shape (" + text + ").", e);
            }
        }
        return Arrays.copyOf(dims, n);
    }

    /** The element types of test tensors, each converted to float. */
    private enum ValueType {
        FLOAT32(4), FLOAT64(8), INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8),
        BOOL(1);

        final int bytes;

        ValueType(int bytes) {
            this.bytes = bytes;
        }

        static ValueType of(String kind, int size, String name) {
            String key = kind + size;
            return switch (key) {
            case "f4" -> FLOAT32;
            case "f8" -> FLOAT64;
            case "i1" -> INT8;
            case "u1" -> UINT8;
            case "i2" -> INT16;
            case "u2" -> UINT16;
            case "i4" -> INT32;
            case "u4" -> UINT32;
            case "i8" -> INT64;
            case "u8" -> UINT64;
            case "b1" -> BOOL;
            default -> throw new ModelFormatException(name + " holds values of NumPy type '" + key
                    + "', which is not supported.");
            };
        }

        float read(ByteBuffer data, int i) {
            return switch (this) {
            case FLOAT32 -> data.getFloat(4 * i);
            case FLOAT64 -> (float) data.getDouble(8 * i);
            case INT8 -> data.get(i);
            case UINT8, BOOL -> data.get(i) & 0xff;
            case INT16 -> data.getShort(2 * i);
            case UINT16 -> data.getShort(2 * i) & 0xffff;
            case INT32 -> data.getInt(4 * i);
            case UINT32 -> data.getInt(4 * i) & 0xffffffffL;
            case INT64 -> data.getLong(8 * i);
            case UINT64 -> {
                long v = data.getLong(8 * i);
                yield v >= 0 ? v : (float) (v >>> 1) * 2f;
            }
            };
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && Arrays.equals(shape, other.shape) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape);
    }
}
