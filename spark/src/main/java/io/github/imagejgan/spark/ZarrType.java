package io.github.imagejgan.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.github.imagejgan.task.UserException;

/**
 * The pixel types of Zarr arrays that ImageJ images have: 8-bit and 16-bit unsigned integers and 32-bit floats.
 * Pixels travel as Java arrays (byte[], short[], float[]) in C order.
 */
enum ZarrType {
    U1(1, "u1", 8), U2(2, "u2", 16), F4(4, "f4", 32);

    final int bytes;
    private final String code;
    /** The bit depth of the ImageJ image of this type. */
    final int bitDepth;

    ZarrType(int bytes, String code, int bitDepth) {
        this.bytes = bytes;
        this.code = code;
        this.bitDepth = bitDepth;
    }

    /** The type a Zarr {@code dtype} ({@code "|u1"}, {@code "<u2"}, {@code ">f4"}, ...) names. */
    static ZarrType of(String dtype) {
        for (ZarrType t : values()) {
            if (dtype.length() == 3 && dtype.substring(1).equals(t.code) && "<>|".indexOf(dtype.charAt(0)) >= 0) {
                return t;
            }
        }
        throw new UserException("Zarr arrays of type '" + dtype + "' are not supported: 8-bit and 16-bit unsigned "
                + "integers (u1, u2) and 32-bit floats (f4) are, the types of ImageJ images. Convert the array first.");
    }

    /** The type of an ImageJ image of this bit depth. */
    static ZarrType ofBitDepth(int bitDepth) {
        return switch (bitDepth) {
            case 8 -> U1;
            case 16 -> U2;
            case 32 -> F4;
            default -> throw new UserException("RGB images are not supported here: split them into channels first "
                    + "(Image > Color > Make Composite).");
        };
    }

    /** The {@code dtype} this type is written as (little-endian). */
    String dtype() {
        return (this == U1 ? "|" : "<") + code;
    }

    Object newArray(int length) {
        return switch (this) {
            case U1 -> new byte[length];
            case U2 -> new short[length];
            case F4 -> new float[length];
        };
    }

    /** Fills {@code array} with the array's fill value. */
    void fill(Object array, double value) {
        switch (this) {
            case U1 -> Arrays.fill((byte[]) array, (byte) value);
            case U2 -> Arrays.fill((short[]) array, (short) value);
            case F4 -> Arrays.fill((float[]) array, (float) value);
        }
    }

    /** Decodes raw chunk bytes into an array of {@code length} values. */
    Object decode(byte[] raw, int length, ByteOrder order) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(order);
        Object array = newArray(length);
        switch (this) {
            case U1 -> buffer.get((byte[]) array);
            case U2 -> buffer.asShortBuffer().get((short[]) array);
            case F4 -> buffer.asFloatBuffer().get((float[]) array);
        }
        return array;
    }

    /** Encodes an array as raw little-endian chunk bytes. */
    byte[] encode(Object array, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case U1 -> buffer.put((byte[]) array, 0, length);
            case U2 -> buffer.asShortBuffer().put((short[]) array, 0, length);
            case F4 -> buffer.asFloatBuffer().put((float[]) array, 0, length);
        }
        return buffer.array();
    }
}
