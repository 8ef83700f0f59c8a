package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;

import io.github.imagejgan.cli.UsageException;
import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneWindow;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.predict.BlockPredictor;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.predict.PredictionOptions;

/**
 * Restores one OME-Zarr image too large for one machine, block by block as n5-spark does: the intensity range of
 * each channel group is measured over the whole image first (passes on the cluster), then every block is a task
 * that reads its window plus the model's halo, predicts it through the plugin's tiling and writes its chunks. The
 * result has the pixels the command line gives for the whole image with the same {@code --tile}.
 */
final class ZarrJob {

    private final Operation operation;
    private final int blockSize;

    ZarrJob(Operation operation, int blockSize) {
        if (blockSize < 16) {
            throw new UsageException("--block must be at least 16 pixels, got " + blockSize + ".");
        }
        this.operation = operation;
        this.blockSize = blockSize;
    }

    /** Runs the job; returns the exit status. */
    int run(JavaSparkContext spark, String input, String output, PrintStream log) throws IOException {
        if (Storage.exists(output)) {
            throw new UsageException("--out " + output + " exists: give a new location for the OME-Zarr result.");
        }
        long start = System.nanoTime();
        ZarrImage in = ZarrImage.open(input);
        ModelShipment model = ModelShipment.of(spark, operation);
        ModelDescriptor descriptor = model.descriptor();
        PredictionOptions options = operation.blockOptions();
        int channels = in.size(ZarrImage.C);
        PercentileNormalizer normalizer = BlockPredictor.normalizer(descriptor);
        int levels = switch (in.type()) {
            case U1 -> 256;
            case U2 -> 65536;
            case F4 -> 0;
        };
        List<IntensityRange> ranges = new ArrayList<>();
        for (int[] group : BlockPredictor.channelGroups(descriptor, channels, options)) {
            ranges.add(normalizer.fit(new ZarrPasses(spark, input, in, group), levels));
        }
        List<List<NoiseLevel>> noise = noiseLevels(in, descriptor, ranges, options);
        create(output, in, descriptor, BlockPredictor.outputChannels(descriptor, channels, options));
        List<ZarrBlock> blocks = ZarrBlock.cover(in, blockSize);
        log.println("[imagej-gan] " + in.width() + "x" + in.height() + ", " + channels + " channels, "
                + in.size(ZarrImage.Z) + " slices, " + in.size(ZarrImage.T) + " frames in " + blocks.size()
                + " blocks; intensity ranges " + ranges);
        spark.parallelize(blocks, blocks.size()).foreach(new BlockTask(model, input, output, ranges, noise,
                options));
        log.println(String.format(Locale.ROOT, "[imagej-gan] %d blocks written to %s in %.1f s", blocks.size(),
                output, (System.nanoTime() - start) / 1e9));
        return 0;
    }

    /**
     * For a model with a noise map, the noise of every plane (frame by frame, slice by slice; each a level per channel
     * group), estimated on the driver from the window of each plane that a whole-image run estimates it from; else
     * empty.
     */
    private static List<List<NoiseLevel>> noiseLevels(ZarrImage in, ModelDescriptor descriptor,
            List<IntensityRange> ranges, PredictionOptions options) throws IOException {
        List<List<NoiseLevel>> levels = new ArrayList<>();
        PlaneWindow window = BlockPredictor.noiseWindow(descriptor, in.width(), in.height());
        if (window == null) {
            return levels;
        }
        for (int t = 0; t < in.size(ZarrImage.T); t++) {
            for (int z = 0; z < in.size(ZarrImage.Z); z++) {
                List<PlaneAccess> planes = new ArrayList<>();
                for (int c = 0; c < in.size(ZarrImage.C); c++) {
                    planes.add(PlacedPlane.of(in.readPlane(c, z, t, window), window, in.width(), in.height()));
                }
                levels.add(BlockPredictor.noiseLevels(descriptor, planes, ranges, options));
            }
        }
        return levels;
    }

    /** The output image: the input's frames and slices, the model's channels and scale, chunks of the input's. */
    private ZarrImage create(String output, ZarrImage in, ModelDescriptor descriptor, int channels)
            throws IOException {
        int s = descriptor.scale();
        double[] scale = in.scale().clone();
        scale[ZarrImage.Y] /= s;
        scale[ZarrImage.X] /= s;
        ZarrType type = operation.outputType() == OutputType.FLOAT32 ? ZarrType.F4 : in.type();
        long[] shape = { in.size(ZarrImage.T), channels, in.size(ZarrImage.Z), (long) in.height() * s,
                (long) in.width() * s };
        return ZarrImage.create(output, shape, in.chunk(ZarrImage.Z), in.chunk(ZarrImage.Y) * s,
                in.chunk(ZarrImage.X) * s, type, scale, in.units());
    }
}
