# Fails unless the WebAssembly build really runs SIMD128: the core's kernels must appear as f32x4 ops, about
# nearly as many as they compile to (266 f32x4.mul and 199 f32x4.add in attn_tests.wasm when this was
# written).  The floors sit 3 % below: losing a share of the vector code fails, and the counts are printed.
# With -DRELAXED=ON the relaxed build must also carry its fused multiply-adds, and the SIMD128 build none.
# Usage: cmake -DWASM=<file.wasm> [-DRELAXED=ON] [-DFLOORS=mul,add,relaxed_madd] -P check_simd128.cmake
execute_process(COMMAND wasm-objdump -d ${WASM} OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasm-objdump failed on ${WASM} (is wabt installed? scripts/setup installs it)")
endif()
string(REGEX MATCHALL "f32x4\\.mul" muls "${dis}")
string(REGEX MATCHALL "f32x4\\.add" adds "${dis}")
string(REGEX MATCHALL "f32x4\\.relaxed_madd" madds "${dis}")
list(LENGTH muls n_mul)
list(LENGTH adds n_add)
list(LENGTH madds n_madd)
message(STATUS "${WASM}: ${n_mul} f32x4.mul, ${n_add} f32x4.add, ${n_madd} f32x4.relaxed_madd")
if(DEFINED FLOORS)  # another module's floors: mul,add,relaxed_madd
  string(REPLACE "," ";" FLOORS "${FLOORS}")
  list(GET FLOORS 0 min_mul)
  list(GET FLOORS 1 min_add)
  list(GET FLOORS 2 min_madd)
elseif(RELAXED)
  # The relaxed build (clang-19): 141 mul, 100 add and 107 relaxed_madd when this was written; the GEMM tiles and
  # the exp polynomial's multiply-adds are the relaxed_madds.
  set(min_mul 136)
  set(min_add 97)
  set(min_madd 103)
else()
  set(min_mul 258)
  set(min_add 193)
  set(min_madd 0)
endif()
if(n_mul LESS min_mul OR n_add LESS min_add OR n_madd LESS min_madd)
  message(FATAL_ERROR "expected the SIMD kernels as SIMD128 (>= ${min_mul} f32x4.mul, >= ${min_add} f32x4.add, "
                      ">= ${min_madd} f32x4.relaxed_madd), found ${n_mul}, ${n_add} and ${n_madd}")
endif()
if(NOT RELAXED AND n_madd GREATER 0)
  message(FATAL_ERROR "the SIMD128 build must not contain relaxed SIMD (${n_madd} f32x4.relaxed_madd)")
endif()
