#include "internal/cpu_features.hpp"

namespace zhpolicy::detail {

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = [] {
    CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
    // __builtin_cpu_init first: the first call may come from a static initialiser, before
    // libgcc has read the processor's features.
    __builtin_cpu_init();
    f.ssse3 = __builtin_cpu_supports("ssse3") != 0;
    f.sse42 = __builtin_cpu_supports("sse4.2") != 0;
    f.avx2 = __builtin_cpu_supports("avx2") != 0;
    f.popcnt = __builtin_cpu_supports("popcnt") != 0;
#endif
    return f;
  }();
  return features;
}

}  // namespace zhpolicy::detail
