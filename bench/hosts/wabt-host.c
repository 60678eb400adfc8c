/*
 * Host of the WABT wasm2c variant (Debian's wabt 1.0.32: the older `Z_` naming, one global trap handler from
 * its own wasm-rt-impl.c). The module is translated with `wasm2c -n bench`, so its symbols are Z_bench...
 * The WASI functions the drivers can reach are defined here; every other import is a generated stub returning
 * ENOSYS (wabt-imports.c, written by the harness from the generated header).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "wasm-rt-impl.h"

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t* memory;
};

static Z_bench_instance_t instance;
static struct Z_wasi_snapshot_preview1_instance_t wasi;

enum { WASI_ESUCCESS = 0, WASI_EBADF = 8, WASI_EFAULT = 21, WASI_EINVAL = 28 };

static int in_bounds(uint64_t ptr, uint64_t len) { return ptr + len <= wasi.memory->size; }
static void store32(uint32_t ptr, uint32_t v) { memcpy(wasi.memory->data + ptr, &v, 4); }
static void store64(uint32_t ptr, uint64_t v) { memcpy(wasi.memory->data + ptr, &v, 8); }
static uint32_t load32(uint32_t ptr) { uint32_t v; memcpy(&v, wasi.memory->data + ptr, 4); return v; }

u32 Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd, u32 iovs, u32 n,
                                       u32 out) {
  (void)w;
  if (fd != 1 && fd != 2) return WASI_EBADF;
  if (!in_bounds(iovs, (uint64_t)n * 8) || !in_bounds(out, 4)) return WASI_EFAULT;
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t p = load32(iovs + 8 * i), len = load32(iovs + 8 * i + 4);
    if (!in_bounds(p, len)) return WASI_EFAULT;
    if (write((int)fd, wasi.memory->data + p, len) < 0) return WASI_EBADF;
    total += len;
  }
  store32(out, total);
  return WASI_ESUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(struct Z_wasi_snapshot_preview1_instance_t* w, u32 code) {
  (void)w;
  fprintf(stderr, "wabt host: the module called proc_exit(%u)\n", code);
  exit(1);
}

u32 Z_wasi_snapshot_preview1Z_fd_prestat_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd, u32 out) {
  (void)w; (void)fd; (void)out;
  return WASI_EBADF;  /* no preopened directories: wasi-libc's start-up probe stops here */
}

static u32 empty_sizes(u32 count_ptr, u32 size_ptr) {
  if (!in_bounds(count_ptr, 4) || !in_bounds(size_ptr, 4)) return WASI_EFAULT;
  store32(count_ptr, 0);
  store32(size_ptr, 0);
  return WASI_ESUCCESS;
}
u32 Z_wasi_snapshot_preview1Z_environ_sizes_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 a, u32 b) {
  (void)w;
  return empty_sizes(a, b);
}
u32 Z_wasi_snapshot_preview1Z_args_sizes_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 a, u32 b) {
  (void)w;
  return empty_sizes(a, b);
}
u32 Z_wasi_snapshot_preview1Z_environ_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 a, u32 b) {
  (void)w; (void)a; (void)b;
  return WASI_ESUCCESS;
}
u32 Z_wasi_snapshot_preview1Z_args_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 a, u32 b) {
  (void)w; (void)a; (void)b;
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_clock_time_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 id, u64 precision,
                                             u32 out) {
  (void)w; (void)precision;
  if (!in_bounds(out, 8)) return WASI_EFAULT;
  struct timespec ts;
  clock_gettime(id == 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC, &ts);
  store64(out, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_random_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 buf, u32 len) {
  (void)w;
  if (!in_bounds(buf, len)) return WASI_EFAULT;
  for (uint32_t i = 0; i < len; i++) wasi.memory->data[buf + i] = (uint8_t)(i * 151 + 11);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd, u32 out) {
  (void)w;
  if (fd > 2) return WASI_EBADF;
  if (!in_bounds(out, 24)) return WASI_EFAULT;
  memset(wasi.memory->data + out, 0, 24);
  wasi.memory->data[out] = 2;  /* character device */
  return WASI_ESUCCESS;
}

static int bench_setup(void) {
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instantiate(&instance, &wasi);
  wasi.memory = Z_benchZ_memory(&instance);
  int trap = wasm_rt_impl_try();
  if (trap == 0) Z_benchZ___wasm_call_ctors(&instance);
  else fprintf(stderr, "wabt host: constructors trapped: %d\n", trap);
  return trap;
}

static uint64_t bench_call(int size) {
  int trap = wasm_rt_impl_try();
  if (trap != 0) {
    fprintf(stderr, "wabt host: bench_run trapped: %d\n", trap);
    exit(1);
  }
  return Z_benchZ_bench_run(&instance, (u32)size);
}

static void bench_teardown(void) { Z_bench_free(&instance); }

#include "host-main.h"
