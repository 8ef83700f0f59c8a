package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.Xception;

import io.github.imagejgan.metrics.distribution.WeightsUnavailableException;
import io.github.imagejgan.task.TaskMonitor;

/**
 * The ImageNet weights of the zoo's Xception, in the file and place the zoo itself uses
 * ({@code ~/.deeplearning4j/models/xception/}, or below {@code DL4JResources}' base directory when set), so that
 * other Deeplearning4j tools share the download. The zoo's own {@code initPretrained} downloads without asking and
 * without progress; this asks first, reports progress, and says what to do offline.
 */
final class ZooXception {

    private ZooXception() {
    }

    static CachedDownload download() {
        Xception zoo = Xception.builder().build();
        String url = zoo.pretrainedUrl(PretrainedType.IMAGENET);
        Path name = Path.of(url.substring(url.lastIndexOf('/') + 1));
        Path cache = DL4JResources.getDirectory(ResourceType.ZOO_MODEL, zoo.modelName()).toPath().resolve(name);
        try {
            return new CachedDownload(new URL(url), zoo.pretrainedChecksum(PretrainedType.IMAGENET), cache);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("The zoo's address " + url + " is not a URL; check the Java property "
                    + DL4JResources.DL4J_BASE_URL_PROPERTY + ".", e);
        }
    }

    /** The cached weights file, downloaded first if needed and allowed. */
    static Path weights(boolean mayDownload, TaskMonitor monitor, Consumer<String> log) throws IOException {
        CachedDownload download = download();
        if (download.isCached()) {
            if (download.isIntact()) {
                log.accept("Using the ImageNet weights of Xception cached in " + download.target() + ".");
                return download.target();
            }
            if (!mayDownload) {
                throw new WeightsUnavailableException("The cached weights " + download.target() + " are corrupt. "
                        + "Allow the download to fetch them again, or delete the file and download it yourself.");
            }
            Files.delete(download.target());
        }
        if (!mayDownload) {
            throw new WeightsUnavailableException("The ImageNet weights of Xception are not on this computer yet. "
                    + "Allow their download (once, roughly 90 MB, kept in " + download.target().getParent()
                    + "), or download " + download.source() + " yourself and choose it as the network file.");
        }
        download.fetch(monitor, log);
        return download.target();
    }
}
