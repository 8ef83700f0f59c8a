/**
 * The model report: {@link io.github.imagejgan.eval.ModelReport} scores the shipped models on images they were not
 * trained on beside classical ImageJ baselines ({@code Baselines}) and writes {@code models/MODELS.md}. A build tool,
 * run by {@code scripts/evaluate-models.sh} on the test class path; it uses the plugin's packages and never ships.
 */
package io.github.imagejgan.eval;
