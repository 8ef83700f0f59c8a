/**
 * The one path every image takes between ImageJ/ImgLib2 and DJL tensors.
 *
 * <ul>
 * <li>{@link io.github.imagejgan.image.HyperImage}: any image seen as X, Y, C, Z, T planes, wrapped without copying
 * pixel arrays ({@link io.github.imagejgan.image.ImagePlusImages} for ImageJ 1.x images);</li>
 * <li>{@link io.github.imagejgan.image.PlaneAccess}: row-wise bulk access to one plane, with fast paths for
 * primitive arrays and ImgLib2's {@code PrimitiveBlocks} for any other {@code RandomAccessibleInterval};</li>
 * <li>{@link io.github.imagejgan.image.PercentileNormalizer}: exact percentiles from histograms, never a float copy
 * of the image; {@link io.github.imagejgan.image.MeanStd} for zero-mean, unit-variance normalization;</li>
 * <li>{@link io.github.imagejgan.image.TensorBridge}: plane regions to NCHW float32 {@code NDArray}s and back;</li>
 * <li>{@link io.github.imagejgan.image.TilePlan} and {@link io.github.imagejgan.image.TiledProcessor}: bounded-memory
 * tiling with halo, mirror padding and weighted blending, for any output scale;</li>
 * <li>{@link io.github.imagejgan.image.DeviceSelector}: which device a network runs on, and why;</li>
 * <li>{@link io.github.imagejgan.image.ImageFiles}: reading and atomically writing image files through ij.jar; before
 * pixels are read, the header is checked ({@code TiffLayout}, {@code ImageIoHeader}) so that a truncated file or an
 * image larger than the heap ({@link io.github.imagejgan.image.HeapBudget}) fails with a clear message.</li>
 * </ul>
 *
 * The ImagePlus wrapping and file I/O are small stand-ins for imglib2-ij and SCIFIO, kept here so that they can be
 * swapped for those libraries without touching any other package.
 *
 * <p>May use {@code task} (and ImgLib2, ij.jar and DJL's API); nothing above it.
 */
package io.github.imagejgan.image;
