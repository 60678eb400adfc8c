/*
 * Process/thread setup, traps, try frames, the stack limit and the SIGSEGV/SIGBUS handler.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pthread_getattr_np */
#endif

#include "wasm-rt-impl.h"
#include "wasm-rt-internal.h"
#include "wasm-rt.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#if WASM_RT_SEGUE_SUPPORTED
#include <asm/prctl.h>
#include <sys/auxv.h>
#endif

/* Read by generated code and by the signal handler: initial-exec keeps both accesses a single %fs-relative load
 * and keeps the handler away from __tls_get_addr, which may allocate. */
WASM_RT_THREAD_LOCAL wasm_rt_try_frame_t* wasm_rt_try_top WASM_RT_TLS_MODEL = NULL;
WASM_RT_THREAD_LOCAL char* wasm_rt_stack_limit WASM_RT_TLS_MODEL = NULL;
WASM_RT_THREAD_LOCAL char* wasm_rt_stack_lo WASM_RT_TLS_MODEL = NULL;
WASM_RT_THREAD_LOCAL char* wasm_rt_stack_hi WASM_RT_TLS_MODEL = NULL;

/* A stack the sandbox has been entered on, and the limit chosen for it. */
typedef struct {
  char* lo;
  char* hi;
  char* limit;
} stack_region_t;

/* Per-thread state used only on slow paths (default TLS model is fine here). */
static WASM_RT_THREAD_LOCAL struct {
  bool ready;                  /* thread stack measured, alternate signal stack in place */
  void* altstack;              /* the alternate signal stack this runtime installed (NULL: none or the host's) */
  stack_region_t thread_stack; /* the thread's own stack */
  stack_region_t foreign;      /* the last other stack seen (koffi's call stack, a coroutine's, ...) */
} g_thread;

static WASM_RT_THREAD_LOCAL wasm_rt_try_frame_t g_impl_frame;

static pthread_mutex_t g_init_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool g_initialized;

/* Only guard-page mode needs the fault handler (and so alternate signal stacks). */
#if WASM_RT_MEMCHECK_GUARD_PAGES && !WASM_RT_SKIP_SIGNAL_RECOVERY
#define WASM_RT_HANDLE_SIGNALS 1
#else
#define WASM_RT_HANDLE_SIGNALS 0
#endif

#define ALTSTACK_SIZE (64u * 1024u)
/* The kernel refuses to grow the main thread's stack within this distance of the mapping below it. */
#define MAIN_STACK_GUARD_GAP (1024u * 1024u)
/* Faults this far below the stack's end still count as stack overflow (a large frame jumping past the guard). */
#define STACK_OVERFLOW_SLACK (1024u * 1024u)
/* The most stack a sandbox entry may use on a foreign stack whose bounds are only known from its mapping. */
#define FOREIGN_STACK_MAX (8u * 1024u * 1024u)

/* ------------------------------------------------------------------------------------------------------------ */
/* Segue: the gs base                                                                                            */

#if WASM_RT_SEGUE_SUPPORTED
#ifndef HWCAP2_FSGSBASE
#define HWCAP2_FSGSBASE (1u << 1)
#endif

int wasm_rt_segue_fsgsbase = -1;
/* What the runtime last wrote with arch_prctl on this thread (threads start with a zero gs base). */
static WASM_RT_THREAD_LOCAL uintptr_t g_segue_shadow WASM_RT_TLS_MODEL;

static void segue_decide(void) {
  /* Racing threads compute the same answer; the store is a plain int. */
  wasm_rt_segue_fsgsbase = (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) ? 1 : 0;
}

uintptr_t wasm_rt_segue_base_slow(void) {
  if (wasm_rt_segue_fsgsbase < 0) {
    segue_decide();
    return wasm_rt_segue_base();
  }
  return g_segue_shadow;
}

void wasm_rt_segue_set_base_slow(uintptr_t base) {
  if (wasm_rt_segue_fsgsbase < 0) {
    segue_decide();
    wasm_rt_segue_set_base(base);
    return;
  }
  if (syscall(SYS_arch_prctl, ARCH_SET_GS, base) != 0) {
    /* Without the base, every access of the generated code would hit whatever gs points at. */
    fprintf(stderr, "rlbox-ts runtime: arch_prctl(ARCH_SET_GS) failed (%s); rebuild with -DWASM_RT_USE_SEGUE=0\n",
            strerror(errno));
    abort();
  }
  g_segue_shadow = base;
}
#endif

/* ------------------------------------------------------------------------------------------------------------ */
/* Traps                                                                                                         */

const char* wasm_rt_strerror(wasm_rt_trap_t code) {
  switch (code) {
    case WASM_RT_TRAP_NONE: return "no trap";
    case WASM_RT_TRAP_OOB: return "out of bounds memory access";
    case WASM_RT_TRAP_INT_OVERFLOW: return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO: return "integer divide by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case WASM_RT_TRAP_UNREACHABLE: return "unreachable executed";
    case WASM_RT_TRAP_CALL_INDIRECT: return "indirect call: null or signature mismatch";
    case WASM_RT_TRAP_NULL_REF: return "null reference";
    case WASM_RT_TRAP_UNCAUGHT_EXCEPTION: return "uncaught exception";
    case WASM_RT_TRAP_UNALIGNED: return "unaligned atomic access";
    case WASM_RT_TRAP_EXHAUSTION: return "call stack exhausted";
    case WASM_RT_TRAP_EXIT: return "program exited (WASI proc_exit)";
    case WASM_RT_TRAP_OOM: return "host out of memory (reserving a memory or table failed)";
  }
  return "unknown trap";
}

void wasm_rt_trap(wasm_rt_trap_t code) {
  wasm_rt_try_frame_t* frame = wasm_rt_try_top;
  if (frame == NULL) {
    fprintf(stderr, "wasm trap with no handler: %s (code %d)\n", wasm_rt_strerror(code), (int)code);
    abort();
  }
  /* Popping here means a catch block that traps again reaches the enclosing frame, not itself. */
  wasm_rt_try_pop(frame);
  /* The module entries the jump skips would have restored it on their way out. */
  if (wasm_rt_segue_base() != frame->saved_segue_base) wasm_rt_segue_set_base(frame->saved_segue_base);
  WASM_RT_LONGJMP(frame->env, code == WASM_RT_TRAP_NONE ? (int)WASM_RT_TRAP_UNREACHABLE : (int)code);
}

wasm_rt_try_frame_t* wasm_rt_impl_try_frame(void) {
  char* here = (char*)__builtin_frame_address(0);
  if (here < wasm_rt_stack_lo || here >= wasm_rt_stack_hi) wasm_rt_enter_stack_region();
  g_impl_frame.prev = NULL;
  g_impl_frame.saved_stack_limit = NULL;
  g_impl_frame.saved_stack_lo = NULL;
  g_impl_frame.saved_stack_hi = NULL;
  g_impl_frame.saved_segue_base = wasm_rt_segue_base();
  wasm_rt_try_top = &g_impl_frame;
  return &g_impl_frame;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Per-thread state                                                                                              */

static bool is_main_thread(void) {
#ifdef SYS_gettid
  return (pid_t)syscall(SYS_gettid) == getpid();
#else
  return false;
#endif
}

/* Keeps WASM_RT_STACK_MARGIN free below the limit, or half of what is left on a small stack. */
static char* limit_for(char* lo, char* here) {
  size_t remaining = here > lo ? (size_t)(here - lo) : 0;
  size_t margin = WASM_RT_STACK_MARGIN;
  if (margin > remaining / 2) margin = remaining / 2;
  return lo + margin;
}

/* The thread's own stack from the threading library, whatever stack we are running on now (the first entry may
 * well be on a foreign one).  An empty region if it cannot be known: every stack is then measured from its mapping. */
static stack_region_t measure_thread_stack(void) {
  stack_region_t r = {NULL, NULL, NULL};
  size_t size = 0;
#if defined(__linux__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* addr = NULL;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) r.lo = (char*)addr;
    pthread_attr_destroy(&attr);
  }
#elif defined(__APPLE__)
  char* top = (char*)pthread_get_stackaddr_np(pthread_self());
  size = pthread_get_stacksize_np(pthread_self());
  r.lo = top - size;
#endif
  if (r.lo == NULL || size == 0) return (stack_region_t){NULL, NULL, NULL};
  r.hi = r.lo + size;
  /* The main thread's stack grows on demand, but never closer than the kernel's guard gap to the mapping below. */
  char* usable_lo = is_main_thread() ? r.lo + MAIN_STACK_GUARD_GAP : r.lo;
  char* here = (char*)__builtin_frame_address(0);
  r.limit = limit_for(usable_lo, here >= r.lo && here < r.hi ? here : r.hi);
  return r;
}

/* The mapping of /proc/self/maps that contains `addr`: a foreign stack is a mapping of its own (koffi mmaps its
 * call stacks, with a PROT_NONE page below).  Returns false if it cannot be found. */
static bool find_mapping(char* addr, char** lo, char** hi) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[4096];
  size_t have = 0;
  bool found = false;
  for (;;) {
    ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    have += (size_t)n;
    buf[have] = '\0';
    char* line = buf;
    char* nl;
    while ((nl = strchr(line, '\n')) != NULL) {
      *nl = '\0';
      char* end = NULL;
      uintptr_t a = (uintptr_t)strtoull(line, &end, 16);
      if (end != NULL && *end == '-') {
        uintptr_t b = (uintptr_t)strtoull(end + 1, NULL, 16);
        if ((uintptr_t)addr >= a && (uintptr_t)addr < b) {
          *lo = (char*)a;
          *hi = (char*)b;
          found = true;
          break;
        }
      }
      line = nl + 1;
    }
    if (found) break;
    have = (size_t)(buf + have - line);
    memmove(buf, line, have);
    if (have == sizeof buf - 1) have = 0; /* a line longer than the buffer: drop it */
  }
  close(fd);
  return found;
}

static stack_region_t measure_foreign_stack(char* here) {
  stack_region_t r;
  if (!find_mapping(here, &r.lo, &r.hi)) {
    r.lo = here - 512 * 1024;
    r.hi = here + 4096;
  }
  r.limit = limit_for(r.lo, here);
  /* A mapping much larger than a stack (a heap arena hosting a coroutine stack) must not let recursion run
   * through other data: cap the budget. */
  if (here - r.limit > (ptrdiff_t)FOREIGN_STACK_MAX) r.limit = here - FOREIGN_STACK_MAX;
  return r;
}

static void use_region(const stack_region_t* r) {
  wasm_rt_stack_lo = r->lo;
  wasm_rt_stack_hi = r->hi;
  wasm_rt_stack_limit = r->limit;
}

static bool region_contains(const stack_region_t* r, char* p) { return r->hi != NULL && p >= r->lo && p < r->hi; }

static void use_region_containing(char* here) {
  if (region_contains(&g_thread.thread_stack, here)) {
    use_region(&g_thread.thread_stack);
  } else {
    if (!region_contains(&g_thread.foreign, here)) g_thread.foreign = measure_foreign_stack(here);
    use_region(&g_thread.foreign);
  }
}

static void setup_altstack(void) {
#if WASM_RT_HANDLE_SIGNALS
  if (g_thread.altstack != NULL) return;
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE) && current.ss_size >= ALTSTACK_SIZE)
    return; /* the host's own alternate stack is big enough: keep it */
  void* mem = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return; /* faults then run on the faulting stack: overflow faults become fatal */
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = mem;
  ss.ss_size = ALTSTACK_SIZE;
  ss.ss_flags = 0;
  if (sigaltstack(&ss, NULL) != 0) {
    munmap(mem, ALTSTACK_SIZE);
    return;
  }
  g_thread.altstack = mem;
#endif
}

/* Threads that exit without wasm_rt_free_thread() still get their alternate stack freed. */
static pthread_key_t g_thread_exit_key;
static pthread_once_t g_thread_exit_once = PTHREAD_ONCE_INIT;
static bool g_thread_exit_key_ok;

static void on_thread_exit(void* value) {
  (void)value;
  wasm_rt_free_thread();
}

static void create_thread_exit_key(void) { g_thread_exit_key_ok = pthread_key_create(&g_thread_exit_key, on_thread_exit) == 0; }

void wasm_rt_init_thread(void) {
  if (!g_thread.ready) {
    g_thread.thread_stack = measure_thread_stack();
    setup_altstack();
    pthread_once(&g_thread_exit_once, create_thread_exit_key);
    if (g_thread_exit_key_ok) pthread_setspecific(g_thread_exit_key, &g_thread);
    g_thread.ready = true;
  }
  use_region_containing((char*)__builtin_frame_address(0));
}

void wasm_rt_free_thread(void) {
#if WASM_RT_HANDLE_SIGNALS
  if (g_thread.altstack != NULL) {
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && current.ss_sp == g_thread.altstack && !(current.ss_flags & SS_ONSTACK)) {
      stack_t off;
      memset(&off, 0, sizeof off);
      off.ss_flags = SS_DISABLE;
      sigaltstack(&off, NULL);
      munmap(g_thread.altstack, ALTSTACK_SIZE);
    }
  }
#endif
  if (g_thread.ready && g_thread_exit_key_ok) pthread_setspecific(g_thread_exit_key, NULL);
  memset(&g_thread, 0, sizeof g_thread);
  wasm_rt_stack_limit = NULL;
  wasm_rt_stack_lo = NULL;
  wasm_rt_stack_hi = NULL;
  wasm_rt_try_top = NULL;
}

void wasm_rt_enter_stack_region(void) {
  if (!wasm_rt_is_initialized()) {
    wasm_rt_init(); /* also sets up this thread and its region */
    return;
  }
  wasm_rt_init_thread();
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Signals                                                                                                       */

#if WASM_RT_HANDLE_SIGNALS
static struct sigaction g_prev_segv;
static struct sigaction g_prev_bus;

/* Hands a fault that is not ours to whoever had the signal before us, as the kernel would have. */
static void forward_fault(int sig, siginfo_t* info, void* context) {
  const struct sigaction* prev = sig == SIGBUS ? &g_prev_bus : &g_prev_segv;
  if (prev->sa_flags & SA_SIGINFO) {
    prev->sa_sigaction(sig, info, context);
    return;
  }
  if (prev->sa_handler == SIG_DFL || prev->sa_handler == SIG_IGN) {
    /* Restore the default action and return: a real fault re-executes the instruction and kills the process
     * (the kernel never lets a synchronous fault be ignored); a signal sent by kill() is raised again. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    if (info == NULL || info->si_code <= 0) raise(sig);
    return;
  }
  prev->sa_handler(sig);
}

static void on_fault(int sig, siginfo_t* info, void* context) {
  if (wasm_rt_try_top != NULL && info != NULL && info->si_code > 0) {
    char* addr = (char*)info->si_addr;
    if (wasm_rt_internal_in_reservation((uintptr_t)addr)) wasm_rt_trap(WASM_RT_TRAP_OOB);
    if (wasm_rt_stack_lo != NULL && addr < wasm_rt_stack_limit && addr >= wasm_rt_stack_lo - STACK_OVERFLOW_SLACK)
      wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  }
  forward_fault(sig, info, context);
}

static bool handler_is_ours(int sig) {
  struct sigaction current;
  return sigaction(sig, NULL, &current) == 0 && (current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_fault;
}

static void install_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sigemptyset(&sa.sa_mask);
  /* SA_NODEFER: the handler leaves by longjmp without restoring a signal mask, so it must not block SIGSEGV. */
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  if (!handler_is_ours(SIGSEGV)) sigaction(SIGSEGV, &sa, &g_prev_segv);
  if (!handler_is_ours(SIGBUS)) sigaction(SIGBUS, &sa, &g_prev_bus);
}

static void uninstall_handlers(void) {
  if (handler_is_ours(SIGSEGV)) sigaction(SIGSEGV, &g_prev_segv, NULL);
  if (handler_is_ours(SIGBUS)) sigaction(SIGBUS, &g_prev_bus, NULL);
}
#endif

/* ------------------------------------------------------------------------------------------------------------ */
/* Process setup                                                                                                 */

void wasm_rt_init(void) {
  pthread_mutex_lock(&g_init_lock);
  if (!atomic_load(&g_initialized)) {
#if WASM_RT_HANDLE_SIGNALS
    install_handlers();
#endif
    atomic_store(&g_initialized, true);
  }
  pthread_mutex_unlock(&g_init_lock);
  wasm_rt_init_thread();
}

bool wasm_rt_is_initialized(void) { return atomic_load(&g_initialized); }

void wasm_rt_free(void) {
  pthread_mutex_lock(&g_init_lock);
  if (atomic_load(&g_initialized)) {
#if WASM_RT_HANDLE_SIGNALS
    uninstall_handlers();
#endif
    atomic_store(&g_initialized, false);
  }
  pthread_mutex_unlock(&g_init_lock);
  wasm_rt_free_thread();
}

/* When the shared object holding the runtime is unloaded (koffi unloads libraries at exit), nothing of it may stay
 * reachable: our fault handler would run unmapped code, and so would the thread-exit destructor of threads that
 * outlive the library (libuv's workers). */
__attribute__((destructor)) static void on_unload(void) {
#if WASM_RT_HANDLE_SIGNALS
  uninstall_handlers();
#endif
  if (g_thread_exit_key_ok) {
    pthread_key_delete(g_thread_exit_key);
    g_thread_exit_key_ok = false;
  }
}
