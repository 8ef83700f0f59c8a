package io.github.imagejgan.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Arrays of a training state (optimizer moments, averaged weights) in checkpoint entries: each as its length and
 * the engine's encoding, read back into an array of the same shape.
 */
public final class ArrayStreams {

    private ArrayStreams() {
    }

    public static void write(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Reads what {@link #write} wrote into {@code target}.
     *
     * @param in      an in-memory stream, whose {@code available()} is what remains of it
     * @param manager a manager for the decoded copy, closed before returning
     * @param what    what the array is, for messages ("Optimizer moment")
     */
    public static void readInto(DataInputStream in, NDArray target, NDManager manager, String what) throws IOException {
        int length = in.readInt();
        // NB: a damaged length must not allocate gigabytes; the stream is an in-memory entry that knows its size.
        if (length < 0 || length > in.available()) {
            throw new EOFException(what + " of " + length + " bytes, " + in.available() + " left");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        try (NDManager scope = manager.newSubManager()) {
            NDArray loaded = scope.decode(bytes);
            if (!loaded.getShape().equals(target.getShape())) {
                throw new IOException(what + " of shape " + loaded.getShape() + " does not fit "
                        + target.getShape());
            }
            loaded.copyTo(target);
        }
    }
}
