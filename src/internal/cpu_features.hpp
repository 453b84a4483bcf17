// What the processor offers beyond the build's baseline (x86-64's SSE2), asked once: the
// vector paths chosen at run time (UTF-8 survey, mixed decode, damage scan, segment's line
// pass, clean's line hash, extract's document walk, the TSV writer's row scan) all ask here.
#pragma once

namespace zhpolicy::detail {

struct CpuFeatures {
  bool ssse3 = false;
  bool sse42 = false;
  bool avx2 = false;
  bool popcnt = false;
};

// Read on first use (thread-safe); all false off x86.
const CpuFeatures& cpu_features();

}  // namespace zhpolicy::detail
