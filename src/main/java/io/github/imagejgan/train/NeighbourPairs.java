package io.github.imagejgan.train;

import java.util.Locale;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Self-supervision by neighbouring pixels (Neighbor2Neighbor, Huang et al. 2021). A noisy patch is cut into 2x2
 * cells; in each cell one pixel is drawn for a first half-size image and one of its two neighbours in the cell for a
 * second. Both show nearly the same signal under independent noise, so the network learns to turn the first into the
 * second as it would learn from two noisy shots of one scene: every pixel carries loss, where a blind-spot network
 * learns only from the few it hides. Since the two pixels of a pair lie one pixel apart, a regularizer asks the
 * network's output on the first image to differ from the second image as the network's output on the whole patch,
 * sampled the same two ways, differs from itself; its weight grows from 0 to {@code gamma} over the run.
 *
 * @param gamma weight of the regularizer at the end of training, 0 to 10
 */
public record NeighbourPairs(double gamma) implements SelfSupervision {

    /** The scheme's name in settings and model packages. */
    public static final String NAME = "pairs";

    /** The scheme's type in model packages. */
    public static final String TYPE = "neighbour-pairs";

    /** The weight that the paper uses for synthetic noise. */
    public static final double DEFAULT_GAMMA = 2;

    public static final NeighbourPairs DEFAULT = new NeighbourPairs(DEFAULT_GAMMA);

    public NeighbourPairs {
        if (!(gamma >= 0 && gamma <= 10)) {
            throw new TrainingSettingsException("Neighbour-pair regularizer weight " + gamma + " is out of range: "
                    + "choose 0 to 10.");
        }
    }

    /**
     * The scheme {@code pairs} or {@code pairs,gamma=G} names.
     *
     * @throws TrainingSettingsException naming what is wrong
     */
    public static NeighbourPairs parse(String spec) {
        String[] parts = spec.split(",");
        if (!parts[0].trim().equals(NAME)) {
            throw new TrainingSettingsException("Not a neighbour-pair setting: '" + spec + "'.");
        }
        double gamma = DEFAULT_GAMMA;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length != 2 || !kv[0].trim().equalsIgnoreCase("gamma")) {
                throw new TrainingSettingsException("Unknown neighbour-pair setting '" + parts[i].trim() + "' in '"
                        + spec + "': use gamma=G.");
            }
            try {
                gamma = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new TrainingSettingsException("Neighbour-pair setting '" + parts[i].trim() + "' needs a number.");
            }
        }
        return new NeighbourPairs(gamma);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "%s,gamma=%s", NAME, gamma);
    }

    /** The regularizer's weight after {@code step} of {@code steps} steps. */
    public double weightAt(long step, long steps) {
        return gamma * Math.min(1.0, (double) step / steps);
    }

    /**
     * The shape of selectors for batches of shape (N, C, H, W): one plane per item, (N, 1, H, W), which samples all
     * channels of an item at the same pixels: the colours of an image, and the neighbouring slices that a 2.5D or 3D
     * network sees beside the one it restores.
     */
    public static Shape planes(Shape batch) {
        return new Shape(batch.get(0), 1, batch.get(2), batch.get(3));
    }

    /** The two samplings of a batch of shape (N, C, H, W) with even H and W, drawn anew per cell and plane. */
    public static Pair draw(NDManager manager, Shape shape, SplittableRandom random) {
        int planes = Math.toIntExact(shape.get(0) * shape.get(1));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        if (height % 2 != 0 || width % 2 != 0) {
            throw new TrainingSettingsException("Neighbour pairs need patches of even size, got " + width + " x "
                    + height + ".");
        }
        float[] first = new float[planes * height * width];
        float[] second = new float[first.length];
        for (int p = 0; p < planes; p++) {
            int offset = p * height * width;
            for (int y = 0; y < height; y += 2) {
                for (int x = 0; x < width; x += 2) {
                    int corner = random.nextInt(4);
                    int dy = corner >> 1;
                    int dx = corner & 1;
                    // NB: the neighbour shares a row or a column with the first pixel, never only a corner.
                    boolean sameColumn = random.nextBoolean();
                    int ey = sameColumn ? 1 - dy : dy;
                    int ex = sameColumn ? dx : 1 - dx;
                    first[offset + (y + dy) * width + x + dx] = 1;
                    second[offset + (y + ey) * width + x + ex] = 1;
                }
            }
        }
        return new Pair(manager.create(first, shape), manager.create(second, shape));
    }

    /**
     * Which pixel of each 2x2 cell each half-size image takes: 1 there, 0 elsewhere.
     *
     * @param first  selector of the image the network sees
     * @param second selector of the image it should produce
     */
    public record Pair(NDArray first, NDArray second) {

        /** The half-size image {@code first} picks from {@code image}. */
        public NDArray first(NDArray image) {
            return pick(image, first);
        }

        /** The half-size image {@code second} picks from {@code image}. */
        public NDArray second(NDArray image) {
            return pick(image, second);
        }

        private static NDArray pick(NDArray image, NDArray selector) {
            Shape s = image.getShape();
            return image.mul(selector).reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2, 2)
                    .sum(new int[] { 3, 5 });
        }
    }
}
