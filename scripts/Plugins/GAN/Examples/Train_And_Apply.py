#@ File (label="Noisy images (inputs)", style="directory") inputs
#@ File (label="Clean images (targets, same file names)", style="directory") targets
#@ ImagePlus (label="Image to denoise afterwards") image
#@ String (label="Model name", value="my-denoiser") name
#@ Integer (label="Training steps", value=2000) steps
#@ Integer (label="Patch size", value=128) patch
#@ String (label="Device", value="auto") device
#@OUTPUT ImagePlus result
#@OUTPUT String model

# Trains a denoising GAN on paired folders, registers it as a user model, then applies it to an open image.
from java.nio.file import Files
from io.github.imagejgan.image import DeviceSelector, OutputType
from io.github.imagejgan.model import ModelPackage, ModelRegistry, ModelTask
from io.github.imagejgan.nn import AdversarialLoss, ReconstructionLoss
from io.github.imagejgan.predict import Operation
from io.github.imagejgan.task import TaskMonitor
from io.github.imagejgan.train import TrainingRequest, TrainingListener
from java.util.function import Consumer, UnaryOperator

class Log(Consumer):
    def accept(self, line):
        print(line)

class Same(UnaryOperator):
    def apply(self, descriptor):
        return descriptor

# Task, name, layout, folders, degradation (none: paired), generator features, U-Net depth, SR blocks and scale,
# discriminator features, adversarial training and its losses and weights, steps, patch, batch, learning rate,
# seed, validation fraction.
request = TrainingRequest(ModelTask.DENOISE, name, TrainingRequest.Layout.PAIRED, inputs.toPath(),
                          targets.toPath(), None, 16, 3, 8, 2, 32, True, AdversarialLoss.LSGAN,
                          ReconstructionLoss.L1, 1.0, 100.0, steps, patch, 4, 2e-4, 1, 0.2)
registry = ModelRegistry.standard()
work = Files.createDirectories(registry.userFolder().resolveSibling("training").resolve(name))
data = request.data()
trainer = request.trainer(data, DeviceSelector.select(device).device(), None)
try:
    trained = trainer.run(work, TrainingListener.NONE, TaskMonitor.NONE)
finally:
    trainer.close()
exported = work.resolve(name + ".zip")
ModelPackage.exportModel(trained.best(), exported, Same())
model = str(registry.importPackage(exported, name, True).file())
operation = Operation(ModelTask.DENOISE, name, OutputType.SAME_AS_INPUT, "auto", device, 0, False, False)
result = operation.run(image, None, TaskMonitor.NONE, Log())
