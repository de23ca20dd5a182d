// sgd.cu: one fused SGD step per parameter tensor (dev.jgan.core.backend.FusedOptimizerKernels).
//
// Kernels
//   sgd_f32, sgd_f64
//       param -= lr * g with L2 weight decay, momentum (with dampening) and Nesterov momentum,
//       torch 1.13's single-tensor SGD, one thread per element over any strided views.
//       Teaches: kernel fusion. Written as tensor ops, a momentum step is six kernels, each
//       reading and writing whole tensors; fused, every element of param, grad and the momentum
//       buffer is read once and written once, so the step costs what the memory traffic costs.
//
// Each operation rounds to the dtype on its own (mul_rn, add_rn: no fused multiply-add), and the
// hyperparameters arrive rounded to the dtype, so the step gives the same bits as the same update
// written with tensor ops and as the CPU reference loop (CpuBackend.sgdStep).
#include "strided.cuh"
#include "device_math.cuh"

template <typename T>
__device__ void sgd_kernel(int n, const Dims& dims, T* param, const View& pv, const T* grad, const View& gv,
                           T* buffer, const View& bv, int useMomentum, int firstStep, int nesterov,
                           T weightDecay, T momentum, T oneMinusDampening, T negLr) {
    JGAN_FOR_EACH_ELEMENT(e, n) {
        int i = (int)e;
        T* p = param + position(dims, pv, i);
        T g = grad[position(dims, gv, i)];
        if (weightDecay != T(0)) {
            g = add_rn(g, mul_rn(*p, weightDecay));
        }
        if (useMomentum) {
            T* b = buffer + position(dims, bv, i);
            T buf = firstStep ? g : add_rn(mul_rn(*b, momentum), mul_rn(g, oneMinusDampening));
            *b = buf;
            g = nesterov ? add_rn(g, mul_rn(buf, momentum)) : buf;
        }
        *p = add_rn(*p, mul_rn(g, negLr));
    }
}

// Without momentum the host passes the parameter again as the (never touched) buffer.
extern "C" __global__ void sgd_f32(int n, Dims dims, float* param, View pv, const float* grad, View gv,
                                   float* buffer, View bv, int useMomentum, int firstStep, int nesterov,
                                   float weightDecay, float momentum, float oneMinusDampening, float negLr) {
    sgd_kernel(n, dims, param, pv, grad, gv, buffer, bv, useMomentum, firstStep, nesterov, weightDecay, momentum,
               oneMinusDampening, negLr);
}

extern "C" __global__ void sgd_f64(int n, Dims dims, double* param, View pv, const double* grad, View gv,
                                   double* buffer, View bv, int useMomentum, int firstStep, int nesterov,
                                   double weightDecay, double momentum, double oneMinusDampening, double negLr) {
    sgd_kernel(n, dims, param, pv, grad, gv, buffer, bv, useMomentum, firstStep, nesterov, weightDecay, momentum,
               oneMinusDampening, negLr);
}
