package io.github.imagejgan.image;

import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ij.ImagePlus;
import ij.process.ShortProcessor;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.HeapPeak;

/**
 * Runs a 16000 x 16000 16-bit image through a 3x3 mean filter network into a 16-bit output, then checks sampled
 * pixels against a direct computation. Started in its own JVM by {@link LargeImageMemoryTest} with a heap just above
 * the input plus the output, so any full-size float copy would fail with OutOfMemoryError.
 */
public final class LargeImageRun {

    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        ShortProcessor ip = new ShortProcessor(size, size);
        short[] in = (short[]) ip.getPixels();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                in[y * size + x] = (short) (((x * 7) ^ (y * 13)) & 0x3fff);
            }
        }
        ImagePlus input = new ImagePlus("large", ip);
        ImagePlus output = ImagePlusImages.create(16, size, size, 1, 1, 1, ImageMetadata.untitled("out"));
        HyperImage<?> src = ImagePlusImages.wrap(input);
        IntensityRange range = PercentileNormalizer.DEFAULT.fit(src);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray kernel = manager.ones(new Shape(1, 1, 3, 3)).div(9f);
            TileFunction mean = batch -> Conv2d.conv2d(batch, kernel, null, new Shape(1, 1), new Shape(1, 1),
                    new Shape(1, 1)).singletonOrThrow();
            long start = System.nanoTime();
            new TiledProcessor(new TileSpec(1024, 1, 0, 1), 1, 1, Device.cpu()).process(src,
                    ImagePlusImages.wrap(output), range.normalizing(), range.denormalizing(), mean, TaskMonitor.NONE);
            System.out.printf("processed %dx%d in %.1f s%n", size, size, (System.nanoTime() - start) / 1e9);
        }
        short[] out = (short[]) output.getProcessor().getPixels();
        Random random = new Random(1);
        int worst = 0;
        for (int k = 0; k < 20000; k++) {
            int x = 1 + random.nextInt(size - 2);
            int y = 1 + random.nextInt(size - 2);
            double sum = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    sum += in[(y + dy) * size + x + dx] & 0xffff;
                }
            }
            worst = Math.max(worst, (int) Math.abs(Math.round(sum / 9) - (out[y * size + x] & 0xffff)));
        }
        System.out.println("max-error " + worst);
        System.out.println("peak-heap-mb " + HeapPeak.megabytes());
    }
}
