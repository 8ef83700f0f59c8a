package io.github.imagejgan.predict;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ShortProcessor;
import io.github.imagejgan.task.UserException;

/**
 * Paints regions of interest (the ROI Manager's, typically) into the label image a synthesis model takes: for a
 * model of instances each ROI is its own object (ids 1, 2, ... in list order), for a model of classes each ROI
 * carries its class as its group (the ROI Manager's Properties or More › Groups). Later ROIs are painted over earlier
 * ones where they overlap, as the ROI Manager lists them.
 */
public final class RoiLabels {

    /** The name of the labels' source that these ROIs are, in the Fiji command's choice and the macro key. */
    public static final String SOURCE = "ROI Manager";

    /** The largest id a 16-bit label image holds. */
    private static final int MAX_ID = 65535;

    private RoiLabels() {
    }

    /**
     * @param instances each ROI its own object (true) or each ROI's group its class (false)
     * @param classes   the model's classes (ids 0 to classes - 1; 0 is the background), for class models
     * @throws UserException if there are no ROIs, too many, or a class model's ROI has no or an unknown group
     */
    public static ImagePlus paint(Roi[] rois, int width, int height, boolean instances, int classes, String title) {
        if (rois == null || rois.length == 0) {
            throw new UserException("The ROI Manager is empty: add the regions to paint (each an object, or for a "
                    + "model of classes, each with its class as its group), or choose a label image.");
        }
        if (instances && rois.length > MAX_ID) {
            throw new UserException(rois.length + " ROIs are more objects than a 16-bit label image holds ("
                    + MAX_ID + ").");
        }
        ShortProcessor labels = new ShortProcessor(width, height);
        for (int i = 0; i < rois.length; i++) {
            Roi roi = rois[i];
            int id = instances ? i + 1 : roi.getGroup();
            if (!instances && (id < 1 || id >= classes)) {
                throw new UserException("ROI '" + name(roi, i) + "' has " + (id < 1 ? "no group" : "group " + id)
                        + ", but this model paints classes 1 to " + (classes - 1) + " (0 is the background): set "
                        + "each ROI's group to its class (ROI Manager › Properties, or More › Groups).");
            }
            labels.setValue(id);
            labels.fill(roi);
        }
        return new ImagePlus(title, labels);
    }

    /** The ROI Manager's ROIs (in batch mode, a macro's hidden manager); none if there is no manager. */
    public static Roi[] roiManagerRois() {
        RoiManager manager = RoiManager.getInstance2();
        return manager == null ? new Roi[0] : manager.getRoisAsArray();
    }

    private static String name(Roi roi, int index) {
        return roi.getName() != null ? roi.getName() : "#" + (index + 1);
    }
}
