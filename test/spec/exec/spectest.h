/* The `spectest` host module every spec script may import from, defined by the host per the wasm2c ABI:
 * an import ("spectest", "x") of a module is a call to w2c_spectest_x(struct w2c_spectest*, ...). */
#ifndef SPECTEST_H_
#define SPECTEST_H_

#include "wasm-rt.h"

struct w2c_spectest {
  u32 global_i32;
  u64 global_i64;
  f32 global_f32;
  f64 global_f64;
  wasm_rt_funcref_table_t table;
  wasm_rt_memory_t memory;
};

/* Fills the globals and allocates the table (10 funcref, max 20) and the memory (1 page, max 2). Traps on OOM. */
void spectest_instantiate(struct w2c_spectest* spectest);

void w2c_spectest_print(struct w2c_spectest*);
void w2c_spectest_print_i32(struct w2c_spectest*, u32);
void w2c_spectest_print_i64(struct w2c_spectest*, u64);
void w2c_spectest_print_f32(struct w2c_spectest*, f32);
void w2c_spectest_print_f64(struct w2c_spectest*, f64);
void w2c_spectest_print_i32_f32(struct w2c_spectest*, u32, f32);
void w2c_spectest_print_f64_f64(struct w2c_spectest*, f64, f64);
u32* w2c_spectest_global_i32(struct w2c_spectest*);
u64* w2c_spectest_global_i64(struct w2c_spectest*);
f32* w2c_spectest_global_f32(struct w2c_spectest*);
f64* w2c_spectest_global_f64(struct w2c_spectest*);
wasm_rt_funcref_table_t* w2c_spectest_table(struct w2c_spectest*);
wasm_rt_memory_t* w2c_spectest_memory(struct w2c_spectest*);

#endif
