/*
 * wasm-rt.h -- the public interface of the rlbox-ts C runtime.
 *
 * Generated code (<mod>.wasm.c/.h) and C/C++ hosts compile against this header.  Type names, field names and
 * field order follow WABT wasm2c's current ABI (see docs/ABI.md) because hosts such as RLBox fill these structs
 * themselves; everything prefixed WASM_RT_CHECK_STACK / wasm_rt_try_* / WASM_RT_TRY is rlbox-ts specific.
 */
#ifndef WASM_RT_H_
#define WASM_RT_H_

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------------------
 * Configuration.  Decide once here so that the runtime and the generated code always agree.
 * ------------------------------------------------------------------------------------------------------------- */

#if defined(__GNUC__) || defined(__clang__)
#define WASM_RT_LIKELY(x) __builtin_expect(!!(x), 1)
#define WASM_RT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define WASM_RT_LIKELY(x) (x)
#define WASM_RT_UNLIKELY(x) (x)
#endif

#if defined(__GNUC__) || defined(__clang__)
#define WASM_RT_NO_RETURN __attribute__((noreturn))
#elif defined(__cplusplus)
#define WASM_RT_NO_RETURN [[noreturn]]
#else
#define WASM_RT_NO_RETURN _Noreturn
#endif

#if defined(__GNUC__) || defined(__clang__)
#define WASM_RT_THREAD_LOCAL __thread
/* initial-exec: a read from a dlopen()ed shared object is one %fs-relative load, no __tls_get_addr call.  The
 * runtime's thread-locals are a few words, well within glibc's static-TLS surplus for dlopen. */
#define WASM_RT_TLS_MODEL __attribute__((tls_model("initial-exec")))
#elif defined(__cplusplus)
#define WASM_RT_THREAD_LOCAL thread_local
#define WASM_RT_TLS_MODEL
#else
#define WASM_RT_THREAD_LOCAL _Thread_local
#define WASM_RT_TLS_MODEL
#endif

/* Memory-access checking strategy: exactly one of the two is 1.
 *   WASM_RT_MEMCHECK_GUARD_PAGES: each 32-bit memory reserves 8 GiB (u32 address + u32 offset) of which only
 *     `size` bytes are accessible; out-of-bounds accesses fault and the SIGSEGV/SIGBUS handler turns the fault
 *     into WASM_RT_TRAP_OOB.  Default on 64-bit Linux.
 *   WASM_RT_MEMCHECK_BOUNDS_CHECK: generated code compares every access against `size`.  Default elsewhere;
 *     force it with -DWASM_RT_MEMCHECK_BOUNDS_CHECK=1. */
#if defined(WASM_RT_MEMCHECK_BOUNDS_CHECK) && WASM_RT_MEMCHECK_BOUNDS_CHECK
#if defined(WASM_RT_MEMCHECK_GUARD_PAGES) && WASM_RT_MEMCHECK_GUARD_PAGES
#error "WASM_RT_MEMCHECK_GUARD_PAGES and WASM_RT_MEMCHECK_BOUNDS_CHECK are both 1; choose one"
#endif
#undef WASM_RT_MEMCHECK_GUARD_PAGES
#define WASM_RT_MEMCHECK_GUARD_PAGES 0
#elif defined(WASM_RT_MEMCHECK_GUARD_PAGES) && WASM_RT_MEMCHECK_GUARD_PAGES
#undef WASM_RT_MEMCHECK_BOUNDS_CHECK
#define WASM_RT_MEMCHECK_BOUNDS_CHECK 0
#elif defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__)) && UINTPTR_MAX == 0xffffffffffffffffu
#undef WASM_RT_MEMCHECK_GUARD_PAGES
#undef WASM_RT_MEMCHECK_BOUNDS_CHECK
#define WASM_RT_MEMCHECK_GUARD_PAGES 1
#define WASM_RT_MEMCHECK_BOUNDS_CHECK 0
#else
#undef WASM_RT_MEMCHECK_GUARD_PAGES
#undef WASM_RT_MEMCHECK_BOUNDS_CHECK
#define WASM_RT_MEMCHECK_GUARD_PAGES 0
#define WASM_RT_MEMCHECK_BOUNDS_CHECK 1
#endif

#if WASM_RT_MEMCHECK_GUARD_PAGES && UINTPTR_MAX != 0xffffffffffffffffu
#error "WASM_RT_MEMCHECK_GUARD_PAGES needs a 64-bit address space"
#endif

/* Upstream-compatible switch: 1 = install no SIGSEGV/SIGBUS handler (guard pages still exist, so an
 * out-of-bounds access then kills the process instead of trapping). */
#ifndef WASM_RT_SKIP_SIGNAL_RECOVERY
#define WASM_RT_SKIP_SIGNAL_RECOVERY 0
#endif

/* Upstream-compatible switch: 1 = WASM_RT_CHECK_STACK() checks nothing (runaway recursion then crashes). */
#ifndef WASM_RT_NONCONFORMING_UNCHECKED_STACK_EXHAUSTION
#define WASM_RT_NONCONFORMING_UNCHECKED_STACK_EXHAUSTION 0
#endif

/* Bytes kept free between the stack limit and the real end of a thread's stack: room for the deepest frame of a
 * function that does not check, for host code (printf, callbacks) and, on Node's main thread, for V8. */
#ifndef WASM_RT_STACK_MARGIN
#define WASM_RT_STACK_MARGIN (256u * 1024u)
#endif

/* Segue: generated code addresses memory 0 through the %gs segment (one gs-relative instruction per access, and the
 * base no longer occupies a register).  The runtime keeps the gs base right across traps wherever the platform
 * can do it at all (WASM_RT_SEGUE_SUPPORTED), independently of the switch, so that code compiled with and
 * without Segue can be mixed.  The switch itself only decides what the generated code does:
 *   WASM_RT_USE_SEGUE (or upstream's name WASM_RT_ALLOW_SEGUE) = 0 turns it off, = 1 turns it on where supported
 *   in guard-page mode (bounds-check mode needs the base and size in registers).  Default: on with gcc, off with
 *   clang, as measured on x86-64 (bench/RESULTS.md): with gcc 12 it saves 8-14% of the instructions and ~3% of
 *   the time; clang 14's code gets fewer instructions but is no faster (LZ4 is slower). */
#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define WASM_RT_SEGUE_SUPPORTED 1
#else
#define WASM_RT_SEGUE_SUPPORTED 0
#endif
/* gcc's __seg_gs is a GNU C keyword: not under -std=c11 (__STRICT_ANSI__), although __SEG_GS is defined there;
 * clang always has address_space(256). */
#if !WASM_RT_SEGUE_SUPPORTED || !WASM_RT_MEMCHECK_GUARD_PAGES || (defined(WASM_RT_USE_SEGUE) && !WASM_RT_USE_SEGUE) || \
    (defined(WASM_RT_ALLOW_SEGUE) && !WASM_RT_ALLOW_SEGUE) || \
    !(defined(__clang__) || (defined(__SEG_GS) && !defined(__STRICT_ANSI__)))
#define WASM_RT_SEGUE_ON_ 0
#elif (defined(WASM_RT_USE_SEGUE) && WASM_RT_USE_SEGUE) || (defined(WASM_RT_ALLOW_SEGUE) && WASM_RT_ALLOW_SEGUE)
#define WASM_RT_SEGUE_ON_ 1
#elif defined(__clang__)
#define WASM_RT_SEGUE_ON_ 0
#else
#define WASM_RT_SEGUE_ON_ 1
#endif
#undef WASM_RT_USE_SEGUE
#define WASM_RT_USE_SEGUE WASM_RT_SEGUE_ON_

/* The wasm page size of a memory without the custom-page-sizes proposal. */
#define WASM_RT_DEFAULT_PAGE_SIZE 65536u

/* Bytes reserved per 32-bit memory in guard-page mode: 4 GiB addressable + 4 GiB guard (u32 address + u32 offset),
 * plus 64 KiB so that even a 16-byte access at the highest effective address lies wholly inside. */
#define WASM_RT_GUARD_RESERVATION ((UINT64_C(8) << 30) + UINT64_C(65536))

/* ---------------------------------------------------------------------------------------------------------------
 * Core types.
 * ------------------------------------------------------------------------------------------------------------- */

#ifndef WASM_RT_CORE_TYPES_DEFINED
#define WASM_RT_CORE_TYPES_DEFINED
typedef uint8_t u8;
typedef int8_t s8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;
typedef float f32;
typedef double f64;
#endif

/* Reasons a trap unwinds.  The order up to WASM_RT_TRAP_EXHAUSTION is upstream's; the codes after it are ours. */
typedef enum {
  WASM_RT_TRAP_NONE,               /* 0: no trap */
  WASM_RT_TRAP_OOB,                /* out-of-bounds memory/table access */
  WASM_RT_TRAP_INT_OVERFLOW,       /* integer overflow in division or truncation */
  WASM_RT_TRAP_DIV_BY_ZERO,        /* integer division by zero */
  WASM_RT_TRAP_INVALID_CONVERSION, /* float-to-int conversion of NaN or out of range */
  WASM_RT_TRAP_UNREACHABLE,        /* `unreachable` executed */
  WASM_RT_TRAP_CALL_INDIRECT,      /* call_indirect: null entry or signature mismatch */
  WASM_RT_TRAP_NULL_REF,           /* null reference dereferenced */
  WASM_RT_TRAP_UNCAUGHT_EXCEPTION, /* exception-handling proposal: exception left the module */
  WASM_RT_TRAP_UNALIGNED,          /* unaligned atomic access */
  WASM_RT_TRAP_EXHAUSTION,         /* call stack exhausted */
  WASM_RT_TRAP_EXIT,               /* rlbox-ts: WASI proc_exit (the code is in the WASI instance) */
  WASM_RT_TRAP_OOM,                /* rlbox-ts: the host could not reserve/commit a memory or table */
} wasm_rt_trap_t;

/* Value types, as passed to wasm2c_<mod>_get_func_type. */
typedef enum {
  WASM_RT_I32,
  WASM_RT_I64,
  WASM_RT_F32,
  WASM_RT_F64,
  WASM_RT_V128,
  WASM_RT_FUNCREF,
  WASM_RT_EXTERNREF,
  WASM_RT_EXNREF,
} wasm_rt_type_t;

/* A function of unknown signature; cast to the real type (first parameter: the module instance) before calling. */
typedef void (*wasm_rt_function_ptr_t)(void);

/* Identifies a signature; equal signatures have equal contents (compare by pointer first, then by content). */
typedef const char* wasm_rt_func_type_t;

/* Tail-call proposal only; kept so that hosts' funcref initializers compile. */
typedef struct wasm_rt_tailcallee_t {
  void (*fn)(void** instance_ptr, void* tail_call_stack, struct wasm_rt_tailcallee_t* next);
} wasm_rt_tailcallee_t;

typedef struct {
  wasm_rt_func_type_t func_type;        /* signature identifier (see wasm2c_<mod>_get_func_type) */
  wasm_rt_function_ptr_t func;          /* called as func(module_instance, params...) */
  wasm_rt_tailcallee_t func_tailcallee; /* tail-call proposal only */
  void* module_instance;
} wasm_rt_funcref_t;

static const wasm_rt_funcref_t wasm_rt_funcref_null_value = {NULL, NULL, {NULL}, NULL};

typedef void* wasm_rt_externref_t;

static const wasm_rt_externref_t wasm_rt_externref_null_value = NULL;

/* A linear memory.  Hosts may fill it themselves (RLBox does, leaving data_end unset), so generated code derives
 * everything from `data` and `size`.  Guarantee: in guard-page mode `data` never moves after allocation; in
 * bounds-check mode it may move on grow, so code must reload it after anything that may grow the memory. */
typedef struct {
  uint8_t* data;      /* first byte of the memory */
  uint8_t* data_end;  /* data + size (filled by this runtime) */
  uint32_t page_size; /* bytes per wasm page: 65536 unless the custom-page-sizes proposal says otherwise */
  uint64_t pages;     /* current size in pages */
  uint64_t max_pages; /* maximum size in pages */
  uint64_t size;      /* current size in bytes: pages * page_size */
  bool is64;          /* memory64: 64-bit addresses (always bounds-checked by generated code) */
} wasm_rt_memory_t;

typedef struct {
  wasm_rt_funcref_t* data; /* may move on grow */
  uint32_t max_size;
  uint32_t size;
} wasm_rt_funcref_table_t;

typedef struct {
  wasm_rt_externref_t* data; /* may move on grow */
  uint32_t max_size;
  uint32_t size;
} wasm_rt_externref_table_t;

/* ---------------------------------------------------------------------------------------------------------------
 * Process and thread setup.
 * ------------------------------------------------------------------------------------------------------------- */

/* Installs the SIGSEGV/SIGBUS handler (guard-page mode, chaining to the previous handler) and sets up the calling
 * thread (wasm_rt_init_thread).  Idempotent and thread-safe; the first WASM_RT_TRY on any thread calls it if the
 * host did not. */
void wasm_rt_init(void);
bool wasm_rt_is_initialized(void);
/* Restores the previous signal handlers and frees the calling thread's state.  Memories must be freed first. */
void wasm_rt_free(void);
/* Per-thread setup: the alternate signal stack (guard-page mode), the thread's real stack bounds, and
 * wasm_rt_stack_limit for the stack this is called on.  Idempotent; done lazily by the first WASM_RT_TRY. */
void wasm_rt_init_thread(void);
/* Frees what wasm_rt_init_thread allocated for the calling thread (also done automatically at thread exit). */
void wasm_rt_free_thread(void);

/* ---------------------------------------------------------------------------------------------------------------
 * Traps.
 * ------------------------------------------------------------------------------------------------------------- */

/* Unwinds to the innermost active try frame of this thread with `code`; with none active, prints the reason to
 * stderr and aborts the process. */
WASM_RT_NO_RETURN void wasm_rt_trap(wasm_rt_trap_t code);
/* A short English description of every code (also of unknown ones). */
const char* wasm_rt_strerror(wasm_rt_trap_t code);

/* ---------------------------------------------------------------------------------------------------------------
 * Segue: the gs base register.  Every entry into a module's code from outside (export wrappers, the start
 * function, funcref thunks) saves the base, points it at its instance's memory 0 and restores it on return
 * (unless it was 0: then no module code is below, and leaving it spares the next call a write); try frames
 * restore it after a trap.  Per thread by nature (the kernel switches it with the thread).
 *
 * rdgsbase/wrgsbase when the kernel enables them for user space (AT_HWCAP2 bit HWCAP2_FSGSBASE, Linux 5.9+):
 * a few cycles.  Otherwise arch_prctl(ARCH_SET_GS) writes it (a system call: slow but correct) and reads come from
 * a thread-local copy of what the runtime last wrote (nothing else in a process sets gs on x86-64 Linux).  The
 * mode is decided once, on first use.
 * ------------------------------------------------------------------------------------------------------------- */

#if WASM_RT_SEGUE_SUPPORTED
/* 1: rdgsbase/wrgsbase; 0: arch_prctl; -1: not decided yet (the slow functions decide). */
extern int wasm_rt_segue_fsgsbase;
uintptr_t wasm_rt_segue_base_slow(void);
void wasm_rt_segue_set_base_slow(uintptr_t base);

static inline uintptr_t wasm_rt_segue_base(void) {
  if (WASM_RT_LIKELY(wasm_rt_segue_fsgsbase > 0)) {
    uintptr_t base;
    __asm__ volatile("rdgsbase %0" : "=r"(base));
    return base;
  }
  return wasm_rt_segue_base_slow();
}

static inline void wasm_rt_segue_set_base(uintptr_t base) {
  if (WASM_RT_LIKELY(wasm_rt_segue_fsgsbase > 0)) {
    /* "memory": gs-relative accesses the compiler sees as plain memory accesses must not cross the switch. */
    __asm__ volatile("wrgsbase %0" : : "r"(base) : "memory");
    return;
  }
  wasm_rt_segue_set_base_slow(base);
}
#else
static inline uintptr_t wasm_rt_segue_base(void) { return 0; }
static inline void wasm_rt_segue_set_base(uintptr_t base) { (void)base; }
#endif

/* ---------------------------------------------------------------------------------------------------------------
 * Catching traps: nestable try frames (a host callback called from the sandbox may call into the sandbox again).
 *
 *     wasm_rt_try_frame_t frame;
 *     int code = WASM_RT_TRY(frame);         // 0 now; the trap code when a trap unwinds to here
 *     if (code == 0) result = w2c_mod_fn(instance, args...);
 *     wasm_rt_try_end(&frame);               // always, on both paths
 *
 * Rules: the function that expanded WASM_RT_TRY must still be running when a trap can unwind to it; locals it
 * modifies between the TRY and a trap must be `volatile` to be read after the trap; the jump never crosses a
 * frame that is not C (put the try in C, next to the call into the sandbox).  The signal mask is not saved (no
 * syscall per call): the runtime's signal handler runs with SA_NODEFER so leaving it by a jump is safe.
 * ------------------------------------------------------------------------------------------------------------- */

#if defined(__GLIBC__) || defined(_WIN32)
/* glibc's setjmp is _setjmp: it does not save the signal mask, and it is visible under strict -std=c11. */
typedef jmp_buf wasm_rt_jmp_buf;
#define WASM_RT_SETJMP(buf) setjmp(buf)
#define WASM_RT_LONGJMP(buf, val) longjmp(buf, val)
#else
typedef sigjmp_buf wasm_rt_jmp_buf;
#define WASM_RT_SETJMP(buf) sigsetjmp(buf, 0)
#define WASM_RT_LONGJMP(buf, val) siglongjmp(buf, val)
#endif

typedef struct wasm_rt_try_frame_t {
  wasm_rt_jmp_buf env;
  struct wasm_rt_try_frame_t* prev; /* the enclosing frame, NULL for the outermost */
  /* The stack state of the enclosing entry, restored when this frame is popped. */
  char* saved_stack_limit;
  char* saved_stack_lo;
  char* saved_stack_hi;
  /* The gs base (Segue: the running instance's memory 0) when the frame was pushed; a trap restores it, because
   * the longjmp skips the restores of the module entries it unwinds. */
  uintptr_t saved_segue_base;
} wasm_rt_try_frame_t;

/* The innermost active try frame of this thread (NULL: none). */
extern WASM_RT_THREAD_LOCAL wasm_rt_try_frame_t* wasm_rt_try_top WASM_RT_TLS_MODEL;

/* The lowest address the native stack may reach in checked functions (NULL: nothing is checked).  It belongs to
 * the stack region [wasm_rt_stack_lo, wasm_rt_stack_hi) the sandbox was last entered on: the thread's own stack,
 * or a foreign one (koffi runs native calls on a stack of its own), found from the mapping that contains it. */
extern WASM_RT_THREAD_LOCAL char* wasm_rt_stack_limit WASM_RT_TLS_MODEL;
extern WASM_RT_THREAD_LOCAL char* wasm_rt_stack_lo WASM_RT_TLS_MODEL;
extern WASM_RT_THREAD_LOCAL char* wasm_rt_stack_hi WASM_RT_TLS_MODEL;

/* Slow path of wasm_rt_try_push: the current stack is not [wasm_rt_stack_lo, wasm_rt_stack_hi) (first entry on
 * this thread or on this stack).  Sets up the thread (and the process) if needed and sets the three variables. */
void wasm_rt_enter_stack_region(void);

/* Pushes `frame` (without arming it: WASM_RT_TRY does that in the caller's frame). */
static inline void wasm_rt_try_push(wasm_rt_try_frame_t* frame) {
  char* sp = (char*)__builtin_frame_address(0);
  frame->saved_segue_base = wasm_rt_segue_base();
  frame->saved_stack_limit = wasm_rt_stack_limit;
  frame->saved_stack_lo = wasm_rt_stack_lo;
  frame->saved_stack_hi = wasm_rt_stack_hi;
  if (WASM_RT_UNLIKELY(sp < wasm_rt_stack_lo || sp >= wasm_rt_stack_hi)) wasm_rt_enter_stack_region();
  frame->prev = wasm_rt_try_top;
  wasm_rt_try_top = frame;
}

/* Makes `frame` no longer active and restores the stack state of the entry that enclosed it. */
static inline void wasm_rt_try_pop(wasm_rt_try_frame_t* frame) {
  wasm_rt_try_top = frame->prev;
  if (frame->saved_stack_hi != NULL) { /* keep the current region as a cache when there was none before */
    wasm_rt_stack_limit = frame->saved_stack_limit;
    wasm_rt_stack_lo = frame->saved_stack_lo;
    wasm_rt_stack_hi = frame->saved_stack_hi;
  }
}

/* Pops `frame` if it is still the innermost one (a trap that unwound to it already popped it). */
static inline void wasm_rt_try_end(wasm_rt_try_frame_t* frame) {
  if (wasm_rt_try_top == frame) wasm_rt_try_pop(frame);
}

#define WASM_RT_TRY(frame) (wasm_rt_try_push(&(frame)), WASM_RT_SETJMP((frame).env))

/* ---------------------------------------------------------------------------------------------------------------
 * Stack exhaustion.  Generated code puts WASM_RT_CHECK_STACK(); first in every function that makes calls.
 * ------------------------------------------------------------------------------------------------------------- */

#if WASM_RT_NONCONFORMING_UNCHECKED_STACK_EXHAUSTION
#define WASM_RT_CHECK_STACK() ((void)0)
#else
/* The stack pointer, read without __builtin_frame_address(0): that builtin forces a frame pointer in every
 * checked function (1,215 of SQLite's), about 1% of its instructions (bench/RESULTS.md).  The read may happen
 * before a shrink-wrapped prologue allocates the frame, so a check can be one frame late: WASM_RT_STACK_MARGIN
 * covers it (functions with frames larger than that are checked as well). */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define WASM_RT_STACK_POINTER()                     \
  __extension__({                                   \
    char* wasm_rt_sp_;                              \
    __asm__ volatile("mov %%rsp, %0" : "=r"(wasm_rt_sp_)); \
    wasm_rt_sp_;                                    \
  })
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
#define WASM_RT_STACK_POINTER()                     \
  __extension__({                                   \
    char* wasm_rt_sp_;                              \
    __asm__ volatile("mov %0, sp" : "=r"(wasm_rt_sp_)); \
    wasm_rt_sp_;                                    \
  })
#else
#define WASM_RT_STACK_POINTER() ((char*)__builtin_frame_address(0))
#endif

#define WASM_RT_CHECK_STACK()                                                                   \
  do {                                                                                          \
    if (WASM_RT_UNLIKELY(WASM_RT_STACK_POINTER() < wasm_rt_stack_limit))                        \
      wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);                                                    \
  } while (0)
#endif

/* ---------------------------------------------------------------------------------------------------------------
 * Memories.  Failure to reserve or commit traps with WASM_RT_TRAP_OOM (instantiate inside a try).
 * ------------------------------------------------------------------------------------------------------------- */

/* Fills every field of *memory; the initial pages are zeroed.  Traps WASM_RT_TRAP_OOM if the host refuses, and
 * also if initial_pages > max_pages or max_pages exceeds what the address width allows. */
void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint64_t initial_pages, uint64_t max_pages, bool is64,
                             uint32_t page_size);
/* Returns the old page count, or (uint64_t)-1 (beyond max_pages, beyond the address width, or the host refuses);
 * the new pages are zeroed.  Guard-page mode: `data` does not move; bounds-check mode: it may. */
uint64_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint64_t delta_pages);
/* Releases the memory and zeroes the struct.  Safe on a zeroed struct. */
void wasm_rt_free_memory(wasm_rt_memory_t* memory);

/* ---------------------------------------------------------------------------------------------------------------
 * Tables.  New slots are null (allocate) or `init` (grow).  `data` may move on grow.
 * ------------------------------------------------------------------------------------------------------------- */

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t* table, uint32_t elements, uint32_t max_elements);
/* Returns the old size, or (uint32_t)-1 if size + delta exceeds max_size or the host refuses. */
uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t* table, uint32_t delta, wasm_rt_funcref_t init);
void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t* table);

void wasm_rt_allocate_externref_table(wasm_rt_externref_table_t* table, uint32_t elements, uint32_t max_elements);
uint32_t wasm_rt_grow_externref_table(wasm_rt_externref_table_t* table, uint32_t delta, wasm_rt_externref_t init);
void wasm_rt_free_externref_table(wasm_rt_externref_table_t* table);

#ifdef __cplusplus
}
#endif

#endif /* WASM_RT_H_ */
