/* Built into a shared object with the runtime and loaded into Node through koffi: traps caught in C, on koffi's
 * call stack, in a process where V8 owns SIGSEGV for its own WebAssembly memories. */
#include "minwasi.h"
#include "wasm-rt.h"

#include <string.h>

static wasm_rt_memory_t mem;
static volatile u32 sink;
static volatile u32 never = 0xFFFFFFFFu;

__attribute__((noinline)) static u32 recurse(u32 n) {
  WASM_RT_CHECK_STACK();
  volatile u8 frame[128];
  frame[n % 128] = (u8)n;
  if (n == never) return 0;
  return recurse(n + 1) + frame[(n * 3) % 128];
}

int probe_init(void) {
  wasm_rt_init();
  if (mem.data == NULL) wasm_rt_allocate_memory(&mem, 1, 2, false, WASM_RT_DEFAULT_PAGE_SIZE);
  return wasm_rt_is_initialized() ? 1 : 0;
}

int probe_guard_pages(void) { return WASM_RT_MEMCHECK_GUARD_PAGES; }

/* A raw access past the end, as guard-page generated code does it. */
int probe_oob(unsigned addr) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) {
#if WASM_RT_MEMCHECK_BOUNDS_CHECK
    if ((u64)addr + 4 > mem.size) wasm_rt_trap(WASM_RT_TRAP_OOB);
#endif
    u32 v;
    memcpy(&v, mem.data + addr, 4);
    sink = v;
  }
  wasm_rt_try_end(&frame);
  return code;
}

int probe_exhaustion(void) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) recurse(0);
  wasm_rt_try_end(&frame);
  return code;
}

/* JavaScript -> C try -> callback into JavaScript -> C try that traps -> back: codes of (inner, outer). */
typedef int (*probe_callback_t)(void);
int probe_nested(probe_callback_t callback) {
  wasm_rt_try_frame_t frame;
  volatile int inner = -1;
  int code = WASM_RT_TRY(frame);
  if (code == 0) inner = callback();
  wasm_rt_try_end(&frame);
  return inner * 100 + code;
}

int probe_exit(void) {
  struct w2c_wasi__snapshot__preview1 wasi;
  minwasi_init(&wasi);
  wasi.memory = &mem;
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) w2c_wasi__snapshot__preview1_proc_exit(&wasi, 7);
  wasm_rt_try_end(&frame);
  return code * 100 + (int)minwasi_exit_code(&wasi);
}

int probe_try_depth(void) {
  int depth = 0;
  for (wasm_rt_try_frame_t* f = wasm_rt_try_top; f != NULL; f = f->prev) depth++;
  return depth;
}
