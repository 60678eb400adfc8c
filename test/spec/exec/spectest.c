/* The `spectest` host module (see spectest.h).  The print functions write to stderr only when SPECTEST_PRINT is
 * set in the environment: the harness's stdout is reserved for its one-line-per-command protocol. */
#include "spectest.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int print_enabled = -1;

static FILE* print_stream(void) {
  if (print_enabled < 0) print_enabled = getenv("SPECTEST_PRINT") != NULL;
  return print_enabled ? stderr : NULL;
}

void spectest_instantiate(struct w2c_spectest* s) {
  s->global_i32 = 666;
  s->global_i64 = 666;
  s->global_f32 = 666.6f;
  s->global_f64 = 666.6;
  wasm_rt_allocate_funcref_table(&s->table, 10, 20);
  wasm_rt_allocate_memory(&s->memory, 1, 2, false, WASM_RT_DEFAULT_PAGE_SIZE);
}

void w2c_spectest_print(struct w2c_spectest* s) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "spectest.print()\n");
}

void w2c_spectest_print_i32(struct w2c_spectest* s, u32 a) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "%" PRId32 " : i32\n", (int32_t)a);
}

void w2c_spectest_print_i64(struct w2c_spectest* s, u64 a) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "%" PRId64 " : i64\n", (int64_t)a);
}

void w2c_spectest_print_f32(struct w2c_spectest* s, f32 a) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "%g : f32\n", (double)a);
}

void w2c_spectest_print_f64(struct w2c_spectest* s, f64 a) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "%g : f64\n", a);
}

void w2c_spectest_print_i32_f32(struct w2c_spectest* s, u32 a, f32 b) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "%" PRId32 " : i32, %g : f32\n", (int32_t)a, (double)b);
}

void w2c_spectest_print_f64_f64(struct w2c_spectest* s, f64 a, f64 b) {
  (void)s;
  FILE* f = print_stream();
  if (f) fprintf(f, "%g : f64, %g : f64\n", a, b);
}

u32* w2c_spectest_global_i32(struct w2c_spectest* s) { return &s->global_i32; }
u64* w2c_spectest_global_i64(struct w2c_spectest* s) { return &s->global_i64; }
f32* w2c_spectest_global_f32(struct w2c_spectest* s) { return &s->global_f32; }
f64* w2c_spectest_global_f64(struct w2c_spectest* s) { return &s->global_f64; }
wasm_rt_funcref_table_t* w2c_spectest_table(struct w2c_spectest* s) { return &s->table; }
wasm_rt_memory_t* w2c_spectest_memory(struct w2c_spectest* s) { return &s->memory; }
