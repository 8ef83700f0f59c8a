package io.github.imagejgan.metrics;

/**
 * Small integer-defined image pairs whose metrics were computed with scikit-image 0.19.3 (numpy 1.24, Debian's
 * python3-skimage). The same formulas in Python, with values cast to float32 and back to float64 so both sides see
 * identical pixels:
 *
 * <pre>
 * A: w,h=16,16; i=arange(w*h); ref=(i*7919+13)%256; test=ref+(i*104729)%41-20; data_range=255
 * B: w,h=32,24; y,x=mgrid[0:h,0:w]; i=y*w+x; ref=(x*x+3*y*x)%200; test=ref*0.75+10+(i*31337)%21-10; data_range=255
 * C: w,h=20,13; ref=float32((i*2654435761 % 2**32)/2**32); t=float32(((i*40503+12345) % 2**32)/2**32);
 *    test=float32(0.5*ref+0.5*t); data_range=1
 * structural_similarity(ref, test, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=R)
 * peak_signal_noise_ratio(ref, test, data_range=R); normalized_root_mse(ref, test, normalization=...)
 * </pre>
 */
final class ReferenceImages {

    /** A test case: sizes, pixels, data range and scikit-image's numbers. */
    record Case(int width, int height, float[] reference, float[] test, double dataRange, double ssim, double psnr,
            double nrmseEuclidean, double nrmseMinMax, double nrmseMean) {
    }

    private ReferenceImages() {
    }

    static Case a() {
        int w = 16;
        int h = 16;
        float[] ref = new float[w * h];
        float[] test = new float[w * h];
        for (long i = 0; i < ref.length; i++) {
            ref[(int) i] = (i * 7919 + 13) % 256;
            test[(int) i] = ref[(int) i] + (i * 104729) % 41 - 20;
        }
        return new Case(w, h, ref, test, 255, 0.9811941834480427, 26.65512720441166, 0.08042274735235201,
                0.04647759420176075, 0.0929551884035215);
    }

    static Case b() {
        int w = 32;
        int h = 24;
        float[] ref = new float[w * h];
        float[] test = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long i = (long) y * w + x;
                ref[(int) i] = (x * x + 3 * y * x) % 200;
                test[(int) i] = ref[(int) i] * 0.75f + 10 + (i * 31337) % 21 - 10;
            }
        }
        return new Case(w, h, ref, test, 255, 0.9379297400669558, 21.76855698437275, 0.19044041585883253,
                0.10453440576694879, 0.22606127323656214);
    }

    static Case c() {
        int w = 20;
        int h = 13;
        float[] ref = new float[w * h];
        float[] test = new float[w * h];
        for (long i = 0; i < ref.length; i++) {
            ref[(int) i] = (float) (((i * 2654435761L) & 0xFFFFFFFFL) / 4294967296.0);
            float t = (float) (((i * 40503 + 12345) & 0xFFFFFFFFL) / 4294967296.0);
            test[(int) i] = (float) (0.5 * ref[(int) i] + 0.5 * t);
        }
        return new Case(w, h, ref, test, 1, 0.6423714329946307, 10.841216886555479, 0.4990803708438854,
                0.28793212388935985, 0.5776109477698512);
    }
}
