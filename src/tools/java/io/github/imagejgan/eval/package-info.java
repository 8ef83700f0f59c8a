/**
 * The model report: {@link io.github.imagejgan.eval.ModelReport} scores the shipped models without a benchmark of their
 * own (the style model) on images they were not trained on beside a classical ImageJ baseline ({@code Baselines}) and
 * writes their sections of {@code models/MODELS.md}. A build tool,
 * run by {@code scripts/evaluate-models.sh} on the test class path; it uses the plugin's packages and never ships.
 */
package io.github.imagejgan.eval;
