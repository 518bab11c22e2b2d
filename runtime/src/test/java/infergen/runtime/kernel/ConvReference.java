package infergen.runtime.kernel;

/**
 * A straightforward double-precision 2-D convolutional layer, the reference of {@link Conv2d}: the direct
 * cross-correlation with zero padding, pooling, and the adjoint and weight gradient as the scatter they are on paper.
 * Passing absolute values of the operands gives the sum of absolute terms of each result, which bounds its rounding
 * error.
 */
final class ConvReference {

    private ConvReference() {
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double[] abs(double[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i]);
        }
        return d;
    }

    /** The convolution of sample {@code smp}: {@code filters × convHeight × convWidth}. */
    static double[] conv(ConvShape sh, double[] x, int smp, double[] w) {
        int ch = sh.inChannels(), h = sh.height(), wd = sh.width(), k = sh.kernel(), st = sh.stride();
        int pad = sh.padding(), chh = sh.convHeight(), cw = sh.convWidth();
        double[] out = new double[sh.filters() * chh * cw];
        int xo = smp * sh.inputSize();
        for (int f = 0; f < sh.filters(); f++) {
            for (int oh = 0; oh < chh; oh++) {
                for (int ow = 0; ow < cw; ow++) {
                    double sum = 0;
                    for (int c = 0; c < ch; c++) {
                        for (int ki = 0; ki < k; ki++) {
                            for (int kj = 0; kj < k; kj++) {
                                int ih = oh * st + ki - pad, iw = ow * st + kj - pad;
                                if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                    sum += w[((f * ch + c) * k + ki) * k + kj] * x[xo + (c * h + ih) * wd + iw];
                                }
                            }
                        }
                    }
                    out[(f * chh + oh) * cw + ow] = sum;
                }
            }
        }
        return out;
    }

    /** {@code pool(W ∗ x) + b} for {@code n} samples; MAX picks the first largest in double. */
    static double[] forward(ConvShape sh, int n, double[] x, double[] w, double[] bias) {
        int r = sh.poolSize(), chh = sh.convHeight(), cw = sh.convWidth(), ph = sh.pooledHeight();
        int pw = sh.pooledWidth();
        double[] a = new double[n * sh.outputSize()];
        for (int smp = 0; smp < n; smp++) {
            double[] y = conv(sh, x, smp, w);
            for (int f = 0; f < sh.filters(); f++) {
                for (int u = 0; u < ph; u++) {
                    for (int v = 0; v < pw; v++) {
                        double val = sh.pool() == Pooling.MAX ? Double.NEGATIVE_INFINITY : 0;
                        for (int di = 0; di < r; di++) {
                            for (int dj = 0; dj < r; dj++) {
                                double e = y[(f * chh + u * r + di) * cw + v * r + dj];
                                val = sh.pool() == Pooling.MAX ? Math.max(val, e) : val + e;
                            }
                        }
                        if (sh.pool() == Pooling.AVERAGE) {
                            val /= r * r;
                        }
                        a[smp * sh.outputSize() + (f * ph + u) * pw + v] = val + (bias == null ? 0 : bias[f]);
                    }
                }
            }
        }
        return a;
    }

    /** The error of sample smp spread over the whole convolution output ({@code filters × convH × convW}). */
    static double[] unpool(ConvShape sh, double[] delta, int smp, int[] argmax) {
        int r = sh.poolSize(), chh = sh.convHeight(), cw = sh.convWidth(), ph = sh.pooledHeight();
        int pw = sh.pooledWidth();
        double[] d = new double[sh.filters() * chh * cw];
        for (int f = 0; f < sh.filters(); f++) {
            for (int u = 0; u < ph; u++) {
                for (int v = 0; v < pw; v++) {
                    int o = smp * sh.outputSize() + (f * ph + u) * pw + v;
                    switch (sh.pool()) {
                        case NONE -> d[(f * chh + u) * cw + v] = delta[o];
                        case MAX -> d[f * chh * cw + argmax[o]] = delta[o];
                        case AVERAGE -> {
                            for (int di = 0; di < r; di++) {
                                for (int dj = 0; dj < r; dj++) {
                                    d[(f * chh + u * r + di) * cw + v * r + dj] = delta[o] / (r * r);
                                }
                            }
                        }
                    }
                }
            }
        }
        return d;
    }

    /** {@code ∂/∂x ⟨δ, pool(W ∗ x)⟩}: {@code n × inputSize}. */
    static double[] adjoint(ConvShape sh, int n, double[] delta, double[] w, int[] argmax) {
        int ch = sh.inChannels(), h = sh.height(), wd = sh.width(), k = sh.kernel(), st = sh.stride();
        int pad = sh.padding(), chh = sh.convHeight(), cw = sh.convWidth();
        double[] g = new double[n * sh.inputSize()];
        for (int smp = 0; smp < n; smp++) {
            double[] d = unpool(sh, delta, smp, argmax);
            for (int f = 0; f < sh.filters(); f++) {
                for (int oh = 0; oh < chh; oh++) {
                    for (int ow = 0; ow < cw; ow++) {
                        double e = d[(f * chh + oh) * cw + ow];
                        for (int c = 0; c < ch; c++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int ih = oh * st + ki - pad, iw = ow * st + kj - pad;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        g[smp * sh.inputSize() + (c * h + ih) * wd + iw] +=
                                                w[((f * ch + c) * k + ki) * k + kj] * e;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    /** {@code Σ_samples δ̂ ⊗ patches(x)}: {@code filters × patchSize}. */
    static double[] weightGradient(ConvShape sh, int n, double[] delta, double[] x, int[] argmax) {
        int ch = sh.inChannels(), h = sh.height(), wd = sh.width(), k = sh.kernel(), st = sh.stride();
        int pad = sh.padding(), chh = sh.convHeight(), cw = sh.convWidth();
        double[] gw = new double[sh.weightSize()];
        for (int smp = 0; smp < n; smp++) {
            double[] d = unpool(sh, delta, smp, argmax);
            for (int f = 0; f < sh.filters(); f++) {
                for (int oh = 0; oh < chh; oh++) {
                    for (int ow = 0; ow < cw; ow++) {
                        double e = d[(f * chh + oh) * cw + ow];
                        for (int c = 0; c < ch; c++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int ih = oh * st + ki - pad, iw = ow * st + kj - pad;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        gw[((f * ch + c) * k + ki) * k + kj] +=
                                                e * x[smp * sh.inputSize() + (c * h + ih) * wd + iw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gw;
    }

    /** {@code Σ} of δ over samples and output positions, per filter. */
    static double[] biasGradient(ConvShape sh, int n, double[] delta) {
        int plane = sh.pooledHeight() * sh.pooledWidth();
        double[] gb = new double[sh.filters()];
        for (int smp = 0; smp < n; smp++) {
            for (int f = 0; f < sh.filters(); f++) {
                for (int o = 0; o < plane; o++) {
                    gb[f] += delta[smp * sh.outputSize() + f * plane + o];
                }
            }
        }
        return gb;
    }
}
