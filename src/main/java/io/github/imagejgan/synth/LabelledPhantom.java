package io.github.imagejgan.synth;

/** A phantom that knows which object each of its pixels shows. */
public interface LabelledPhantom extends Phantom {

    /** The image {@link #render(long)} gives for this seed, with its instance labels. */
    LabelledScene renderLabelled(long seed);
}
