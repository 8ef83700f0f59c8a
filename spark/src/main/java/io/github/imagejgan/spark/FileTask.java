package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;

import ij.ImagePlus;
import io.github.imagejgan.image.HeapBudget;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.task.Failures;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * One Spark task of a file job: restores its group of files with the executor's loaded model, exactly as the command
 * line restores one file (open with ImageJ, the operation's one path, TIFF saved atomically). A file that fails is
 * reported and the others go on; only a lost executor or a failure of Spark itself makes the task fail and run again,
 * and then the files written by the failed attempt are found present and not written twice.
 */
final class FileTask implements FlatMapFunction<Iterator<FileTask.Work>, FileResult> {

    private static final long serialVersionUID = 1L;

    /** One input and the output it goes to. */
    record Work(String input, String output) implements Serializable {
    }

    /** Runs after each file a task finished; where tests make attempts fail. */
    @FunctionalInterface
    interface AfterFile extends Serializable {
        void accept(Work work);

        AfterFile NONE = w -> { };
    }

    private final ModelShipment model;
    private final String mask;
    private final boolean overwrite;
    private final AfterFile afterFile;

    /** @param mask the inpainting mask: a file for every image, a folder of masks of the images' names, or null */
    FileTask(ModelShipment model, String mask, boolean overwrite, AfterFile afterFile) {
        this.model = model;
        this.mask = mask;
        this.overwrite = overwrite;
        this.afterFile = afterFile;
    }

    @Override
    public Iterator<FileResult> call(Iterator<Work> works) {
        Operation.Session session = model.session();
        List<FileResult> results = new ArrayList<>();
        while (works.hasNext()) {
            Work work = works.next();
            results.add(restore(session, work));
            afterFile.accept(work);
        }
        return results.iterator();
    }

    private FileResult restore(Operation.Session session, Work work) {
        try {
            // NB: an output present now, though absent when the job began, is the work of an earlier attempt of
            // this task (retried or speculative): it was written whole, and is counted as written.
            if (!overwrite && Storage.exists(work.output())) {
                return FileResult.written(work.input(), work.output());
            }
            ImagePlus result;
            try (Storage.LocalCopy local = Storage.local(work.input())) {
                ImagePlus image = ImageFiles.open(local.path());
                result = session.run(image, t -> mask(work.input()), TaskMonitor.NONE);
            }
            Storage.write(work.output(), tmp -> ImageFiles.saveTiff(result, tmp));
            return FileResult.written(work.input(), work.output());
        } catch (IOException | RuntimeException e) {
            return FileResult.failed(work.input(), work.output(), Failures.message(e));
        } catch (OutOfMemoryError e) {
            // NB: this file's images are garbage once this frame is left; the next file can have the heap again.
            return FileResult.failed(work.input(), work.output(),
                    HeapBudget.outOfMemory(java.nio.file.Path.of(Storage.name(work.input()))).getMessage());
        }
    }

    private InpaintMask mask(String input) {
        try {
            String file = Storage.isDirectory(mask) ? Storage.child(mask, Storage.name(input)) : mask;
            try (Storage.LocalCopy local = Storage.local(file)) {
                return InpaintMask.of(ImagePlusImages.wrap(ImageFiles.open(local.path())));
            }
        } catch (IOException e) {
            throw new UserException("Mask for " + Storage.name(input) + ": " + e.getMessage(), e);
        }
    }
}
