package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The adversarial objective: what the discriminator minimizes on its scores for real and generated images (the sum
 * of {@link #realTerm} and {@link #fakeTerm}), and what the generator minimizes on the scores of its own images.
 * Scores are raw (no sigmoid); each term is a mean over all patches.
 */
public enum AdversarialLoss {

    /** Least squares (Mao et al. 2017): scores pulled to 1 for real and 0 for fake; stable, the pix2pix default. */
    LSGAN {
        @Override
        public NDArray realTerm(NDArray real) {
            return Scalars.times(real.sub(1f).square().mean(), 0.5);
        }

        @Override
        public NDArray fakeTerm(NDArray fake) {
            return Scalars.times(fake.square().mean(), 0.5);
        }

        @Override
        public NDArray generator(NDArray fake) {
            return fake.sub(1f).square().mean();
        }
    },

    /** Hinge loss (Lim & Ye 2017), common with spectral normalization. */
    HINGE {
        @Override
        public NDArray realTerm(NDArray real) {
            return Activation.relu(real.neg().add(1f)).mean();
        }

        @Override
        public NDArray fakeTerm(NDArray fake) {
            return Activation.relu(fake.add(1f)).mean();
        }

        @Override
        public NDArray generator(NDArray fake) {
            return fake.mean().neg();
        }
    },

    /** The original cross-entropy GAN loss in its non-saturating form (Goodfellow et al. 2014). */
    BCE {
        @Override
        public NDArray realTerm(NDArray real) {
            return softPlus(real.neg()).mean();
        }

        @Override
        public NDArray fakeTerm(NDArray fake) {
            return softPlus(fake).mean();
        }

        @Override
        public NDArray generator(NDArray fake) {
            return softPlus(fake.neg()).mean();
        }
    };

    /** Discriminator loss on its scores for real images. */
    public abstract NDArray realTerm(NDArray real);

    /** Discriminator loss on its scores for generated (detached) images. */
    public abstract NDArray fakeTerm(NDArray fake);

    /** Loss of the generator given the discriminator's scores on its images. */
    public abstract NDArray generator(NDArray fake);

    /** Loss of the discriminator given its scores on real and on generated images. */
    public NDArray discriminator(NDArray real, NDArray fake) {
        return realTerm(real).add(fakeTerm(fake));
    }

    /** log(1 + e^x), computed without overflow for large |x|. */
    static NDArray softPlus(NDArray x) {
        return Activation.relu(x).add(x.abs().neg().exp().add(1f).log());
    }
}
