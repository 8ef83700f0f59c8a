package io.github.imagejgan.interop.bioimageio;

/**
 * The sizes an input axis of an exported model takes: {@code min + n*step}, or {@code min} alone when the step is 0.
 * It is what the description promises to every tool that reads it, so an export writes it as the model declared it.
 *
 * @param min  the smallest size
 * @param step the increment; 0 for one fixed size
 */
record SizeRule(int min, int step) {

    SizeRule {
        if (min < 1 || step < 0) {
            throw new IllegalArgumentException("size rule min " + min + ", step " + step);
        }
    }

    /** The rule's size that is at least {@code size}. */
    int smallestFrom(int size) {
        if (step == 0 || size <= min) {
            return min;
        }
        return min + (size - min + step - 1) / step * step;
    }

    /** The rule's largest size up to {@code size}, or 0 if even its smallest is larger. */
    int largestUpTo(int size) {
        if (size < min) {
            return 0;
        }
        return step == 0 ? min : min + (size - min) / step * step;
    }

    /** How rdf.yaml 0.5 writes it: a number for one fixed size, {@code {min, step}} otherwise. */
    Object yaml() {
        return step == 0 ? (Object) min : YamlValue.map("min", min, "step", step);
    }

    @Override
    public String toString() {
        return step == 0 ? String.valueOf(min) : min + " + n*" + step;
    }
}
