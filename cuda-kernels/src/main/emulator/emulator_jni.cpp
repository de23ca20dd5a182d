// emulator_jni.cpp: the emulated "device" behind dev.jgan.cuda.driver.EmulatorNative.
//
// Compiles every kernel family with the emulator header, lists the kernels by name, and exposes
// to Java what a CUDA driver would: memory (host malloc standing in for device memory),
// copies, and launches by kernel name.
#include <jni.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cuda_emulator.h"
#include "kernel_table.h"

#include "../cuda/adam.cu"
#include "../cuda/conv.cu"
#include "../cuda/copy.cu"
#include "../cuda/elementwise.cu"
#include "../cuda/philox.cu"
#include "../cuda/reduce.cu"
#include "../cuda/sgd.cu"
#include "../cuda/sgemm.cu"
#include "../cuda/softmax.cu"

namespace cuda_emulator {
template <>
struct ParamCode<Dims> {
    static constexpr char value = 'D';
};
template <>
struct ParamCode<View> {
    static constexpr char value = 'V';
};
template <>
struct ParamCode<Matrix> {
    static constexpr char value = 'M';
};
template <>
struct ParamCode<Conv2dGeometry> {
    static constexpr char value = 'C';
};
}  // namespace cuda_emulator

namespace {

// Every extern "C" __global__ kernel of src/main/cuda; KernelSourcesTest checks that this list
// and the sources agree.
const cuda_emulator::KernelTable& kernels() {
    static const cuda_emulator::KernelTable table = {
        JGAN_KERNEL_ENTRY(copy_f32_f32),
        JGAN_KERNEL_ENTRY(copy_f32_f64),
        JGAN_KERNEL_ENTRY(copy_f64_f32),
        JGAN_KERNEL_ENTRY(copy_f64_f64),
        JGAN_KERNEL_ENTRY(fill_f32),
        JGAN_KERNEL_ENTRY(fill_f64),
        JGAN_KERNEL_ENTRY(unary_f32),
        JGAN_KERNEL_ENTRY(unary_f64),
        JGAN_KERNEL_ENTRY(binary_f32),
        JGAN_KERNEL_ENTRY(binary_f64),
        JGAN_KERNEL_ENTRY(where_f32),
        JGAN_KERNEL_ENTRY(where_f64),
        JGAN_KERNEL_ENTRY(philox_uniform_f32),
        JGAN_KERNEL_ENTRY(philox_uniform_f64),
        JGAN_KERNEL_ENTRY(philox_normal_f32),
        JGAN_KERNEL_ENTRY(philox_normal_f64),
        JGAN_KERNEL_ENTRY(reduce_f32),
        JGAN_KERNEL_ENTRY(reduce_f64),
        JGAN_KERNEL_ENTRY(softmax_f32),
        JGAN_KERNEL_ENTRY(softmax_f64),
        JGAN_KERNEL_ENTRY(sgemm_naive),
        JGAN_KERNEL_ENTRY(sgemm_coalesced),
        JGAN_KERNEL_ENTRY(sgemm_shared),
        JGAN_KERNEL_ENTRY(sgemm_blocktile_2d),
        JGAN_KERNEL_ENTRY(dgemm_naive),
        JGAN_KERNEL_ENTRY(dgemm_coalesced),
        JGAN_KERNEL_ENTRY(dgemm_shared),
        JGAN_KERNEL_ENTRY(dgemm_blocktile_2d),
        JGAN_KERNEL_ENTRY(im2col_f32),
        JGAN_KERNEL_ENTRY(im2col_f64),
        JGAN_KERNEL_ENTRY(col2im_f32),
        JGAN_KERNEL_ENTRY(col2im_f64),
        JGAN_KERNEL_ENTRY(sgd_f32),
        JGAN_KERNEL_ENTRY(sgd_f64),
        JGAN_KERNEL_ENTRY(adam_f32),
        JGAN_KERNEL_ENTRY(adam_f64),
    };
    return table;
}

void throw_java(JNIEnv* env, const char* type, const std::string& message) {
    env->ThrowNew(env->FindClass(type), message.c_str());
}

std::string java_string(JNIEnv* env, jstring text) {
    const char* chars = env->GetStringUTFChars(text, nullptr);
    std::string result(chars);
    env->ReleaseStringUTFChars(text, chars);
    return result;
}

// Fresh allocations are filled with 0xFF bytes, a NaN in both float and double, so a kernel
// that reads memory nobody wrote shows NaN in its results instead of a plausible 0.
constexpr int uninitialized_byte = 0xFF;

// Every block sits between two guard zones of guard_bytes bytes holding guard_byte. A kernel
// that writes just past either end of its buffer (the usual off-by-one or wrong-stride bug)
// changes a guard instead of another allocation; checkGuards finds it. Writes further away
// are not caught, as on a GPU without compute-sanitizer. 64 bytes keep the block 16-byte aligned.
constexpr std::size_t guard_bytes = 64;
constexpr unsigned char guard_byte = 0xA5;

unsigned char* block_start(jlong address) {
    return (unsigned char*)(std::uintptr_t)address;
}

std::size_t block_size(jlong bytes) {
    return bytes > 0 ? (std::size_t)bytes : 1;
}

bool guard_intact(const unsigned char* zone) {
    for (std::size_t i = 0; i < guard_bytes; ++i) {
        if (zone[i] != guard_byte) {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_allocate(JNIEnv* env, jclass, jlong bytes) {
    std::size_t size = block_size(bytes);
    unsigned char* memory = (unsigned char*)std::malloc(size + 2 * guard_bytes);
    if (memory == nullptr) {
        throw_java(env, "java/lang/OutOfMemoryError",
                   "emulated device: cannot allocate " + std::to_string(bytes) + " bytes");
        return 0;
    }
    std::memset(memory, guard_byte, guard_bytes);
    std::memset(memory + guard_bytes, uninitialized_byte, size);
    std::memset(memory + guard_bytes + size, guard_byte, guard_bytes);
    return (jlong)(std::uintptr_t)(memory + guard_bytes);
}

JNIEXPORT void JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_release(JNIEnv*, jclass, jlong address) {
    std::free(block_start(address) - guard_bytes);
}

JNIEXPORT void JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_fillBytes(JNIEnv*, jclass, jlong address, jlong bytes,
                                                                        jint value) {
    std::memset(block_start(address), value, (std::size_t)bytes);
}

JNIEXPORT jboolean JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_checkGuards(JNIEnv*, jclass, jlong address,
                                                                              jlong bytes) {
    unsigned char* before = block_start(address) - guard_bytes;
    unsigned char* after = block_start(address) + block_size(bytes);
    bool intact = guard_intact(before) && guard_intact(after);
    // Restored, so that one stray write is reported once.
    std::memset(before, guard_byte, guard_bytes);
    std::memset(after, guard_byte, guard_bytes);
    return intact ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT void JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_copyToDevice(JNIEnv* env, jclass, jobject array,
                                                                           jlong address, jlong bytes) {
    void* host = env->GetPrimitiveArrayCritical((jarray)array, nullptr);
    std::memcpy((void*)(std::uintptr_t)address, host, (std::size_t)bytes);
    env->ReleasePrimitiveArrayCritical((jarray)array, host, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_copyToHost(JNIEnv* env, jclass, jlong address,
                                                                         jobject array, jlong bytes) {
    void* host = env->GetPrimitiveArrayCritical((jarray)array, nullptr);
    std::memcpy(host, (const void*)(std::uintptr_t)address, (std::size_t)bytes);
    env->ReleasePrimitiveArrayCritical((jarray)array, host, 0);
}

JNIEXPORT jobjectArray JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_kernelNames(JNIEnv* env, jclass) {
    const auto& table = kernels();
    jobjectArray names = env->NewObjectArray((jsize)table.size(), env->FindClass("java/lang/String"), nullptr);
    jsize i = 0;
    for (const auto& [name, kernel] : table) {
        env->SetObjectArrayElement(names, i++, env->NewStringUTF(name.c_str()));
    }
    return names;
}

JNIEXPORT void JNICALL Java_dev_jgan_cuda_driver_EmulatorNative_launch(
        JNIEnv* env, jclass, jstring jname, jstring jsignature, jbyteArray jargs,
        jint gx, jint gy, jint gz, jint bx, jint by, jint bz) {
    std::string name = java_string(env, jname);
    std::string signature = java_string(env, jsignature);
    auto entry = kernels().find(name);
    if (entry == kernels().end()) {
        throw_java(env, "java/lang/IllegalArgumentException",
                   "emulated device: no kernel named '" + name + "' in the emulator library");
        return;
    }
    const cuda_emulator::Kernel& kernel = entry->second;
    jsize length = env->GetArrayLength(jargs);
    if (signature != kernel.signature || (std::size_t)length != kernel.bytes) {
        throw_java(env, "java/lang/IllegalArgumentException",
                   "emulated device: kernel " + name + " takes arguments (" + kernel.signature + ", "
                       + std::to_string(kernel.bytes) + " bytes) but was given (" + signature + ", "
                       + std::to_string(length) + " bytes)");
        return;
    }
    std::vector<unsigned char> args((std::size_t)length);
    env->GetByteArrayRegion(jargs, 0, length, (jbyte*)args.data());
    try {
        kernel.launch(dim3((unsigned)gx, (unsigned)gy, (unsigned)gz), dim3((unsigned)bx, (unsigned)by, (unsigned)bz),
                      args.data());
    } catch (const std::exception& e) {
        throw_java(env, "java/lang/IllegalArgumentException", "emulated device: launch of " + name + ": " + e.what());
    }
}

}  // extern "C"
