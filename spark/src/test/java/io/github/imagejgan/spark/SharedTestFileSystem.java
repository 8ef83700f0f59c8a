package io.github.imagejgan.spark;

import java.net.URI;

import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code shared:}, a file system that the runner reaches only through Hadoop's
 * FileSystem API, as it reaches {@code hdfs:} and {@code s3a:}: copies to and from the executors, temporary files
 * renamed into place. Registered for Hadoop in META-INF/services of the tests.
 */
public class SharedTestFileSystem extends RawLocalFileSystem {

    @Override
    public String getScheme() {
        return "shared";
    }

    @Override
    public URI getUri() {
        return URI.create("shared:///");
    }
}
