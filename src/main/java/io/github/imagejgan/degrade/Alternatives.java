package io.github.imagejgan.degrade;

import java.util.List;
import java.util.Map;

import io.github.imagejgan.task.UserException;

/**
 * One of several degradations, chosen anew for every image (written {@code a | b} in a specification): a network
 * trained on camera noise for some images and on Gaussian or Rician noise for others restores all three. All
 * alternatives must give images of the same size.
 *
 * @param choices the degradations, each equally likely
 */
public record Alternatives(List<Degradation> choices) implements Degradation {

    public static final String TYPE = "one-of";

    public Alternatives {
        if (choices == null || choices.size() < 2) {
            throw new UserException("Alternatives need at least two degradations");
        }
        choices = List.copyOf(choices);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        return apply(image, width, height, seed, seed);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long settingsSeed, long noiseSeed) {
        int pick = Seeds.random(settingsSeed).nextInt(choices.size());
        return choices.get(pick).apply(image, width, height, Seeds.derive(settingsSeed, pick),
                Seeds.derive(noiseSeed, pick));
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "choices", Descriptions.each(choices));
    }
}
