/*
 * Create + destroy of a wasm2c sandbox measured in C, without the TypeScript backend: the floor that
 * bench/RESULTS.md compares the TypeScript figure with. After `npm run bench` (which builds the boundary library):
 *   B=bench/.cache/build/boundary; cc -O2 -I$B bench/boundary/create-destroy.c $B/libboundary_sandbox.a -pthread -lm && ./a.out
 */
#include <stdio.h>
#include <time.h>
#include "minwasi.h"
#include "boundary.wasm.h"
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(void) {
  wasm_rt_init();
  static w2c_boundary inst;
  static struct w2c_wasi__snapshot__preview1 wasi;
  double t_inst = 0, t_ctor = 0, t_free = 0;
  int n = 500;
  for (int i = 0; i < n; i++) {
    wasm_rt_try_frame_t f;
    int trap = WASM_RT_TRY(f);
    if (trap == 0) {
      double a = now();
      minwasi_init(&wasi);
      wasm2c_boundary_instantiate(&inst, &wasi);
      minwasi_set_memory(&wasi, w2c_boundary_memory(&inst));
      double b = now();
      w2c_boundary_0x5F_wasm_call_ctors(&inst);
      double c = now();
      wasm2c_boundary_free(&inst);
      double d = now();
      t_inst += b - a; t_ctor += c - b; t_free += d - c;
    }
    wasm_rt_try_end(&f);
  }
  printf("instantiate %.1f us, ctors %.1f us, free %.1f us\n", t_inst / n * 1e6, t_ctor / n * 1e6, t_free / n * 1e6);
  return 0;
}
