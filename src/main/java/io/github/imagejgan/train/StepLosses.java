package io.github.imagejgan.train;

/**
 * Losses of one training step. For unpaired training, {@code reconstruction} is the cycle-consistency loss.
 *
 * @param generatorAdversarial adversarial term of the generator(s)
 * @param reconstruction       reconstruction (paired) or cycle (unpaired) term, unweighted
 * @param discriminatorReal    discriminator loss on real images
 * @param discriminatorFake    discriminator loss on generated images
 */
public record StepLosses(double generatorAdversarial, double reconstruction, double discriminatorReal,
        double discriminatorFake) {

    /** True when every loss is a finite number. */
    public boolean isFinite() {
        return Double.isFinite(generatorAdversarial) && Double.isFinite(reconstruction)
                && Double.isFinite(discriminatorReal) && Double.isFinite(discriminatorFake);
    }
}
