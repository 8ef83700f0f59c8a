package io.github.imagejgan.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * A network's parameters as a NumPy {@code .npz} archive, one array per parameter named {@code p0000},
 * {@code p0001}, ... in DJL's parameter order: what Python reads to rebuild a network (the TorchScript export), and
 * what it writes back after training the same network elsewhere (on a GPU machine without Java).
 */
public final class NpzWeights {

    private NpzWeights() {
    }

    /** The block's parameters as an {@code .npz} archive. */
    public static byte[] write(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            int i = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                zip.putNextEntry(new ZipEntry(entryName(i++)));
                zip.write(new NpyArray(array.getShape().getShape(), array.toFloatArray()).toBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Sets the parameters of an initialized block from an archive laid out as {@link #write} lays it out. Nothing is
     * changed unless every parameter is there with its shape and only finite values.
     *
     * @throws IllegalArgumentException if the archive holds other parameters than the block's, other shapes, or NaN
     *                                  or infinite values
     */
    public static void read(Block block, byte[] npz) throws IOException {
        Map<String, NpyArray> stored = arrays(npz);
        List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
        if (stored.size() != parameters.size()) {
            throw new IllegalArgumentException("The archive holds " + stored.size() + " arrays; the network has "
                    + parameters.size() + " parameters");
        }
        // Every shape is checked before the first parameter changes.
        for (int i = 0; i < parameters.size(); i++) {
            NpyArray array = stored.get(entryName(i));
            long[] expected = parameters.get(i).getValue().getArray().getShape().getShape();
            if (array == null || !Arrays.equals(array.shape(), expected)) {
                throw new IllegalArgumentException("Parameter " + parameters.get(i).getKey() + " needs "
                        + entryName(i) + " of shape " + Arrays.toString(expected) + ", the archive has "
                        + (array == null ? "none" : Arrays.toString(array.shape())));
            }
            // A run that diverged writes NaN or infinite weights: they would make a model that outputs nothing.
            for (float v : array.values()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("Parameter " + parameters.get(i).getKey() + " (" + entryName(i)
                            + ") holds " + v + ": the training that wrote these weights diverged");
                }
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).getValue().getArray().set(FloatBuffer.wrap(stored.get(entryName(i)).values()));
        }
    }

    /** Every array of an {@code .npz} archive by its entry name ({@code p0000.npy}, ...), in name order. */
    public static Map<String, NpyArray> arrays(byte[] npz) throws IOException {
        Map<String, NpyArray> all = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                all.put(e.getName(), NpyArray.read(zip.readAllBytes(), e.getName()));
            }
        }
        return all;
    }

    private static String entryName(int index) {
        return String.format("p%04d.npy", index);
    }
}
