package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import io.github.imagejgan.task.UserException;

class RoiLabelsTest {

    private static Roi roi(Roi roi, int group) {
        roi.setGroup(group);
        return roi;
    }

    @Test
    void eachRoiIsItsOwnObjectForInstanceModelsAndLaterOnesWinWhereTheyOverlap() {
        Roi[] rois = { new Roi(2, 2, 10, 6), new OvalRoi(8, 4, 8, 8) };
        ImagePlus labels = RoiLabels.paint(rois, 20, 16, true, Integer.MAX_VALUE, "labels");
        assertEquals(16, labels.getBitDepth());
        assertEquals(20, labels.getWidth());
        assertEquals(1, labels.getProcessor().get(3, 3));
        assertEquals(2, labels.getProcessor().get(12, 8), "the oval, painted after the rectangle");
        assertEquals(2, labels.getProcessor().get(10, 7), "overlap: the later ROI");
        assertEquals(0, labels.getProcessor().get(0, 0), "background");
        assertEquals(0, labels.getProcessor().get(19, 15), "background");
    }

    @Test
    void classModelsTakeEachRoisGroupAsItsClass() {
        Roi[] rois = { roi(new Roi(0, 0, 5, 5), 2), roi(new Roi(10, 10, 5, 5), 1) };
        ImagePlus labels = RoiLabels.paint(rois, 16, 16, false, 3, "labels");
        assertEquals(2, labels.getProcessor().get(2, 2));
        assertEquals(1, labels.getProcessor().get(12, 12));
        assertEquals(0, labels.getProcessor().get(7, 7));
    }

    @Test
    void missingOrUnknownGroupsAndAnEmptyManagerAreExplained() {
        UserException none = assertThrows(UserException.class, () -> RoiLabels.paint(
                new Roi[] { new Roi(0, 0, 4, 4) }, 8, 8, false, 3, "labels"));
        assertTrue(none.getMessage().contains("no group"), none.getMessage());
        UserException unknown = assertThrows(UserException.class, () -> RoiLabels.paint(
                new Roi[] { roi(new Roi(0, 0, 4, 4), 5) }, 8, 8, false, 3, "labels"));
        assertTrue(unknown.getMessage().contains("group 5") && unknown.getMessage().contains("1 to 2"),
                unknown.getMessage());
        UserException empty = assertThrows(UserException.class, () -> RoiLabels.paint(new Roi[0], 8, 8, true,
                Integer.MAX_VALUE, "labels"));
        assertTrue(empty.getMessage().contains("ROI Manager is empty"), empty.getMessage());
    }
}
