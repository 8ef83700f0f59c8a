/**
 * Builds the Fiji update site of imagej-gan from the Maven build, and checks it against the rules of the ImageJ
 * updater that installs it on users' machines.
 *
 * <p>This is a build tool, not part of the plugin: it lives in {@code src/tools/java} (its tests and release checks
 * in {@code src/tools-test/java}), which the build compiles with the tests, so that it can never end up in the jar
 * users install (no exclusion list to keep in step), and it runs with the test class path through
 * {@code exec:exec}, like the benchmarks in {@code scripts/bench}. {@code mvn -B -P update-site clean package}
 * writes {@code target/update-site/}; with the {@code metrics-site} profile as well it also writes the optional
 * second site of the distribution metrics ({@link io.github.imagejgan.updatesite.MetricsSite}), whose native builds
 * are platform-specific files. {@code update-site/README.md} describes both layouts. A release refuses
 * {@code -SNAPSHOT} files unless forced ({@link io.github.imagejgan.updatesite.SnapshotCheck}), and its report lists
 * what the site installs with the sizes measured on the build ({@link io.github.imagejgan.updatesite.SiteSizes}).
 *
 * <p>What the updater expects, and what the classes here therefore honour:
 * <ul>
 * <li>{@code db.xml.gz}: gzipped UTF-8 XML with the updater's DTD as internal subset, one {@code <plugin>} per file,
 * keyed by the file name without its version ({@link SiteNames});</li>
 * <li>every file stored as {@code <path>-<timestamp>} with a 14-digit timestamp ({@link Timestamps});</li>
 * <li>checksums computed the updater's way, which is not a plain SHA-1 of the bytes ({@link UpdaterChecksum});</li>
 * <li>a platform-specific file sits in its platform's folder ({@code jars/win64/}) and names that platform in a
 * {@code <platform>} element, or Fiji installs it where it is never loaded ({@link NativePlatforms});</li>
 * <li>a new release keeps the old versions as {@code <previous-version>}, or installed files show as locally
 * modified and never update ({@link Release}).</li>
 * </ul>
 */
package io.github.imagejgan.updatesite;
