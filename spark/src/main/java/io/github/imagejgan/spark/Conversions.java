package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.imagejgan.cli.CommandLine;
import io.github.imagejgan.cli.UsageException;
import io.github.imagejgan.image.ImageFiles;

/**
 * TIFF to OME-Zarr and back, for images larger than one machine's memory: plane by plane, through ImageJ's virtual
 * stacks (which read one plane at a time). TIFF to Zarr spreads the planes over the cluster; Zarr to TIFF writes the
 * one file on the driver, one plane in memory at a time. Pixels, bit depth, hyperstack layout and calibration carry
 * over both ways.
 */
final class Conversions {

    private Conversions() {
    }

    /** {@code tiff-to-zarr [--chunk N] IN.tif OUT.zarr}: the TIFF must lie where every worker sees it as a file. */
    static SparkMain.Job tiffToZarr(CommandLine line, PrintStream log) {
        int chunk = line.integer("chunk", 512);
        List<String> files = line.positional();
        line.rejectUnknown();
        if (files.size() != 2 || chunk < 16) {
            throw new UsageException("tiff-to-zarr takes IN.tif and OUT.zarr, and --chunk of at least 16 pixels.");
        }
        String tiff = files.get(0);
        String zarr = files.get(1);
        if (!Storage.isLocal(tiff)) {
            throw new UsageException("tiff-to-zarr reads TIFFs on a file system mounted on every worker (file:), "
                    + "not " + tiff + ".");
        }
        return spark -> tiffToZarr(spark, tiff, zarr, chunk, log);
    }

    private static int tiffToZarr(JavaSparkContext spark, String tiff, String zarr, int chunk, PrintStream log)
            throws IOException {
        if (Storage.exists(zarr)) {
            throw new UsageException(zarr + " exists: give a new location for the OME-Zarr image.");
        }
        ImagePlus imp = openVirtual(Storage.localPath(tiff).toString());
        ZarrType type = ZarrType.ofBitDepth(imp.getBitDepth());
        Calibration cal = imp.getCalibration();
        double[] scale = { cal.frameInterval > 0 ? cal.frameInterval : 1, 1, cal.pixelDepth, cal.pixelHeight,
                cal.pixelWidth };
        String unit = cal.getUnit() == null || cal.getUnit().equals("pixel") ? "" : cal.getUnit();
        String[] units = { cal.getTimeUnit() == null || cal.frameInterval <= 0 ? "" : cal.getTimeUnit(), "", unit,
                unit, unit };
        long[] shape = { imp.getNFrames(), imp.getNChannels(), imp.getNSlices(), imp.getHeight(), imp.getWidth() };
        ZarrImage.create(zarr, shape, 1, chunk, chunk, type, scale, units);
        List<Integer> planes = new ArrayList<>();
        for (int i = 1; i <= imp.getStackSize(); i++) {
            planes.add(i);
        }
        String path = Storage.localPath(tiff).toString();
        spark.parallelize(planes, Math.min(planes.size(), Math.max(1, spark.defaultParallelism() * 2)))
                .foreachPartition(it -> {
                    ImagePlus source = openVirtual(path);
                    ZarrImage target = ZarrImage.open(zarr);
                    while (it.hasNext()) {
                        int n = it.next();
                        int[] czt = source.convertIndexToPosition(n);
                        target.writePlane(czt[0] - 1, czt[1] - 1, czt[2] - 1,
                                source.getStack().getProcessor(n).getPixels());
                    }
                });
        log.println("[imagej-gan] " + tiff + " -> " + zarr + " (" + planes.size() + " planes)");
        return 0;
    }

    /** {@code zarr-to-tiff IN.zarr OUT.tif}. */
    static int zarrToTiff(CommandLine line, PrintStream log) throws IOException {
        List<String> files = line.positional();
        line.rejectUnknown();
        if (files.size() != 2) {
            throw new UsageException("zarr-to-tiff takes IN.zarr and OUT.tif.");
        }
        ZarrImage image = ZarrImage.open(files.get(0));
        ImagePlus imp = ZarrStack.image(image, Storage.name(files.get(1)));
        Storage.write(files.get(1), tmp -> ImageFiles.saveTiff(imp, tmp));
        log.println("[imagej-gan] " + files.get(0) + " -> " + files.get(1) + " (" + imp.getStackSize() + " planes)");
        return 0;
    }

    private static ImagePlus openVirtual(String path) throws IOException {
        ImagePlus imp = IJ.openVirtual(path);
        if (imp == null) {
            throw new IOException("ImageJ cannot read " + path + " as a TIFF.");
        }
        return imp;
    }
}
