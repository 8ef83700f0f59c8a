package io.github.imagejgan.metrics.distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImagePlusImages;

/**
 * The samples an image file contributes to a distribution: an RGB image one colour sample per slice and frame,
 * any other image one grayscale sample per plane (each channel, slice and frame), so that stacks and multi-channel
 * images count every plane and all sizes and types mix in one set.
 */
final class ImageSamples {

    private ImageSamples() {
    }

    /** The network inputs of one image file, made by {@link NetworkInput} at the given size. */
    static List<float[]> of(Path file, int size) throws IOException {
        ImagePlus imp = ImageFiles.open(file);
        HyperImage<?> image = ImagePlusImages.wrap(imp);
        List<float[]> samples = new ArrayList<>();
        boolean colour = imp.getType() == ImagePlus.COLOR_RGB;
        for (int t = 0; t < image.frames(); t++) {
            for (int z = 0; z < image.slices(); z++) {
                if (colour) {
                    samples.add(NetworkInput.rgb(image.channelPlanes(z, t), size));
                } else {
                    for (int c = 0; c < image.channels(); c++) {
                        samples.add(NetworkInput.gray(image.plane(c, z, t), size));
                    }
                }
            }
        }
        return samples;
    }
}
