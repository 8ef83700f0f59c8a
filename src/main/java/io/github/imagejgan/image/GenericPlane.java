package io.github.imagejgan.image;

import java.nio.FloatBuffer;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.converter.Converters;
import net.imglib2.converter.RealFloatConverter;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import io.github.imagejgan.task.UserException;

/**
 * Any 2D {@code RandomAccessibleInterval} of real values: the universal path, used when the pixels are not in a
 * primitive array this package knows (cell images, lazy views, other pixel types). Rows are read through ImgLib2's
 * {@link PrimitiveBlocks}, which copies them out of cells and views in bulk and converts them to float on the way;
 * rows are written through a {@link RandomAccess}, since {@code PrimitiveBlocks} only reads.
 */
final class GenericPlane<T extends RealType<T>> implements PlaneAccess {

    private final RandomAccessibleInterval<T> plane;
    private final PrimitiveBlocks<FloatType> rows;
    private final int width;
    private final int height;
    private final long minX;
    private final long minY;
    private final boolean integer;
    private final double lowest;
    private final double highest;
    private final int levels;

    GenericPlane(RandomAccessibleInterval<T> plane) {
        if (plane.numDimensions() != 2) {
            throw new UserException("A plane has 2 dimensions, got " + plane.numDimensions());
        }
        if (plane.dimension(0) > Integer.MAX_VALUE || plane.dimension(1) > Integer.MAX_VALUE) {
            throw new UnsupportedImageException("Planes wider or taller than " + Integer.MAX_VALUE
                    + " pixels are not supported.");
        }
        this.plane = plane;
        // NB: a view PrimitiveBlocks cannot analyse (e.g. Views.stack, a non-native pixel type) is still read
        // correctly, through a cursor walk of its own, so falling back is no reason to warn.
        this.rows = PrimitiveBlocks.of(Converters.convert(plane, new RealFloatConverter<T>(), new FloatType()),
                PrimitiveBlocks.OnFallback.ACCEPT).threadSafe();
        this.width = (int) plane.dimension(0);
        this.height = (int) plane.dimension(1);
        this.minX = plane.min(0);
        this.minY = plane.min(1);
        T type = plane.getType();
        this.integer = type instanceof IntegerType;
        this.lowest = type.getMinValue();
        this.highest = type.getMaxValue();
        this.levels = integer && lowest == 0 && highest <= 65535 ? (int) highest + 1 : 0;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int integerLevels() {
        return levels;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        checkRow(y, x0, n);
        if (n == 0) {
            return;
        }
        float[] row = RowScratch.of(n);
        rows.copy(new long[] { minX + x0, minY + y }, row, new int[] { n, 1 });
        if (!map.isIdentity()) {
            float shift = map.shift();
            float factor = map.factor();
            for (int i = 0; i < n; i++) {
                row[i] = (row[i] - shift) * factor;
            }
        }
        dst.put(dstIndex, row, 0, n);
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        RandomAccess<T> access = rowStart(y, x0, n);
        for (int i = 0; i < n; i++) {
            double v = map.apply(src.get(srcIndex + i));
            if (integer) {
                v = Double.isNaN(v) ? 0 : Math.floor(Math.max(lowest, Math.min(highest, v)) + 0.5);
            }
            access.get().setReal(v);
            access.fwd(0);
        }
    }

    private RandomAccess<T> rowStart(int y, int x0, int n) {
        checkRow(y, x0, n);
        // A fresh RandomAccess per row keeps concurrent rows independent.
        RandomAccess<T> access = plane.randomAccess();
        access.setPosition(minX + x0, 0);
        access.setPosition(minY + y, 1);
        return access;
    }

    private void checkRow(int y, int x0, int n) {
        if (y < 0 || y >= height || x0 < 0 || n < 0 || x0 + n > width) {
            throw new IndexOutOfBoundsException("Row " + y + " columns " + x0 + ".." + (x0 + n) + " outside plane "
                    + width + "x" + height);
        }
    }
}
