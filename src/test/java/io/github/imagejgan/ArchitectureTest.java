package io.github.imagejgan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of the design, checked on the plugin's classes (README, "Layout"). Dependencies point one way:
 * the front ends ({@code command}, {@code ij1}, {@code cli}) over {@code ui}, {@code interop}, {@code synth},
 * {@code train} and {@code predict}, over {@code model}, {@code metrics}, {@code degrade} and {@code nn}, over
 * {@code image} and {@code task}. Nothing below a front end knows about SciJava, Swing or another front end, which is
 * what lets one core serve Fiji, macros, scripts and headless runs. A new package must be placed here before it
 * builds; change the README's list and these rules together.
 */
@AnalyzeClasses(packages = "io.github.imagejgan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.github.imagejgan.";

    /** Each package and what it may use; no package may use one not named here. */
    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("task").definedBy(ROOT + "task..")
            .layer("image").definedBy(ROOT + "image..")
            .layer("nn").definedBy(ROOT + "nn..")
            .layer("degrade").definedBy(ROOT + "degrade..")
            .layer("metrics").definedBy(ROOT + "metrics..")
            .layer("model").definedBy(ROOT + "model..")
            .layer("predict").definedBy(ROOT + "predict..")
            .layer("train").definedBy(ROOT + "train..")
            .layer("synth").definedBy(ROOT + "synth..")
            .layer("interop").definedBy(ROOT + "interop..")
            .layer("ui").definedBy(ROOT + "ui..")
            .layer("command").definedBy(ROOT + "command..")
            .layer("ij1").definedBy(ROOT + "ij1..")
            .layer("cli").definedBy(ROOT + "cli..")
            .whereLayer("task").mayNotAccessAnyLayer()
            .whereLayer("image").mayOnlyAccessLayers("task")
            .whereLayer("nn").mayOnlyAccessLayers("task")
            .whereLayer("degrade").mayOnlyAccessLayers("image", "task")
            .whereLayer("metrics").mayOnlyAccessLayers("image", "task")
            .whereLayer("model").mayOnlyAccessLayers("nn", "image", "task")
            .whereLayer("predict").mayOnlyAccessLayers("model", "nn", "image", "task")
            .whereLayer("train").mayOnlyAccessLayers("degrade", "model", "nn", "image", "task")
            .whereLayer("synth").mayOnlyAccessLayers("degrade", "image", "task")
            // NB: synth and degrade make the test inputs of exported models, from each model's own domain.
            .whereLayer("interop").mayOnlyAccessLayers("synth", "predict", "model", "degrade", "nn", "image", "task")
            .whereLayer("ui").mayOnlyAccessLayers("train", "task")
            .whereLayer("command").mayOnlyAccessLayers("ui", "interop", "synth", "train", "predict", "model",
                    "metrics", "degrade", "nn", "image", "task")
            .whereLayer("ij1").mayOnlyAccessLayers("ui", "interop", "synth", "train", "predict", "model", "metrics",
                    "degrade", "nn", "image", "task")
            // NB: no ui: the command line runs headless.
            .whereLayer("cli").mayOnlyAccessLayers("interop", "synth", "train", "predict", "model", "metrics",
                    "degrade", "nn", "image", "task");

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching(ROOT + "(*)..").should().beFreeOfCycles();

    /** bioimage.io export builds on the TorchScript export, never the other way round. */
    @ArchTest
    static final ArchRule TORCHSCRIPT_KNOWS_NO_BIOIMAGEIO = noClasses().that().resideInAPackage(ROOT
            + "interop.torchscript..").should().dependOnClassesThat().resideInAPackage(ROOT + "interop.bioimageio..");

    /** The optional Deeplearning4j jars load only once a distribution metric opens its network, by class name. */
    @ArchTest
    static final ArchRule DL4J_REACHED_BY_NAME_ONLY = noClasses().that().resideOutsideOfPackage(ROOT
            + "metrics.distribution.dl4j..").should().dependOnClassesThat().resideInAPackage(ROOT
                    + "metrics.distribution.dl4j..");

    @ArchTest
    static final ArchRule DL4J_JARS_ONLY_IN_DL4J = noClasses().that().resideOutsideOfPackage(ROOT
            + "metrics.distribution.dl4j..").should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..",
                    "org.nd4j..");

    @ArchTest
    static final ArchRule SCIJAVA_ONLY_IN_COMMANDS = noClasses().that().resideOutsideOfPackage(ROOT + "command..")
            .should().dependOnClassesThat().resideInAPackage("org.scijava..");

    @ArchTest
    static final ArchRule SWING_ONLY_IN_UI = noClasses().that().resideOutsideOfPackage(ROOT + "ui..").should()
            .dependOnClassesThat().resideInAnyPackage("javax.swing..", "org.jfree..");
}
