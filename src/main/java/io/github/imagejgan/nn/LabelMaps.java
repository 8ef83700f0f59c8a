package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The label map a SPADE network is conditioned on, built from a plane of label ids: one channel per class (1 where
 * the pixel has that class), and for instance labels foreground and background plus the boundary map of
 * pix2pixHD (1 where a pixel's id differs from one of its four neighbours), which tells touching objects apart
 * where the classes alone cannot. Ids are rounded; a semantic id outside the classes gives no class at all.
 */
public final class LabelMaps {

    private LabelMaps() {
    }

    /**
     * The label map of {@code labels} ({@code [N, 1, H, W]}).
     *
     * @return {@code [N, spec.mapChannels(), H, W]}, values 0 and 1
     */
    public static NDArray encode(SpadeSpec spec, NDArray labels) {
        NDArray ids = labels.round();
        if (!spec.instances()) {
            NDArray classes = ids.getManager().arange(spec.classes()).toType(ids.getDataType(), false)
                    .reshape(1, spec.classes(), 1, 1);
            return ids.eq(classes).toType(DataType.FLOAT32, false);
        }
        NDArray foreground = ids.gt(0f).toType(DataType.FLOAT32, false);
        return NDArrays.concat(new NDList(foreground.neg().add(1f), foreground, boundaries(ids)), 1);
    }

    /** 1 where a pixel's id differs from one of its four neighbours; the image edge repeats outward. */
    static NDArray boundaries(NDArray ids) {
        Shape s = ids.getShape();
        long h = s.get(2);
        long w = s.get(3);
        NDArray padded = Layers.replicateEdges(ids, 1);
        NDArray up = padded.get(new NDIndex(":, :, 0:{}, 1:{}", h, w + 1));
        NDArray down = padded.get(new NDIndex(":, :, 2:{}, 1:{}", h + 2, w + 1));
        NDArray left = padded.get(new NDIndex(":, :, 1:{}, 0:{}", h + 1, w));
        NDArray right = padded.get(new NDIndex(":, :, 1:{}, 2:{}", h + 1, w + 2));
        return ids.neq(up).logicalOr(ids.neq(down)).logicalOr(ids.neq(left)).logicalOr(ids.neq(right))
                .toType(DataType.FLOAT32, false);
    }

    /**
     * A map or noise plane at 1/{@code factor} of its resolution: the mean of each factor x factor block. For a
     * label map that is each class's share of the block, so that objects smaller than a block still leave a trace
     * at coarse levels, where nearest sampling would keep or drop them by where they lie.
     */
    static NDArray pooled(NDArray x, int factor) {
        if (factor == 1) {
            return x;
        }
        return Pool.avgPool2d(x, new Shape(factor, factor), new Shape(factor, factor), new Shape(0, 0), false, true);
    }
}
