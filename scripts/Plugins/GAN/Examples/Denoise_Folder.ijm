// Denoises every TIFF of a folder with a GAN model (ImageJ 1.x or Fiji), saving results of the same names.
input = getDirectory("Input folder");
output = getDirectory("Output folder");
setBatchMode(true);
list = getFileList(input);
for (i = 0; i < list.length; i++) {
  if (endsWith(list[i], ".tif")) {
    open(input + list[i]);
    run("Denoise...", "model=denoise-general outputtype=[Same as input] tile=auto device=auto channel=0");
    saveAs("Tiff", output + list[i]);
    close("*");
  }
}
