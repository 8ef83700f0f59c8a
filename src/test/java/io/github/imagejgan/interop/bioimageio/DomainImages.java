package io.github.imagejgan.interop.bioimageio;

import java.util.Map;

import ij.ImagePlus;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.synth.Phantom;
import io.github.imagejgan.synth.Phantoms;

/**
 * For each shipped model, an image of the kind it was trained to restore, made like its training inputs
 * (scripts/train-shipped-models.sh and scripts/training/common.sh): the phantom of its domain through the degradation
 * it undoes, stored as those inputs were. The inpainting model gets an intact scene; the export cuts its holes.
 */
final class DomainImages {

    /**
     * @param phantom     the scene, by its name in {@link Phantoms}
     * @param degradation what the model undoes, in {@link Degradations}' syntax; null for none
     * @param size        the clean scene's edge (a super-resolution input is smaller by the factor)
     */
    record Domain(String phantom, String degradation, int size) {

        ImagePlus image(String title) {
            Phantom p = Phantoms.typical(phantom, size, size);
            Degraded d = degradation == null ? new Degraded(p.render(7), size, size)
                    : Degradations.parse(degradation).apply(p.render(7), size, size, 8);
            return p.encoding().toImage(d.image(), d.width(), d.height(), title);
        }
    }

    static final Map<String, Domain> SHIPPED = Map.of(
            "denoise-general", new Domain("dead-leaves", "gaussian:sigma=20", 320),
            "denoise-general-spread", new Domain("dead-leaves", "gaussian:sigma=20,spread=1", 320),
            "inpaint-general", new Domain("dead-leaves", null, 256),
            "self-supervised-start", new Domain("nuclei", "poisson-gaussian:readNoise=1,photonsPerUnit=0.2", 256),
            "sr2-general", new Domain("dead-leaves", "blur-downsample:factor=2,antiAliasing=area", 256),
            "sr4-general", new Domain("dead-leaves", "blur-downsample:factor=4,antiAliasing=area", 512),
            "style-widefield-to-confocal", new Domain("membranes",
                    "defocus:sigma=2.5,haze=0.4,hazeSigma=10+poisson-gaussian:readNoise=1,photonsPerUnit=1", 256));

    private DomainImages() {
    }
}
