// adam.cu: one fused Adam step per parameter tensor (dev.jgan.core.backend.FusedOptimizerKernels).
//
// Kernels
//   adam_f32, adam_f64
//       Adam with L2 weight decay and optional AMSGrad, bias-corrected as torch 1.13's
//       single-tensor Adam (eps added after dividing sqrt(v) by sqrt(1 - beta2^t)), one thread
//       per element over any strided views. Teaches: kernel fusion, and what belongs on the
//       host. Written as tensor ops an Adam step is about twelve kernels, each a full pass over
//       memory; fused it is one pass. The bias corrections depend only on the step number, so the
//       host computes them once (in double) instead of every thread computing pow().
//
// Each operation rounds to the dtype on its own (mul_rn, add_rn: no fused multiply-add; / and sqrt
// are correctly rounded), and the hyperparameters arrive rounded to the dtype, so the step gives
// the same bits as the same update written with tensor ops and as CpuBackend.adamStep.
#include "strided.cuh"
#include "device_math.cuh"

template <typename T>
__device__ void adam_kernel(int n, const Dims& dims, T* param, const View& pv, const T* grad, const View& gv,
                            T* expAvg, const View& mv, T* expAvgSq, const View& vv, T* maxExpAvgSq, const View& xv,
                            int amsgrad, T weightDecay, T beta1, T oneMinusBeta1, T beta2, T oneMinusBeta2,
                            T sqrtBiasCorrection2, T eps, T negStepSize) {
    JGAN_FOR_EACH_ELEMENT(e, n) {
        int i = (int)e;
        T* p = param + position(dims, pv, i);
        T* m = expAvg + position(dims, mv, i);
        T* v = expAvgSq + position(dims, vv, i);
        T g = grad[position(dims, gv, i)];
        if (weightDecay != T(0)) {
            g = add_rn(g, mul_rn(*p, weightDecay));
        }
        T mNew = add_rn(mul_rn(*m, beta1), mul_rn(g, oneMinusBeta1));
        T vNew = add_rn(mul_rn(*v, beta2), mul_rn(mul_rn(g, g), oneMinusBeta2));
        *m = mNew;
        *v = vNew;
        T second = vNew;
        if (amsgrad) {
            T* vMax = maxExpAvgSq + position(dims, xv, i);
            second = jmax(*vMax, vNew);
            *vMax = second;
        }
        T denom = add_rn(jsqrt(second) / sqrtBiasCorrection2, eps);
        *p = add_rn(*p, mul_rn(mNew / denom, negStepSize));
    }
}

// Without AMSGrad the host passes expAvgSq again as the (never touched) maxExpAvgSq.
extern "C" __global__ void adam_f32(int n, Dims dims, float* param, View pv, const float* grad, View gv,
                                    float* expAvg, View mv, float* expAvgSq, View vv, float* maxExpAvgSq, View xv,
                                    int amsgrad, float weightDecay, float beta1, float oneMinusBeta1, float beta2,
                                    float oneMinusBeta2, float sqrtBiasCorrection2, float eps, float negStepSize) {
    adam_kernel(n, dims, param, pv, grad, gv, expAvg, mv, expAvgSq, vv, maxExpAvgSq, xv, amsgrad, weightDecay, beta1,
                oneMinusBeta1, beta2, oneMinusBeta2, sqrtBiasCorrection2, eps, negStepSize);
}

extern "C" __global__ void adam_f64(int n, Dims dims, double* param, View pv, const double* grad, View gv,
                                    double* expAvg, View mv, double* expAvgSq, View vv, double* maxExpAvgSq,
                                    View xv, int amsgrad, double weightDecay, double beta1, double oneMinusBeta1,
                                    double beta2, double oneMinusBeta2, double sqrtBiasCorrection2, double eps,
                                    double negStepSize) {
    adam_kernel(n, dims, param, pv, grad, gv, expAvg, mv, expAvgSq, vv, maxExpAvgSq, xv, amsgrad, weightDecay, beta1,
                oneMinusBeta1, beta2, oneMinusBeta2, sqrtBiasCorrection2, eps, negStepSize);
}
