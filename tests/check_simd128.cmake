# Fails unless the WebAssembly build really runs SIMD128: the core's kernels must appear as f32x4 ops, about
# nearly as many as they compile to (266 f32x4.mul and 199 f32x4.add in attn_tests.wasm when this was
# written).  The floors sit 3 % below: losing a share of the vector code fails, and the counts are printed.
# Usage: cmake -DWASM=<file.wasm> -P check_simd128.cmake
execute_process(COMMAND wasm-objdump -d ${WASM} OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasm-objdump failed on ${WASM} (is wabt installed? scripts/setup installs it)")
endif()
string(REGEX MATCHALL "f32x4\\.mul" muls "${dis}")
string(REGEX MATCHALL "f32x4\\.add" adds "${dis}")
list(LENGTH muls n_mul)
list(LENGTH adds n_add)
message(STATUS "${WASM}: ${n_mul} f32x4.mul, ${n_add} f32x4.add")
set(min_mul 258)
set(min_add 193)
if(n_mul LESS min_mul OR n_add LESS min_add)
  message(FATAL_ERROR "expected the SIMD kernels as SIMD128 (>= ${min_mul} f32x4.mul, >= ${min_add} f32x4.add), found ${n_mul} and ${n_add}")
endif()
