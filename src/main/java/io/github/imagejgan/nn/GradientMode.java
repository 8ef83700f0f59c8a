package io.github.imagejgan.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches autograd recording for the current thread. PyTorch records by default on every new thread, so inference
 * on a Fiji or executor thread would build (and hold) gradient graphs unless it is switched off there.
 */
public final class GradientMode {

    private GradientMode() {
    }

    /** Stops recording operations for gradients on this thread. */
    public static void disableOnThisThread() {
        JniUtils.setGradMode(false);
    }
}
