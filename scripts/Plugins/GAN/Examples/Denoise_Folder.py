#@ File (label="Input folder", style="directory") input
#@ File (label="Output folder", style="directory") output
#@ String (label="Model", value="denoise-general") model
#@ String (label="Device", value="auto") device
#@ Boolean (label="Overwrite existing results", value=false) overwrite
#@OUTPUT Integer processed

# Denoises every image of a folder with a GAN model and saves 16-bit (same type) TIFFs of the same names.
# The model is loaded once for the whole folder.
import os
from java.nio.file import Files, Paths
from io.github.imagejgan.predict import Operation
from io.github.imagejgan.model import ModelTask
from io.github.imagejgan.image import OutputType, ImageFiles
from io.github.imagejgan.task import TaskMonitor
from java.util.function import Consumer

class Log(Consumer):
    def accept(self, line):
        print(line)

operation = Operation(ModelTask.DENOISE, model, OutputType.SAME_AS_INPUT, "auto", device, 0, False, False)
processed = 0
session = operation.open(Log())
try:
    for name in sorted(os.listdir(input.getPath())):
        if not name.lower().endswith((".tif", ".tiff", ".png")) or name.startswith("."):
            continue
        target = Paths.get(output.getPath(), os.path.splitext(name)[0] + ".tif")
        if Files.exists(target) and not overwrite:
            continue
        image = ImageFiles.open(Paths.get(input.getPath(), name))
        ImageFiles.saveTiff(session.run(image, None, TaskMonitor.NONE), target)
        processed += 1
finally:
    session.close()
