/*
 * Host of the rlbox-ts wasm2c variants: links lib<name>_sandbox.a (generated code + runtime + minimal WASI)
 * and calls the driver's exported bench_run through the generated interface, inside one try frame, as a C
 * application of the sandbox would. Compile with -DBENCH_MODULE=<name> -I<build dir>.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "minwasi.h"

#ifdef BENCH_SEGUE
/* The Segue experiment (bench/RESULTS.md): generated code patched to address linear memory through %gs. */
#include <asm/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define BENCH_STR2(x) #x
#define BENCH_STR(x) BENCH_STR2(x)
#define BENCH_CAT3(a, b, c) a##b##c
#define BENCH_SYM(prefix, mod, suffix) BENCH_CAT3(prefix, mod, suffix)
#include BENCH_STR(BENCH_MODULE.wasm.h)

#define INSTANCE_T BENCH_SYM(w2c_, BENCH_MODULE, )
#define INSTANTIATE BENCH_SYM(wasm2c_, BENCH_MODULE, _instantiate)
#define FREE_INSTANCE BENCH_SYM(wasm2c_, BENCH_MODULE, _free)
#define EXPORT(name) BENCH_SYM(w2c_, BENCH_MODULE, _##name)

static INSTANCE_T instance;
static struct w2c_wasi__snapshot__preview1 wasi;

static const char* trap_name(int code) { return wasm_rt_strerror((wasm_rt_trap_t)code); }

static int bench_setup(void) {
  wasm_rt_init();
  wasm_rt_try_frame_t frame;
  int trap = WASM_RT_TRY(frame);
  if (trap == 0) {
    minwasi_init(&wasi);
    INSTANTIATE(&instance, &wasi);
    minwasi_set_memory(&wasi, EXPORT(memory)(&instance));
    EXPORT(0x5F_wasm_call_ctors)(&instance);
  }
  wasm_rt_try_end(&frame);
  if (trap != 0) fprintf(stderr, "rlbox host: instantiation trapped: %s\n", trap_name(trap));
  return trap;
}

static uint64_t bench_call(int size) {
  wasm_rt_try_frame_t frame;
  volatile uint64_t result = 0;
  int trap = WASM_RT_TRY(frame);
  if (trap == 0) {
#ifdef BENCH_SEGUE
    syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)EXPORT(memory)(&instance)->data);
#endif
    result = EXPORT(bench_run)(&instance, (u32)size);
  }
  wasm_rt_try_end(&frame);
  if (trap != 0) {
    fprintf(stderr, "rlbox host: bench_run trapped: %s\n", trap_name(trap));
    exit(1);
  }
  return result;
}

static void bench_teardown(void) { FREE_INSTANCE(&instance); }

#include "host-main.h"
