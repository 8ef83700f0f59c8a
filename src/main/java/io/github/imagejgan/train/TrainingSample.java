package io.github.imagejgan.train;

import java.util.List;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;

/**
 * One 2D training image: the channel planes of one slice/frame of a file, with the normalization of that file.
 *
 * @param name      file name, with {@code [z=…, t=…]} for planes of stacks
 * @param channels  one plane per channel
 * @param normalize maps pixel values into the network's range (the file's percentile normalization)
 */
public record TrainingSample(String name, List<PlaneAccess> channels, LinearMap normalize) {

    public TrainingSample {
        channels = List.copyOf(channels);
    }

    public int width() {
        return channels.get(0).width();
    }

    public int height() {
        return channels.get(0).height();
    }

    /** Rows {@code y0} to {@code y0 + rows - 1} of every channel, as a sample of their own with the same mapping. */
    public TrainingSample rows(int y0, int rows) {
        return new TrainingSample(name, channels.stream().map(p -> PlaneAccesses.rows(p, y0, rows)).toList(),
                normalize);
    }
}
