package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The adversarial objective: what the discriminator minimizes on its scores for real and generated images, and
 * what the generator minimizes on the scores of its own images. Scores are raw (no sigmoid); each loss is a mean
 * over all patches.
 */
public enum AdversarialLoss {

    /** Least squares (Mao et al. 2017): scores pulled to 1 for real and 0 for fake; stable, the pix2pix default. */
    LSGAN {
        @Override
        public NDArray discriminator(NDArray real, NDArray fake) {
            return real.sub(1f).square().mean().add(fake.square().mean()).mul(0.5f);
        }

        @Override
        public NDArray generator(NDArray fake) {
            return fake.sub(1f).square().mean();
        }
    },

    /** Hinge loss (Lim & Ye 2017), common with spectral normalization. */
    HINGE {
        @Override
        public NDArray discriminator(NDArray real, NDArray fake) {
            return Activation.relu(real.neg().add(1f)).mean().add(Activation.relu(fake.add(1f)).mean());
        }

        @Override
        public NDArray generator(NDArray fake) {
            return fake.mean().neg();
        }
    },

    /** The original cross-entropy GAN loss in its non-saturating form (Goodfellow et al. 2014). */
    BCE {
        @Override
        public NDArray discriminator(NDArray real, NDArray fake) {
            return softPlus(real.neg()).mean().add(softPlus(fake).mean());
        }

        @Override
        public NDArray generator(NDArray fake) {
            return softPlus(fake.neg()).mean();
        }
    };

    /** Loss of the discriminator given its scores on real and on generated (detached) images. */
    public abstract NDArray discriminator(NDArray real, NDArray fake);

    /** Loss of the generator given the discriminator's scores on its images. */
    public abstract NDArray generator(NDArray fake);

    /** log(1 + e^x), computed without overflow for large |x|. */
    static NDArray softPlus(NDArray x) {
        return Activation.relu(x).add(x.abs().neg().exp().add(1f).log());
    }
}
