package io.github.imagejgan.degrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.task.UserException;

/**
 * Degradations applied one after another, e.g. a blur with downsampling and then camera noise. Each step gets its
 * own seed derived from the chain's. A mask made by one step is kept through the later ones, which must then keep
 * the image size.
 *
 * @param steps the degradations, in the order they are applied
 */
public record DegradationChain(List<Degradation> steps) implements Degradation {

    public static final String TYPE = "chain";

    public DegradationChain {
        if (steps == null || steps.isEmpty()) {
            throw new UserException("A chain needs at least one degradation");
        }
        List<Degradation> flat = new ArrayList<>();
        for (Degradation step : steps) {
            if (step == null) {
                throw new UserException("A chain cannot contain null");
            }
            if (step instanceof DegradationChain chain) {
                flat.addAll(chain.steps());
            } else {
                flat.add(step);
            }
        }
        steps = List.copyOf(flat);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        return apply(image, width, height, seed, seed);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long settingsSeed, long noiseSeed) {
        Degraded current = new Degraded(image, width, height);
        for (int i = 0; i < steps.size(); i++) {
            Degraded next = steps.get(i).apply(current.image(), current.width(), current.height(),
                    Seeds.derive(settingsSeed, i), Seeds.derive(noiseSeed, i));
            if (next.mask() != null) {
                if (current.mask() != null) {
                    throw new UserException("A chain can hold only one mask step");
                }
                current = next;
            } else {
                current = current.withImage(next.image(), next.width(), next.height());
            }
        }
        return current;
    }

    @Override
    public Degradation then(Degradation next) {
        List<Degradation> longer = new ArrayList<>(steps);
        longer.add(next);
        return new DegradationChain(longer);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "steps", Descriptions.each(steps));
    }
}
