// A region of a file compiled for an instruction set beyond the build's baseline (x86-64's
// SSE2), for the functions chosen at run time on processors that have it:
//
//   ZHPOLICY_TARGET_REGION_BEGIN("avx2")
//   ... functions ...
//   ZHPOLICY_TARGET_REGION_END()
//
// GCC and clang spell the region differently; headers the functions use must be included
// before it.
#pragma once

#define ZHPOLICY_PRAGMA(text) _Pragma(#text)
#if defined(__clang__)
#define ZHPOLICY_TARGET_REGION_BEGIN(isa) \
  ZHPOLICY_PRAGMA(clang attribute push(__attribute__((target(isa))), apply_to = function))
#define ZHPOLICY_TARGET_REGION_END() ZHPOLICY_PRAGMA(clang attribute pop)
#else
#define ZHPOLICY_TARGET_REGION_BEGIN(isa) ZHPOLICY_PRAGMA(GCC push_options) ZHPOLICY_PRAGMA(GCC target(isa))
#define ZHPOLICY_TARGET_REGION_END() ZHPOLICY_PRAGMA(GCC pop_options)
#endif
