/**
 * imagej-gan's batch restoration on Apache Spark, a module apart from the plugin so that Fiji users never carry
 * Spark. {@link io.github.imagejgan.spark.SparkMain} is the entry point for {@code spark-submit}: many files, one
 * task per file or group, with the model broadcast and loaded once per executor ({@code FileJob},
 * {@code FileTask}, {@code ModelShipment}); or one OME-Zarr image too large for a machine, measured by passes on the
 * cluster and predicted block by block with the model's halo ({@code ZarrJob}, {@code ZarrPasses},
 * {@code BlockTask}); and conversions between TIFF and OME-Zarr. The image path is the plugin's own
 * ({@code predict.Operation}, {@code predict.BlockPredictor}); files and Zarr chunks are written atomically through
 * {@code Storage}, so that retried and speculative tasks never leave partial or doubled outputs.
 */
package io.github.imagejgan.spark;
