package io.github.imagejgan.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.function.VoidFunction;

import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneWindow;
import io.github.imagejgan.predict.BlockPredictor;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.task.TaskMonitor;

/**
 * One Spark task of a Zarr job: predicts one block with the executor's loaded model, reading of each plane only the
 * window its tiles need (block plus halo, mirrored at the image's border), and writes the block's chunks. A retried
 * or speculative attempt writes the same chunks again, each whole.
 */
final class BlockTask implements VoidFunction<ZarrBlock> {

    private static final long serialVersionUID = 1L;

    private final ModelShipment model;
    private final String input;
    private final String output;
    private final List<IntensityRange> ranges;
    private final List<List<NoiseLevel>> noise;
    private final PredictionOptions options;

    /**
     * @param ranges the intensity range of each channel group, measured over the whole image
     * @param noise  for a model with a noise map, each plane's noise levels (frame by frame, slice by slice); else
     *               empty
     */
    BlockTask(ModelShipment model, String input, String output, List<IntensityRange> ranges,
            List<List<NoiseLevel>> noise, PredictionOptions options) {
        this.model = model;
        this.input = input;
        this.output = output;
        this.ranges = List.copyOf(ranges);
        this.noise = noise.stream().map(List::copyOf).toList();
        this.options = options;
    }

    @Override
    public void call(ZarrBlock block) throws IOException {
        BlockPredictor predictor = model.session().blocks();
        ZarrImage in = ZarrImage.open(input);
        ZarrImage out = ZarrImage.open(output);
        int scale = out.width() / in.width();
        PlaneWindow window = block.window();
        PlaneWindow written = window.scaled(scale);
        int planeLength = written.width() * written.height();
        int channels = out.size(ZarrImage.C);
        Object pixels = out.type().newArray(channels * block.slices() * planeLength);
        PlaneWindow needed = predictor.inputWindow(in.width(), in.height(), window, options);
        for (int dz = 0; dz < block.slices(); dz++) {
            int z = block.z() + dz;
            List<PlaneAccess> planes = new ArrayList<>();
            for (int c = 0; c < in.size(ZarrImage.C); c++) {
                planes.add(PlacedPlane.of(in.readPlane(c, z, block.t(), needed), needed, in.width(), in.height()));
            }
            List<Object> results = new ArrayList<>();
            List<PlaneAccess> targets = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                Object result = out.type().newArray(planeLength);
                results.add(result);
                targets.add(PlacedPlane.plane(result, written.width(), written.height()));
            }
            List<NoiseLevel> planeNoise = noise.isEmpty() ? List.of() : noise.get(block.t() * in.size(ZarrImage.Z)
                    + z);
            predictor.run(planes, ranges, window, targets, options, planeNoise, TaskMonitor.NONE);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(results.get(c), 0, pixels, (c * block.slices() + dz) * planeLength, planeLength);
            }
        }
        out.writeBlock(block.t(), block.z(), block.slices(), written, pixels);
    }
}
