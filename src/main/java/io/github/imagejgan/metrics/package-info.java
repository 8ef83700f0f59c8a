/**
 * Image quality metrics that compare a result with a ground truth.
 */
package io.github.imagejgan.metrics;
