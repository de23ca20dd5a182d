package dev.jgan.core.conv;

/**
 * Convolutions written straight from their definitions as nested loops over flat row-major
 * arrays: the oracle the im2col-based ops are compared with. The transposed convolution is
 * written as a scatter (each input pixel adds its weighted kernel into the output), the other
 * way round from the gather that col2im does, so the two cannot share a mistake.
 */
final class DirectConvolution {
    private DirectConvolution() {
    }

    /** Geometry of one test case; weight shapes follow PyTorch. */
    record Geometry(int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                    int groups) {
        int convH() {
            return Math.floorDiv(h + 2 * ph - dh * (kh - 1) - 1, sh) + 1;
        }

        int convW() {
            return Math.floorDiv(w + 2 * pw - dw * (kw - 1) - 1, sw) + 1;
        }

        int transposedH(int outputPadding) {
            return (h - 1) * sh - 2 * ph + dh * (kh - 1) + outputPadding + 1;
        }

        int transposedW(int outputPadding) {
            return (w - 1) * sw - 2 * pw + dw * (kw - 1) + outputPadding + 1;
        }
    }

    /** out[b, o, y, x] = bias[o] + sum over c in o's group, i, j of in[b, c, y*s - p + i*d, ...] w[o, c', i, j]. */
    static double[] conv2d(Geometry g, double[] in, double[] weight, double[] bias) {
        int oh = g.convH(), ow = g.convW();
        int cpg = g.c / g.groups, opg = g.oc / g.groups;
        double[] out = new double[g.n * g.oc * oh * ow];
        for (int b = 0; b < g.n; b++) {
            for (int o = 0; o < g.oc; o++) {
                int group = o / opg;
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int cl = 0; cl < cpg; cl++) {
                            int ch = group * cpg + cl;
                            for (int i = 0; i < g.kh; i++) {
                                int iy = y * g.sh - g.ph + i * g.dh;
                                for (int j = 0; j < g.kw; j++) {
                                    int ix = x * g.sw - g.pw + j * g.dw;
                                    if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) {
                                        sum += in[((b * g.c + ch) * g.h + iy) * g.w + ix]
                                                * weight[((o * cpg + cl) * g.kh + i) * g.kw + j];
                                    }
                                }
                            }
                        }
                        out[((b * g.oc + o) * oh + y) * ow + x] = sum;
                    }
                }
            }
        }
        return out;
    }

    /** Each in[b, c, y, x] adds in * w[c, o', i, j] at out[b, o, y*s - p + i*d, x*s - p + j*d] (inside only). */
    static double[] convTranspose2d(Geometry g, int oph, int opw, double[] in, double[] weight, double[] bias) {
        int oh = g.transposedH(oph), ow = g.transposedW(opw);
        int cpg = g.c / g.groups, opg = g.oc / g.groups;
        double[] out = new double[g.n * g.oc * oh * ow];
        for (int b = 0; b < g.n; b++) {
            for (int o = 0; o < g.oc; o++) {
                for (int p = 0; p < oh * ow; p++) {
                    out[(b * g.oc + o) * oh * ow + p] = bias == null ? 0 : bias[o];
                }
            }
            for (int ch = 0; ch < g.c; ch++) {
                int group = ch / cpg;
                for (int y = 0; y < g.h; y++) {
                    for (int x = 0; x < g.w; x++) {
                        double v = in[((b * g.c + ch) * g.h + y) * g.w + x];
                        for (int ol = 0; ol < opg; ol++) {
                            int o = group * opg + ol;
                            for (int i = 0; i < g.kh; i++) {
                                int oy = y * g.sh - g.ph + i * g.dh;
                                for (int j = 0; j < g.kw; j++) {
                                    int ox = x * g.sw - g.pw + j * g.dw;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        out[((b * g.oc + o) * oh + oy) * ow + ox] +=
                                                v * weight[((ch * opg + ol) * g.kh + i) * g.kw + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
