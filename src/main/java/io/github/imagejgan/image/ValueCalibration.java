package io.github.imagejgan.image;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * The value calibration of 8- and 16-bit ImageJ images: a function from stored to meaningful values, such as
 * Hounsfield units stored as {@code HU + 1024} in CT, or signed 16-bit data stored with an offset of 32768. Networks
 * see the stored values (their normalization makes the two equivalent), so a result must get the same function back,
 * or, in 32-bit, the calibrated values themselves; otherwise CT results would read 1024 HU too bright.
 */
public final class ValueCalibration {

    private ValueCalibration() {
    }

    /**
     * Gives {@code to}, computed from the stored values of {@code from}, the value calibration of {@code from}: the
     * same function for an image of the same bit depth; for a 32-bit image, its values are converted through the
     * function, since ImageJ calibrates only 8- and 16-bit values.
     */
    public static void carry(ImagePlus from, ImagePlus to) {
        Calibration source = from.getCalibration();
        int bits = from.getBitDepth();
        if (!source.calibrated() || (bits != 8 && bits != 16)) {
            return;
        }
        if (to.getBitDepth() == bits) {
            Calibration target = to.getCalibration().copy();
            target.setFunction(source.getFunction(), source.getCoefficients(), source.getValueUnit(),
                    source.zeroClip());
            to.setCalibration(target);
        } else if (to.getBitDepth() == 32) {
            for (int i = 1; i <= to.getStackSize(); i++) {
                float[] plane = (float[]) to.getStack().getPixels(i);
                for (int k = 0; k < plane.length; k++) {
                    plane[k] = (float) source.getCValue((double) plane[k]);
                }
            }
        }
    }
}
