package io.github.imagejgan.interop.bioimageio;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import ij.ImagePlus;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.synth.Phantom;
import io.github.imagejgan.synth.Phantoms;

/**
 * A synthetic input from a model's own domain, for an export without a test image: bioimage.io shows the test input
 * as the model's example, and a CT denoiser shown on fluorescence spots says nothing about it. The domain is read
 * from the words of the model's name, else its description, else its training data: CT, MR, fluorescence microscopy
 * (nuclei, filaments, membranes or puncta), or natural scenes for general models. Its phantom is then degraded as
 * the task expects, with the settings the shipped models were trained on: the domain's noise for denoising,
 * downsampling for super-resolution, out-of-focus haze for a widefield style model; inpainting gets the intact
 * scene, whose holes {@link TestInput} cuts.
 */
final class DomainImage {

    /**
     * A kind of image, with the phantom that stands for it and its typical noise.
     */
    enum Domain {
        CT("ct", "gaussian:sigma=40", "\\bct\\b|computed tomograph|hounsfield"),
        MR("mr-t1", "rician:sigma=25", "\\bmri?\\b|magnetic resonance"),
        FLUORESCENCE("nuclei", "poisson-gaussian:readNoise=2,photonsPerUnit=0.2", "fluorescen|microscop|widefield"
                + "|confocal|nucle|filament|microtubul|actin|membrane|punct|vesicle|\\bcells?\\b"),
        NATURAL("dead-leaves", "gaussian:sigma=20", "general|natural|photograph|scene");

        private final String phantom;
        private final String noise;
        private final Pattern words;

        Domain(String phantom, String noise, String words) {
            this.phantom = phantom;
            this.noise = noise;
            this.words = Pattern.compile(words);
        }
    }

    /** Fluorescence structures by the words that name them; nuclei when none does. */
    private static final List<String[]> STRUCTURES = List.of(
            new String[] { "filaments", "filament|microtubul|actin|cytoskelet" },
            new String[] { "membranes", "membrane|outline|widefield|confocal" },
            new String[] { "puncta", "punct|vesicle|spots" },
            new String[] { "nuclei", "nucle" });

    private static final Pattern HAZE = Pattern.compile("widefield|out-of-focus|hazy|haze");

    /**
     * What a model's test input shows.
     *
     * @param domain      the kind of image
     * @param phantom     the scene, by its name in {@link Phantoms}
     * @param degradation what the model undoes, in {@link Degradations}' syntax; null for an intact scene
     */
    record Choice(Domain domain, String phantom, String degradation) {
    }

    private DomainImage() {
    }

    /** The domain, phantom and degradation of a model's test input. */
    static Choice choose(ModelDescriptor d) {
        String name = lower(d.name());
        String description = lower(d.description());
        String data = lower(d.provenance().data());
        Domain domain = domain(name);
        String text = name + " " + description;
        if (domain == null) {
            domain = domain(description);
        }
        if (domain == null) {
            domain = domain(data);
            text = text + " " + data;
        }
        if (domain == null) {
            domain = Domain.NATURAL;
        }
        String phantom = domain == Domain.FLUORESCENCE ? structure(text) : domain.phantom;
        return new Choice(domain, phantom, degradation(d, domain, text));
    }

    /**
     * The test input of a model, at the size it takes.
     *
     * @param channels the image channels the model takes; each is a scene of its own (another seed)
     * @param width    the input's width; super-resolution renders the scene larger by its scale, then downsamples
     */
    static TensorPlanes render(ModelDescriptor d, int channels, int width, int height) {
        Choice choice = choose(d);
        int scale = d.task() == ModelTask.SUPER_RESOLUTION ? d.scale() : 1;
        Phantom phantom = Phantoms.typical(choice.phantom(), width * scale, height * scale);
        float[][] planes = new float[channels][];
        for (int c = 0; c < channels; c++) {
            float[] clean = phantom.render(7 + c);
            Degraded degraded = choice.degradation() == null ? new Degraded(clean, phantom.width(), phantom.height())
                    : Degradations.parse(choice.degradation()).apply(clean, phantom.width(), phantom.height(), 8 + c);
            // Through the phantom's encoding, so that values are those of its image files (CT in HU + 1024, ...).
            ImagePlus image = phantom.encoding().toImage(degraded.image(), degraded.width(), degraded.height(),
                    d.name());
            planes[c] = TensorPlanes.of(ImagePlusImages.wrap(image)).planes()[0];
        }
        return new TensorPlanes(channels, height, width, planes);
    }

    private static Domain domain(String text) {
        for (Domain domain : Domain.values()) {
            if (domain.words.matcher(text).find()) {
                return domain;
            }
        }
        return null;
    }

    private static String structure(String text) {
        for (String[] s : STRUCTURES) {
            if (Pattern.compile(s[1]).matcher(text).find()) {
                return s[0];
            }
        }
        return "nuclei";
    }

    private static String degradation(ModelDescriptor d, Domain domain, String text) {
        return switch (d.task()) {
        case DENOISE -> domain.noise;
        case SUPER_RESOLUTION -> "blur-downsample:factor=" + d.scale() + (domain == Domain.FLUORESCENCE
                ? "+poisson-gaussian:readNoise=1,photonsPerUnit=1" : ",antiAliasing=area");
        case STYLE -> HAZE.matcher(text).find()
                ? "defocus:sigma=2.5,haze=0.4,hazeSigma=10+poisson-gaussian:readNoise=1,photonsPerUnit=1"
                : domain.noise;
        case INPAINT, SYNTHESIS, ISOTROPIC -> null;
        };
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
