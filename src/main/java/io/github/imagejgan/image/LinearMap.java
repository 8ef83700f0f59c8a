package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/**
 * The value mapping {@code v -> (v - shift) * factor} applied while pixels move between an image and a tensor; it
 * carries normalization into the copy so that no normalized copy of an image is ever made.
 */
public record LinearMap(float shift, float factor) {

    /** Leaves values unchanged. */
    public static final LinearMap IDENTITY = new LinearMap(0f, 1f);

    public LinearMap {
        if (!Float.isFinite(shift) || !Float.isFinite(factor) || factor == 0f) {
            throw new UserException("A value mapping needs a finite shift and a finite non-zero factor, got "
                    + shift + " and " + factor);
        }
    }

    public float apply(float v) {
        return (v - shift) * factor;
    }

    /** The mapping that undoes this one. */
    public LinearMap inverse() {
        return new LinearMap(-shift * factor, 1f / factor);
    }

    /** The mapping that applies this one, then {@code next}. */
    public LinearMap then(LinearMap next) {
        if (isIdentity()) {
            return next;
        }
        if (next.isIdentity()) {
            return this;
        }
        return new LinearMap(shift + next.shift / factor, factor * next.factor);
    }

    public boolean isIdentity() {
        return shift == 0f && factor == 1f;
    }
}
