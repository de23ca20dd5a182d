// kernel_table.h: launching an emulated kernel by name with arguments packed by Java.
//
// The Java side (dev.jgan.cuda.driver.EmulatedDriver) sends a kernel's arguments as one byte
// buffer, each argument at an offset aligned to its own size, as CUDA lays out kernel
// parameters, together with a signature: one letter per argument. Each table entry knows its
// kernel's C++ parameter types, derives the same letters from them, and refuses a launch whose
// signature or byte count differs, so a Java call that does not match the kernel fails with a
// message instead of reading garbage. The same Java argument list drives the real GPU, which
// has no such check: this is where a mismatch is caught.
#pragma once

#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <tuple>

#include "cuda_emulator.h"

namespace cuda_emulator {

// The letter of one parameter type. Structs get theirs by specialization where they are known.
template <typename T>
struct ParamCode;

template <typename T>
struct ParamCode<T*> {
    static constexpr char value = 'p';
};
template <>
struct ParamCode<int> {
    static constexpr char value = 'i';
};
template <>
struct ParamCode<long long> {
    static constexpr char value = 'l';
};
template <>
struct ParamCode<float> {
    static constexpr char value = 'f';
};
template <>
struct ParamCode<double> {
    static constexpr char value = 'd';
};

constexpr std::size_t align_up(std::size_t offset, std::size_t alignment) {
    return (offset + alignment - 1) / alignment * alignment;
}

template <typename... P>
constexpr std::size_t packed_size() {
    std::size_t offset = 0;
    ((offset = align_up(offset, alignof(P)) + sizeof(P)), ...);
    return offset;
}

template <typename T>
T read_param(const unsigned char* bytes, std::size_t& offset) {
    offset = align_up(offset, alignof(T));
    T value;
    std::memcpy(&value, bytes + offset, sizeof(T));
    offset += sizeof(T);
    return value;
}

struct Kernel {
    std::string signature;
    std::size_t bytes;
    std::function<void(dim3, dim3, const unsigned char*)> launch;
};

template <typename... P>
Kernel table_entry(void (*kernel)(P...)) {
    return Kernel{std::string{ParamCode<P>::value...}, packed_size<P...>(),
                  [kernel](dim3 grid, dim3 block, const unsigned char* bytes) {
                      std::size_t offset = 0;
                      // A braced list evaluates left to right, so the reads happen in order.
                      std::tuple<P...> args{read_param<P>(bytes, offset)...};
                      run(grid, block, [&] { std::apply(kernel, args); });
                  }};
}

using KernelTable = std::map<std::string, Kernel>;

}  // namespace cuda_emulator

#define JGAN_KERNEL_ENTRY(name) {#name, cuda_emulator::table_entry(&name)}
