#@ ImagePlus (label="Prediction") prediction
#@ ImagePlus (label="Ground truth") truth
#@ Boolean (label="Percentile-normalized comparison", value=true) normalized
#@OUTPUT Double psnr
#@OUTPUT Double ssim
#@OUTPUT Double nrmse

# PSNR, SSIM and NRMSE of a result against its ground truth (mean over planes), as the Evaluate command computes.
from io.github.imagejgan.image import ImagePlusImages
from io.github.imagejgan.metrics import ImageEvaluation

mode = ImageEvaluation.Mode.NORMALIZED if normalized else ImageEvaluation.Mode.RAW
scores = ImageEvaluation.evaluate(ImagePlusImages.wrap(truth), ImagePlusImages.wrap(prediction), mode)
overall = scores.get(scores.size() - 1)
psnr, ssim, nrmse = overall.psnr(), overall.ssim(), overall.nrmse()
print("PSNR %.2f dB, SSIM %.4f, NRMSE %.4f" % (psnr, ssim, nrmse))
