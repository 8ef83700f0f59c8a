package io.github.imagejgan.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.imagejgan.image.PlaneWindow;

/**
 * One task's share of an image processed block by block: a window of the planes of frame {@code t}, slices
 * {@code z} to {@code z + slices}, every channel. Blocks follow the output's chunk grid, so no two blocks write one
 * chunk.
 */
record ZarrBlock(int t, int z, int slices, PlaneWindow window) implements Serializable {

    /**
     * The blocks covering an image: windows of about {@code size} input pixels a side, rounded up to whole chunks of
     * the input (whose chunks, times the model's scale, are the output's), and one chunk of slices each.
     */
    static List<ZarrBlock> cover(ZarrImage image, int size) {
        int bx = roundUp(size, image.chunk(ZarrImage.X));
        int by = roundUp(size, image.chunk(ZarrImage.Y));
        int bz = image.chunk(ZarrImage.Z);
        List<ZarrBlock> blocks = new ArrayList<>();
        for (int t = 0; t < image.size(ZarrImage.T); t++) {
            for (int z = 0; z < image.size(ZarrImage.Z); z += bz) {
                for (int y = 0; y < image.height(); y += by) {
                    for (int x = 0; x < image.width(); x += bx) {
                        blocks.add(new ZarrBlock(t, z, Math.min(bz, image.size(ZarrImage.Z) - z), new PlaneWindow(x,
                                y, Math.min(bx, image.width() - x), Math.min(by, image.height() - y))));
                    }
                }
            }
        }
        return blocks;
    }

    private static int roundUp(int value, int multiple) {
        return Math.max(1, (value + multiple - 1) / multiple) * multiple;
    }
}
