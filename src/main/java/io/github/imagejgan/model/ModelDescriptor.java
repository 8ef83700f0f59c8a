package io.github.imagejgan.model;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.UNet3dSpec;

/**
 * The content of {@code model.json}.
 *
 * @param name          short identifier, e.g. {@code denoise-general}
 * @param description   one or two sentences for users
 * @param task          what the model does
 * @param generator     the network that produces images
 * @param normalization how input images are mapped into the network's range
 * @param tiling        how images are cut for the network
 * @param provenance    how the model was trained
 * @param metrics       evaluation results, by metric name (e.g. {@code validationPsnr})
 */
public record ModelDescriptor(String name, String description, ModelTask task, NetworkSpec generator,
        Normalization normalization, Tiling tiling, Provenance provenance, Map<String, Double> metrics) {

    /** Format version written by this code; readers reject versions they do not know. */
    public static final int FORMAT_VERSION = 1;

    public ModelDescriptor {
        if (name == null || name.isBlank()) {
            throw new ModelFormatException("A model needs a name.");
        }
        require(task != null, name, "task");
        require(generator != null, name, "generator");
        require(normalization != null, name, "normalization");
        require(tiling != null, name, "tiling");
        description = description == null ? "" : description;
        provenance = provenance == null ? Provenance.unknown() : provenance;
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        if (normalization.isDeclared()) {
            // The processing applies to the image; an inpainting mask passes as it is.
            normalization.declared().checkChannels(task == ModelTask.INPAINT ? generator.inputChannels() - 1
                    : generator.inputChannels(), generator.outputChannels());
        }
        int planeChannels = task == ModelTask.INPAINT ? generator.inputChannels() - 1 : generator.inputChannels();
        if (tiling.slices() > 1 && (planeChannels != tiling.slices() || generator.outputChannels() != 1)) {
            throw new ModelFormatException("Model '" + name + "': a network of " + generator.inputChannels()
                    + " input and " + generator.outputChannels() + " output channels cannot restore single slices "
                    + "from " + tiling.slices() + " neighbouring ones (2.5D models are for single-channel stacks).");
        }
        if (generator instanceof UNet3dSpec volumetric && tiling.slices() != volumetric.inputChannels()) {
            throw new ModelFormatException("Model '" + name + "': its volumetric network restores each slice from "
                    + volumetric.inputChannels() + " slices, but its tiling gives it " + tiling.slices() + " (sliceHalo "
                    + "must be " + volumetric.sliceRadius() + ").");
        }
        if (task == ModelTask.SUPER_RESOLUTION ? generator.scale() < 2 : generator.scale() != 1) {
            throw new ModelFormatException("Model '" + name + "': task " + task.id() + " does not fit a generator of "
                    + "scale " + generator.scale() + ".");
        }
    }

    private static void require(boolean present, String name, String field) {
        if (!present) {
            throw new ModelFormatException("Model '" + name + "' has no " + field + ".");
        }
    }

    public int inputChannels() {
        return generator.inputChannels();
    }

    public int outputChannels() {
        return generator.outputChannels();
    }

    public int scale() {
        return generator.scale();
    }

    /**
     * Image channels the user must provide: inpainting adds the mask itself, synthesis the noise, a network with a
     * noise map the map, and a 2.5D model takes its neighbouring slices as further input channels.
     */
    public int imageChannels() {
        boolean added = task == ModelTask.INPAINT || task == ModelTask.SYNTHESIS || generator.noiseMap();
        return (added ? inputChannels() - 1 : inputChannels()) / tiling.slices();
    }

    /** A copy with more metrics (replacing those of the same name). */
    public ModelDescriptor withMetrics(Map<String, Double> more) {
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(more);
        return new ModelDescriptor(name, description, task, generator, normalization, tiling, provenance, all);
    }

    /** A copy under another name and description. */
    public ModelDescriptor withName(String newName, String newDescription) {
        return new ModelDescriptor(newName, newDescription, task, generator, normalization, tiling, provenance,
                metrics);
    }

    /** A copy with other provenance. */
    public ModelDescriptor withProvenance(Provenance newProvenance) {
        return new ModelDescriptor(name, description, task, generator, normalization, tiling, newProvenance, metrics);
    }

    /**
     * How image values become network inputs and network outputs become result values.
     *
     * <p>Models trained here use percentile normalization: the low percentile of the image maps to
     * {@code networkLow} (0), the high one to {@code networkHigh} (1), and outputs are mapped back by the inverse.
     * Networks trained on [-1, 1] (pix2pix, CycleGAN) state that range instead. Imported models may also
     * {@linkplain #declared() declare} their own pre- and postprocessing (bioimage.io), which then replaces both
     * mappings; their percentiles are 0 and 100 and unused.
     *
     * @param lowPercentile  mapped to {@code networkLow}
     * @param highPercentile mapped to {@code networkHigh}
     * @param networkLow     network value of the low percentile; 0 when absent
     * @param networkHigh    network value of the high percentile; 1 when absent
     * @param declared       the model's own processing, or null for percentile normalization
     */
    public record Normalization(double lowPercentile, double highPercentile, Double networkLow, Double networkHigh,
            DeclaredProcessing declared) {

        public static final Normalization DEFAULT = new Normalization(1, 99.8);

        public Normalization {
            if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
                throw new ModelFormatException("Normalization percentiles must satisfy 0 <= low < high <= 100, got "
                        + lowPercentile + " and " + highPercentile);
            }
            networkLow = networkLow == null ? 0.0 : networkLow;
            networkHigh = networkHigh == null ? 1.0 : networkHigh;
            if (!(Double.isFinite(networkLow) && Double.isFinite(networkHigh) && networkLow < networkHigh)) {
                throw new ModelFormatException("The network range must satisfy low < high, got " + networkLow
                        + " and " + networkHigh);
            }
        }

        /** Percentile normalization into [0, 1]. */
        public Normalization(double lowPercentile, double highPercentile) {
            this(lowPercentile, highPercentile, 0.0, 1.0, null);
        }

        /** The same percentiles mapped to another network range, e.g. [-1, 1] for pix2pix and CycleGAN. */
        public Normalization withNetworkRange(double low, double high) {
            return new Normalization(lowPercentile, highPercentile, low, high, declared);
        }

        /** The model's own pre- and postprocessing instead of percentile normalization. */
        public static Normalization declared(DeclaredProcessing processing) {
            if (processing == null) {
                throw new ModelFormatException("Declared processing is missing.");
            }
            return new Normalization(0, 100, 0.0, 1.0, processing);
        }

        public boolean isDeclared() {
            return declared != null;
        }
    }

    /**
     * Tiling defaults.
     *
     * @param tileSize  preferred tile core size, input pixels
     * @param halo      context around each tile (at least the receptive-field radius for exact tiling)
     * @param overlap   blend band between tiles
     * @param sliceHalo    neighbouring slices on each side of the one restored, for models that see a few slices of
     *                     a z-stack as their input channels (2.5D); absent (null) for models of single planes
     * @param sliceSpacing distance between the slices of the stacks a 2.5D model was trained on, in pixel widths
     *                     (voxel depth over width); absent where not known
     */
    public record Tiling(int tileSize, int halo, int overlap, Integer sliceHalo, Double sliceSpacing) {

        public Tiling {
            if (tileSize < 1 || halo < 0 || overlap < 0 || sliceHalo != null && sliceHalo < 0
                    || sliceSpacing != null && !(sliceSpacing > 0 && sliceSpacing < Double.POSITIVE_INFINITY)) {
                throw new ModelFormatException("Invalid tiling: the tile size must be a positive number of pixels, "
                        + "halo, overlap and slice halo 0 or more, the slice spacing positive; got size " + tileSize
                        + ", halo " + halo + ", overlap " + overlap + ", slice halo " + sliceHalo + ", slice spacing "
                        + sliceSpacing + ".");
            }
            // NB: kept absent rather than 0, so that model.json of single-plane models stays as it was.
            sliceHalo = sliceHalo == null || sliceHalo == 0 ? null : sliceHalo;
            sliceSpacing = sliceHalo == null ? null : sliceSpacing;
        }

        /** Tiling of a model of single planes. */
        public Tiling(int tileSize, int halo, int overlap) {
            this(tileSize, halo, overlap, null, null);
        }

        /** Tiles of {@code tileSize} with a halo of the generator's receptive-field radius. */
        public static Tiling forGenerator(NetworkSpec generator, int tileSize) {
            return new Tiling(tileSize, generator.receptiveFieldRadius(),
                    generator.usesWholeInputStatistics() ? 32 : 0);
        }

        /** Slices the network sees for each one it restores: 1 for single planes, 2 * sliceHalo + 1 for 2.5D. */
        public int slices() {
            return sliceHalo == null ? 1 : 2 * sliceHalo + 1;
        }

        /**
         * Where the network's input channels come from, as slice offsets from the one restored: that slice first
         * (so that a residual network adds its correction to it), then the neighbours from below to above.
         */
        public int[] sliceOffsets() {
            return sliceOffsets(sliceHalo == null ? 0 : sliceHalo);
        }

        /** {@link #sliceOffsets()} of a network that sees {@code slicesEachSide} neighbours on each side. */
        public static int[] sliceOffsets(int slicesEachSide) {
            int[] offsets = new int[2 * slicesEachSide + 1];
            int i = 1;
            for (int dz = -slicesEachSide; dz <= slicesEachSide; dz++) {
                if (dz != 0) {
                    offsets[i++] = dz;
                }
            }
            return offsets;
        }

        /** The same tiling for a network that sees {@code slicesEachSide} slices on each side. */
        public Tiling withSliceHalo(int slicesEachSide) {
            return new Tiling(tileSize, halo, overlap, slicesEachSide, sliceSpacing);
        }

        /** The same tiling, trained on slices {@code spacing} pixel widths apart (0: not known). */
        public Tiling withSliceSpacing(double spacing) {
            return new Tiling(tileSize, halo, overlap, sliceHalo, spacing > 0 ? spacing : null);
        }
    }

    /**
     * How the model was made.
     *
     * @param data            description of the training data (folders, synthetic generator and seeds)
     * @param degradation     parameters of the degradation that made inputs from targets, if any
     * @param steps           training steps done
     * @param seed            random seed of the run
     * @param trainingSeconds wall-clock training time
     * @param created         ISO-8601 time the package was written
     * @param software        e.g. {@code imagej-gan 0.1.0, PyTorch 2.7.1}
     * @param startedFrom     the model whose weights the run started from (fine-tuning), with that model's own
     *                        provenance in short; empty for random weights and for packages written before the field
     */
    public record Provenance(String data, Map<String, Object> degradation, long steps, long seed,
            double trainingSeconds, String created, String software, String startedFrom) {

        public Provenance {
            data = data == null ? "" : data;
            degradation = degradation == null ? Map.of() : Map.copyOf(degradation);
            created = created == null ? "" : created;
            software = software == null ? "" : software;
            startedFrom = startedFrom == null ? "" : startedFrom;
        }

        /** Provenance of a run from random weights. */
        public Provenance(String data, Map<String, Object> degradation, long steps, long seed,
                double trainingSeconds, String created, String software) {
            this(data, degradation, steps, seed, trainingSeconds, created, software, "");
        }

        public static Provenance unknown() {
            return new Provenance("", Map.of(), 0, 0, 0, "", "");
        }
    }
}
