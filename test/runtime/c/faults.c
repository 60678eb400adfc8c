/* Fault routing: faults that are not ours go to the handler installed before the runtime; with none, the process
 * dies of the signal as it would without us; a trap with no try aborts with a message.
 * Usage: faults forward|forward-plain|default|ours-without-try|trap-without-try */
#define _GNU_SOURCE
#include "check.h"
#include "wasm-rt.h"

#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf escape;
static volatile sig_atomic_t prev_calls;
static volatile void* prev_addr;

static void prev_siginfo_handler(int sig, siginfo_t* info, void* ctx) {
  (void)ctx;
  CHECK(sig == SIGSEGV);
  prev_calls++;
  prev_addr = info->si_addr;
  siglongjmp(escape, 1);
}

static void prev_plain_handler(int sig) {
  CHECK(sig == SIGSEGV);
  prev_calls++;
  siglongjmp(escape, 1);
}

static volatile u8 sink;

static u8* foreign_page(void) {
  u8* p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p != MAP_FAILED);
  return p;
}

static void test_forward(bool siginfo) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  if (siginfo) {
    sa.sa_sigaction = prev_siginfo_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  } else {
    sa.sa_handler = prev_plain_handler;
    sa.sa_flags = SA_NODEFER;
  }
  CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
  wasm_rt_init();

  u8* page = foreign_page();
  wasm_rt_memory_t mem;
  wasm_rt_allocate_memory(&mem, 1, 1, false, WASM_RT_DEFAULT_PAGE_SIZE);

  /* a fault outside our reservations inside a try: the previous handler gets it */
  wasm_rt_try_frame_t frame;
  volatile int code = WASM_RT_TRY(frame);
  if (code == 0) {
    if (sigsetjmp(escape, 1) == 0) sink = page[10];
  }
  wasm_rt_try_end(&frame);
  CHECK_EQ(code, 0);
  CHECK_EQ(prev_calls, 1);
  if (siginfo) CHECK(prev_addr == page + 10);

  /* our reservation, no try active: not ours to recover either */
  if (sigsetjmp(escape, 1) == 0) sink = mem.data[65536 + 5];
  CHECK_EQ(prev_calls, 2);

  /* our reservation inside a try: a trap, the previous handler is not involved */
  code = WASM_RT_TRY(frame);
  if (code == 0) sink = mem.data[65536 + 5];
  wasm_rt_try_end(&frame);
  CHECK_EQ(code, WASM_RT_TRAP_OOB);
  CHECK_EQ(prev_calls, 2);

  /* wasm_rt_free puts the previous handler back */
  wasm_rt_free_memory(&mem);
  wasm_rt_free();
  struct sigaction now;
  CHECK(sigaction(SIGSEGV, NULL, &now) == 0);
  if (siginfo) CHECK(now.sa_sigaction == prev_siginfo_handler);
  else CHECK(now.sa_handler == prev_plain_handler);
  printf("ok faults outside our reservations reach the previous %s handler\n", siginfo ? "SA_SIGINFO" : "plain");
}

int main(int argc, char** argv) {
  CHECK(argc == 2);
  const char* mode = argv[1];
  if (strcmp(mode, "forward") == 0) {
    test_forward(true);
  } else if (strcmp(mode, "forward-plain") == 0) {
    test_forward(false);
  } else if (strcmp(mode, "default") == 0) {
    wasm_rt_init();
    u8* page = foreign_page();
    wasm_rt_try_frame_t frame;
    int code = WASM_RT_TRY(frame);
    if (code == 0) sink = page[0]; /* SIG_DFL before us: the process must die of SIGSEGV */
    wasm_rt_try_end(&frame);
    printf("survived with code %d\n", code);
  } else if (strcmp(mode, "ours-without-try") == 0) {
    wasm_rt_init();
    wasm_rt_memory_t mem;
    wasm_rt_allocate_memory(&mem, 1, 1, false, WASM_RT_DEFAULT_PAGE_SIZE);
    sink = mem.data[70000];
    printf("survived\n");
  } else if (strcmp(mode, "trap-without-try") == 0) {
    wasm_rt_init();
    wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
  }
  fflush(stdout);
  return 0;
}
