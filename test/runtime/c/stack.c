/* Stack exhaustion: runaway recursion in checked functions traps EXHAUSTION on the main thread, on small pthread
 * stacks and on a foreign stack (like koffi's call stack); the sandbox can be entered again afterwards. */
#define _GNU_SOURCE
#include "check.h"
#include "wasm-rt.h"

#include <pthread.h>
#include <sys/mman.h>
#include <ucontext.h>

/* Never reached; keeps compilers from proving the recursion infinite. */
static volatile u32 never = 0xFFFFFFFFu;

/* What generated code looks like for a recursive function: the check in the prologue, a frame of some size. */
__attribute__((noinline)) static u32 recurse(u32 n) {
  WASM_RT_CHECK_STACK();
  volatile u8 frame[96];
  frame[n % 96] = (u8)n;
  if (n == never) return 0;
  return recurse(n + 1) + frame[(n * 7) % 96];
}

__attribute__((noinline)) static u32 shallow(u32 n) {
  WASM_RT_CHECK_STACK();
  volatile u8 frame[64];
  frame[n % 64] = (u8)n;
  return n == 0 ? frame[0] : shallow(n - 1) + frame[n % 64];
}

static int run_recursion(void) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) recurse(0);
  wasm_rt_try_end(&frame);
  return code;
}

static int run_shallow(void) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) shallow(1000);
  wasm_rt_try_end(&frame);
  return code;
}

#if WASM_RT_MEMCHECK_GUARD_PAGES
/* No check at all: only the fault on the stack's guard page can stop it (the signal handler's fallback). */
__attribute__((noinline)) static u32 recurse_unchecked(u32 n) {
  volatile u8 frame[96];
  frame[n % 96] = (u8)n;
  if (n == never) return 0;
  return recurse_unchecked(n + 1) + frame[(n * 7) % 96];
}

static int run_unchecked(void) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) recurse_unchecked(0);
  wasm_rt_try_end(&frame);
  return code;
}
#endif

/* arg != NULL: leave the cleanup to the runtime's thread-exit destructor. */
static void* thread_main(void* arg) {
  for (int i = 0; i < 3; i++) {
    if (run_recursion() != WASM_RT_TRAP_EXHAUSTION) return (void*)1;
    if (run_shallow() != 0) return (void*)2;
  }
#if WASM_RT_MEMCHECK_GUARD_PAGES
  if (run_unchecked() != WASM_RT_TRAP_EXHAUSTION) return (void*)3;
  if (run_shallow() != 0) return (void*)4;
#endif
  if (arg == NULL) wasm_rt_free_thread();
  return NULL;
}

static void run_thread(size_t stack_size, bool explicit_free) {
  pthread_attr_t attr;
  pthread_t t;
  void* result = (void*)99;
  CHECK(pthread_attr_init(&attr) == 0);
  CHECK(pthread_attr_setstacksize(&attr, stack_size) == 0);
  CHECK(pthread_create(&t, &attr, thread_main, explicit_free ? NULL : &t) == 0);
  CHECK(pthread_join(t, &result) == 0);
  pthread_attr_destroy(&attr);
  if (result != NULL) fprintf(stderr, "thread with %zu-byte stack failed step %ld\n", stack_size, (long)result);
  CHECK(result == NULL);
}

/* A foreign stack, as koffi makes one: mmap with a PROT_NONE page below. */
#define FOREIGN_SIZE (256 * 1024) /* smaller than any fallback guess: the real bounds must be found */
static ucontext_t main_ctx, foreign_ctx;
static volatile int foreign_results[3];

static void on_foreign_stack(void) {
  foreign_results[0] = run_recursion();
  foreign_results[1] = run_shallow();
  foreign_results[2] = run_recursion();
}

static void test_foreign_stack(void) {
  long page = 4096;
  uint8_t* base = mmap(NULL, FOREIGN_SIZE + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(base != MAP_FAILED);
  CHECK(mprotect(base, page, PROT_NONE) == 0);
  CHECK(getcontext(&foreign_ctx) == 0);
  foreign_ctx.uc_stack.ss_sp = base + page;
  foreign_ctx.uc_stack.ss_size = FOREIGN_SIZE;
  foreign_ctx.uc_link = &main_ctx;
  makecontext(&foreign_ctx, on_foreign_stack, 0);
  CHECK(swapcontext(&main_ctx, &foreign_ctx) == 0);
  CHECK_EQ(foreign_results[0], WASM_RT_TRAP_EXHAUSTION);
  CHECK_EQ(foreign_results[1], 0);
  CHECK_EQ(foreign_results[2], WASM_RT_TRAP_EXHAUSTION);
  /* back on the thread stack, the limit is the thread's again */
  CHECK_EQ(run_shallow(), 0);
  CHECK_EQ(run_recursion(), WASM_RT_TRAP_EXHAUSTION);
  munmap(base, FOREIGN_SIZE + page);
}

/* The first entry of a thread on a foreign stack (koffi's async calls do that on libuv's workers). */
static void* foreign_first_thread(void* arg) {
  (void)arg;
  test_foreign_stack();
  return NULL;
}

int main(void) {
  /* no wasm_rt_init: the first try sets up the process */
  for (int i = 0; i < 3; i++) {
    CHECK_EQ(run_recursion(), WASM_RT_TRAP_EXHAUSTION);
    CHECK_EQ(run_shallow(), 0);
  }
  CHECK(wasm_rt_is_initialized());
  PASS("runaway recursion traps EXHAUSTION on the main thread, again and again");
#if WASM_RT_MEMCHECK_GUARD_PAGES
  CHECK_EQ(run_unchecked(), WASM_RT_TRAP_EXHAUSTION);
  CHECK_EQ(run_shallow(), 0);
  PASS("an unchecked overflow faulting on the stack guard traps EXHAUSTION");
#endif
  run_thread(8 * 1024 * 1024, true);
  run_thread(256 * 1024, false);
  run_thread(64 * 1024, true);
  for (int i = 0; i < 50; i++) run_thread(128 * 1024, i % 2 == 0);
  PASS("runaway recursion traps EXHAUSTION on 8 MiB, 256 KiB and 64 KiB pthread stacks");
  test_foreign_stack();
  pthread_t t;
  CHECK(pthread_create(&t, NULL, foreign_first_thread, NULL) == 0);
  CHECK(pthread_join(t, NULL) == 0);
  PASS("the limit follows the stack the sandbox is entered on (foreign stack, then the thread's again; also as a thread's first entry)");
  return 0;
}
