// The static part of every generated .c file: small inline helpers that give each wasm instruction its exact
// semantics in portable C (no signed overflow, masked shifts, bit-exact floats, trapping conversions) and that
// an optimizing compiler turns back into one or two machine instructions.

export const PRELUDE = String.raw`#include <math.h>
#include <stdarg.h>
#include <string.h>

#ifndef WASM_RT_LIKELY
#define WASM_RT_LIKELY(x) __builtin_expect(!!(x), 1)
#define WASM_RT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#endif
/* Compiling against a wasm-rt.h without stack checks still works: recursion then is simply unchecked. */
#ifndef WASM_RT_CHECK_STACK
#define WASM_RT_CHECK_STACK() ((void)0)
#endif
#if defined(WASM_RT_MEMCHECK_BOUNDS_CHECK) && WASM_RT_MEMCHECK_BOUNDS_CHECK
#define W2C__BOUNDS_CHECK 1
#else
#define W2C__BOUNDS_CHECK 0
#endif

/* Helpers are emitted whether or not a module uses them; clang would warn about the unused ones. */
#if defined(__GNUC__) || defined(__clang__)
#define W2C__UNUSED __attribute__((unused))
#else
#define W2C__UNUSED
#endif
#define W2C__HELPER static inline W2C__UNUSED
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8
#define W2C__NOINLINE __attribute__((noipa))
#elif defined(__GNUC__) || defined(__clang__)
#define W2C__NOINLINE __attribute__((noinline))
#else
#define W2C__NOINLINE
#endif
/* Split output: internal functions and data are shared between the module's .c files but not exported. */
#if defined(__GNUC__) || defined(__clang__)
#define W2C__INTERNAL __attribute__((visibility("hidden")))
#else
#define W2C__INTERNAL
#endif

/* Wasm code may recurse without end (it traps when the stack runs out). */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Winfinite-recursion"
#elif defined(__GNUC__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Winfinite-recursion"
#endif
#if defined(__GNUC__) || defined(__clang__)
#define W2C__UNREACHABLE() __builtin_unreachable()
#else
#define W2C__UNREACHABLE() ((void)0)
#endif

#define W2C__TRAP(x) wasm_rt_trap(WASM_RT_TRAP_##x)

/* Memory 0 of a function: its base (and size, used only with bounds checks) are cached in locals. In guard-page
 * mode the base never moves, so nothing is reloaded after calls; with bounds checks the memory may move or grow
 * during any call, so both are reloaded. */
#define W2C__MEM_DECL(m) \
  wasm_rt_memory_t* const mem0 = (m); \
  u8* mb = mem0->data; \
  u64 ms = mem0->size; \
  (void)mb; \
  (void)ms
#if W2C__BOUNDS_CHECK
#define W2C__MEM_RELOAD() (mb = mem0->data, ms = mem0->size)
#define W2C__MEM_CHECK(a, n) \
  if (WASM_RT_UNLIKELY((a) + (n) > ms)) W2C__TRAP(OOB)
#else
#define W2C__MEM_RELOAD() ((void)0)
#define W2C__MEM_CHECK(a, n) (void)ms
#endif

/* Segue (wasm-rt.h decides WASM_RT_USE_SEGUE): memory 0 is addressed through %gs, whose base every entry into
 * the module (export wrappers, start, funcref thunks) points at the instance's memory 0, so an access is one
 * gs-relative instruction and the base needs no register. The helpers then ignore mb. Accesses through an
 * aligned(1) type: wasm addresses need not be aligned. */
#if !W2C__BOUNDS_CHECK && defined(WASM_RT_USE_SEGUE) && WASM_RT_USE_SEGUE
#define W2C__SEGUE 1
#if defined(__clang__)
#define W2C__SEG_GS __attribute__((address_space(256)))
#define W2C__SEGUE_ADDR(a) (a)
#else
#define W2C__SEG_GS __seg_gs
/* gcc 12 drops the %gs prefix when it makes an access at a constant address >= 2^31 a movabs (moffs form): the
 * access would hit the host's address space. Such an address is hidden behind an empty asm so that it is used
 * from a register (with the prefix); constant addresses that large only occur in out-of-bounds code. */
W2C__HELPER u64 w2c__segue_opaque(u64 a) {
  __asm__("" : "+r"(a));
  return a;
}
#define W2C__SEGUE_ADDR(a) (__builtin_constant_p(a) && (a) > 0x7fffffffu ? w2c__segue_opaque(a) : (a))
#endif
typedef u16 __attribute__((aligned(1))) w2c__unaligned_u16;
typedef u32 __attribute__((aligned(1))) w2c__unaligned_u32;
typedef u64 __attribute__((aligned(1))) w2c__unaligned_u64;
typedef f32 __attribute__((aligned(1))) w2c__unaligned_f32;
typedef f64 __attribute__((aligned(1))) w2c__unaligned_f64;
typedef u8 w2c__unaligned_u8;
#define W2C__READ(t, v, mb, a) ((void)(mb), (v) = *(const W2C__SEG_GS w2c__unaligned_##t*)(uintptr_t)W2C__SEGUE_ADDR(a))
#define W2C__WRITE(t, mb, a, v) ((void)(mb), *(W2C__SEG_GS w2c__unaligned_##t*)(uintptr_t)W2C__SEGUE_ADDR(a) = (v))
/* A funcref to one of the module's own functions points at its thunk, which sets the base for callers from
 * outside (another module's call_indirect, the host). */
#define W2C__FUNCREF_TARGET(f) f##_segue
#define W2C__SEGUE_ENTER(base) \
  const uintptr_t w2c__segue_new = (uintptr_t)(base); \
  const uintptr_t w2c__segue_old = wasm_rt_segue_base(); \
  if (w2c__segue_old != w2c__segue_new) wasm_rt_segue_set_base(w2c__segue_new)
/* A zero base means no module code is below on this thread's stack (module code always runs with its memory's
 * base, never NULL), so the base is left as it is: wrgsbase costs ~35 cycles, and the host's next call into the
 * same instance then needs no write at all. */
#define W2C__SEGUE_LEAVE() \
  if (w2c__segue_old != w2c__segue_new && w2c__segue_old != 0) wasm_rt_segue_set_base(w2c__segue_old)
#else
#define W2C__SEGUE 0
#define W2C__READ(t, v, mb, a) memcpy(&(v), (mb) + (a), sizeof(t))
#define W2C__WRITE(t, mb, a, v) memcpy((mb) + (a), &(v), sizeof(t))
#define W2C__FUNCREF_TARGET(f) f
#define W2C__SEGUE_ENTER(base) ((void)0)
#define W2C__SEGUE_LEAVE() ((void)0)
#endif

#define W2C__DEFINE_LOAD(name, t) \
  W2C__HELPER t name(const u8* mb, u64 ms, u64 a) { \
    W2C__MEM_CHECK(a, sizeof(t)); \
    t v; \
    W2C__READ(t, v, mb, a); \
    return v; \
  }
#define W2C__DEFINE_STORE(name, t) \
  W2C__HELPER void name(u8* mb, u64 ms, u64 a, t v) { \
    W2C__MEM_CHECK(a, sizeof(t)); \
    W2C__WRITE(t, mb, a, v); \
  }
W2C__DEFINE_LOAD(w2c__load_u8, u8)
W2C__DEFINE_LOAD(w2c__load_u16, u16)
W2C__DEFINE_LOAD(w2c__load_u32, u32)
W2C__DEFINE_LOAD(w2c__load_u64, u64)
W2C__DEFINE_LOAD(w2c__load_f32, f32)
W2C__DEFINE_LOAD(w2c__load_f64, f64)
W2C__DEFINE_STORE(w2c__store_u8, u8)
W2C__DEFINE_STORE(w2c__store_u16, u16)
W2C__DEFINE_STORE(w2c__store_u32, u32)
W2C__DEFINE_STORE(w2c__store_u64, u64)
W2C__DEFINE_STORE(w2c__store_f32, f32)
W2C__DEFINE_STORE(w2c__store_f64, f64)

/* Bulk memory: bounds are checked before anything is written, in every mode. */
W2C__HELPER void w2c__memory_fill(wasm_rt_memory_t* m, u32 d, u32 v, u32 n) {
  if (WASM_RT_UNLIKELY((u64)d + n > m->size)) W2C__TRAP(OOB);
  if (n) memset(m->data + d, (int)(v & 0xff), n);
}
W2C__HELPER void w2c__memory_copy(wasm_rt_memory_t* dm, const wasm_rt_memory_t* sm, u32 d, u32 s, u32 n) {
  if (WASM_RT_UNLIKELY((u64)d + n > dm->size || (u64)s + n > sm->size)) W2C__TRAP(OOB);
  if (n) memmove(dm->data + d, sm->data + s, n);
}
/* Not inlined: with constant arguments gcc would warn about the copy that the bounds check makes unreachable. */
static W2C__NOINLINE W2C__UNUSED void w2c__memory_init(wasm_rt_memory_t* m, const u8* seg, u32 seg_len, u32 d, u32 s, u32 n) {
  if (WASM_RT_UNLIKELY((u64)s + n > seg_len || (u64)d + n > m->size)) W2C__TRAP(OOB);
  if (n) memcpy(m->data + d, seg + s, n);
}

/* memory.init/table.init of a segment that is empty for good (active ones after instantiation): only the bounds
 * checks remain. */
W2C__HELPER void w2c__memory_init_empty(wasm_rt_memory_t* m, u32 d, u32 s, u32 n) {
  if (WASM_RT_UNLIKELY(s != 0 || n != 0 || d > m->size)) W2C__TRAP(OOB);
}
W2C__HELPER void w2c__table_init_empty(u32 size, u32 d, u32 s, u32 n) {
  if (WASM_RT_UNLIKELY(s != 0 || n != 0 || d > size)) W2C__TRAP(OOB);
}

/* Bit casts keep NaN payloads. */
W2C__HELPER f32 f32_from_bits(u32 x) { f32 f; memcpy(&f, &x, 4); return f; }
W2C__HELPER f64 f64_from_bits(u64 x) { f64 f; memcpy(&f, &x, 8); return f; }
W2C__HELPER u32 f32_bits(f32 f) { u32 x; memcpy(&x, &f, 4); return x; }
W2C__HELPER u64 f64_bits(f64 f) { u64 x; memcpy(&x, &f, 8); return x; }

/* Integer division: traps on zero and on the one overflowing quotient; C's signed division is otherwise exact. */
W2C__HELPER u32 w2c__i32_div_s(u32 a, u32 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  if (WASM_RT_UNLIKELY(a == 0x80000000u && b == 0xffffffffu)) W2C__TRAP(INT_OVERFLOW);
  return (u32)((s32)a / (s32)b);
}
W2C__HELPER u32 w2c__i32_div_u(u32 a, u32 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  return a / b;
}
W2C__HELPER u32 w2c__i32_rem_s(u32 a, u32 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  if (WASM_RT_UNLIKELY(b == 0xffffffffu)) return 0;
  return (u32)((s32)a % (s32)b);
}
W2C__HELPER u32 w2c__i32_rem_u(u32 a, u32 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  return a % b;
}
W2C__HELPER u64 w2c__i64_div_s(u64 a, u64 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  if (WASM_RT_UNLIKELY(a == 0x8000000000000000ull && b == 0xffffffffffffffffull)) W2C__TRAP(INT_OVERFLOW);
  return (u64)((s64)a / (s64)b);
}
W2C__HELPER u64 w2c__i64_div_u(u64 a, u64 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  return a / b;
}
W2C__HELPER u64 w2c__i64_rem_s(u64 a, u64 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  if (WASM_RT_UNLIKELY(b == 0xffffffffffffffffull)) return 0;
  return (u64)((s64)a % (s64)b);
}
W2C__HELPER u64 w2c__i64_rem_u(u64 a, u64 b) {
  if (WASM_RT_UNLIKELY(b == 0)) W2C__TRAP(DIV_BY_ZERO);
  return a % b;
}

W2C__HELPER u32 w2c__i32_clz(u32 x) { return x ? (u32)__builtin_clz(x) : 32u; }
W2C__HELPER u32 w2c__i32_ctz(u32 x) { return x ? (u32)__builtin_ctz(x) : 32u; }
W2C__HELPER u32 w2c__i32_popcnt(u32 x) { return (u32)__builtin_popcount(x); }
W2C__HELPER u64 w2c__i64_clz(u64 x) { return x ? (u64)__builtin_clzll(x) : 64u; }
W2C__HELPER u64 w2c__i64_ctz(u64 x) { return x ? (u64)__builtin_ctzll(x) : 64u; }
W2C__HELPER u64 w2c__i64_popcnt(u64 x) { return (u64)__builtin_popcountll(x); }
W2C__HELPER u32 w2c__i32_rotl(u32 x, u32 n) { return (x << (n & 31)) | (x >> ((0u - n) & 31)); }
W2C__HELPER u32 w2c__i32_rotr(u32 x, u32 n) { return (x >> (n & 31)) | (x << ((0u - n) & 31)); }
W2C__HELPER u64 w2c__i64_rotl(u64 x, u64 n) { return (x << (n & 63)) | (x >> ((0u - n) & 63)); }
W2C__HELPER u64 w2c__i64_rotr(u64 x, u64 n) { return (x >> (n & 63)) | (x << ((0u - n) & 63)); }

/* min/max: any NaN operand gives a NaN (a + b quiets it), and -0 orders below +0. */
W2C__HELPER f32 w2c__f32_min(f32 a, f32 b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f32_from_bits(f32_bits(a) | f32_bits(b));
  return a < b ? a : b;
}
W2C__HELPER f32 w2c__f32_max(f32 a, f32 b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f32_from_bits(f32_bits(a) & f32_bits(b));
  return a > b ? a : b;
}
W2C__HELPER f64 w2c__f64_min(f64 a, f64 b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f64_from_bits(f64_bits(a) | f64_bits(b));
  return a < b ? a : b;
}
W2C__HELPER f64 w2c__f64_max(f64 a, f64 b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f64_from_bits(f64_bits(a) & f64_bits(b));
  return a > b ? a : b;
}
W2C__HELPER f32 w2c__f32_abs(f32 x) { return f32_from_bits(f32_bits(x) & 0x7fffffffu); }
W2C__HELPER f32 w2c__f32_neg(f32 x) { return f32_from_bits(f32_bits(x) ^ 0x80000000u); }
W2C__HELPER f32 w2c__f32_copysign(f32 a, f32 b) {
  return f32_from_bits((f32_bits(a) & 0x7fffffffu) | (f32_bits(b) & 0x80000000u));
}
W2C__HELPER f64 w2c__f64_abs(f64 x) { return f64_from_bits(f64_bits(x) & 0x7fffffffffffffffull); }
W2C__HELPER f64 w2c__f64_neg(f64 x) { return f64_from_bits(f64_bits(x) ^ 0x8000000000000000ull); }
W2C__HELPER f64 w2c__f64_copysign(f64 a, f64 b) {
  return f64_from_bits((f64_bits(a) & 0x7fffffffffffffffull) | (f64_bits(b) & 0x8000000000000000ull));
}

/* Rounding and precision changes: libm and constant folding may pass a signaling NaN through unchanged, so
 * NaNs are quieted explicitly (the spec wants an arithmetic NaN, canonical stays canonical). */
#define W2C__DEFINE_ROUND(name, t, fn, quiet) \
  W2C__HELPER t name(t x) { \
    if (WASM_RT_UNLIKELY(x != x)) return quiet; \
    return fn(x); \
  }
W2C__DEFINE_ROUND(w2c__f32_ceil, f32, ceilf, f32_from_bits(f32_bits(x) | 0x00400000u))
W2C__DEFINE_ROUND(w2c__f32_floor, f32, floorf, f32_from_bits(f32_bits(x) | 0x00400000u))
W2C__DEFINE_ROUND(w2c__f32_trunc, f32, truncf, f32_from_bits(f32_bits(x) | 0x00400000u))
W2C__DEFINE_ROUND(w2c__f32_nearest, f32, nearbyintf, f32_from_bits(f32_bits(x) | 0x00400000u))
W2C__DEFINE_ROUND(w2c__f64_ceil, f64, ceil, f64_from_bits(f64_bits(x) | 0x0008000000000000ull))
W2C__DEFINE_ROUND(w2c__f64_floor, f64, floor, f64_from_bits(f64_bits(x) | 0x0008000000000000ull))
W2C__DEFINE_ROUND(w2c__f64_trunc, f64, trunc, f64_from_bits(f64_bits(x) | 0x0008000000000000ull))
W2C__DEFINE_ROUND(w2c__f64_nearest, f64, nearbyint, f64_from_bits(f64_bits(x) | 0x0008000000000000ull))
W2C__HELPER f64 w2c__f64_promote_f32(f32 x) {
  if (WASM_RT_UNLIKELY(x != x)) {
    u32 b = f32_bits(x);
    return f64_from_bits(((u64)(b & 0x80000000u) << 32) | 0x7ff8000000000000ull | ((u64)(b & 0x3fffffu) << 29));
  }
  return (f64)x;
}
W2C__HELPER f32 w2c__f32_demote_f64(f64 x) {
  if (WASM_RT_UNLIKELY(x != x)) {
    u64 b = f64_bits(x);
    return f32_from_bits((u32)((b >> 32) & 0x80000000u) | 0x7fc00000u | (u32)((b >> 29) & 0x3fffffu));
  }
  return (f32)x;
}

/* A load whose value is dropped must still fault in guard-page mode: make the value an input of an empty asm. */
#if !W2C__BOUNDS_CHECK && (defined(__GNUC__) || defined(__clang__))
#define W2C__FORCE_READ(x) __asm__("" : : "r"(x))
#else
#define W2C__FORCE_READ(x) (void)(x)
#endif

/* Trapping float->int: the range test is on the float value, NaN first. Bounds are exact in both types. */
#define W2C__DEFINE_TRUNC(name, ft, it, ut, lo_ok, hi_ok) \
  W2C__HELPER ut name(ft x) { \
    if (WASM_RT_UNLIKELY(x != x)) W2C__TRAP(INVALID_CONVERSION); \
    if (WASM_RT_UNLIKELY(!((lo_ok) && (hi_ok)))) W2C__TRAP(INT_OVERFLOW); \
    return (ut)(it)x; \
  }
W2C__DEFINE_TRUNC(w2c__i32_trunc_f32_s, f32, s32, u32, x >= -2147483648.0f, x < 2147483648.0f)
W2C__DEFINE_TRUNC(w2c__i32_trunc_f32_u, f32, u32, u32, x > -1.0f, x < 4294967296.0f)
W2C__DEFINE_TRUNC(w2c__i32_trunc_f64_s, f64, s32, u32, x > -2147483649.0, x < 2147483648.0)
W2C__DEFINE_TRUNC(w2c__i32_trunc_f64_u, f64, u32, u32, x > -1.0, x < 4294967296.0)
W2C__DEFINE_TRUNC(w2c__i64_trunc_f32_s, f32, s64, u64, x >= -9223372036854775808.0f, x < 9223372036854775808.0f)
W2C__DEFINE_TRUNC(w2c__i64_trunc_f32_u, f32, u64, u64, x > -1.0f, x < 18446744073709551616.0f)
W2C__DEFINE_TRUNC(w2c__i64_trunc_f64_s, f64, s64, u64, x >= -9223372036854775808.0, x < 9223372036854775808.0)
W2C__DEFINE_TRUNC(w2c__i64_trunc_f64_u, f64, u64, u64, x > -1.0, x < 18446744073709551616.0)

#define W2C__DEFINE_TRUNC_SAT(name, ft, it, ut, lo_ok, hi_ok, lo, hi) \
  W2C__HELPER ut name(ft x) { \
    if (x != x) return 0; \
    if (!(lo_ok)) return (ut)(lo); \
    if (!(hi_ok)) return (ut)(hi); \
    return (ut)(it)x; \
  }
W2C__DEFINE_TRUNC_SAT(w2c__i32_trunc_sat_f32_s, f32, s32, u32, x >= -2147483648.0f, x < 2147483648.0f,
                      0x80000000u, 0x7fffffffu)
W2C__DEFINE_TRUNC_SAT(w2c__i32_trunc_sat_f32_u, f32, u32, u32, x > -1.0f, x < 4294967296.0f, 0u, 0xffffffffu)
W2C__DEFINE_TRUNC_SAT(w2c__i32_trunc_sat_f64_s, f64, s32, u32, x > -2147483649.0, x < 2147483648.0,
                      0x80000000u, 0x7fffffffu)
W2C__DEFINE_TRUNC_SAT(w2c__i32_trunc_sat_f64_u, f64, u32, u32, x > -1.0, x < 4294967296.0, 0u, 0xffffffffu)
W2C__DEFINE_TRUNC_SAT(w2c__i64_trunc_sat_f32_s, f32, s64, u64, x >= -9223372036854775808.0f,
                      x < 9223372036854775808.0f, 0x8000000000000000ull, 0x7fffffffffffffffull)
W2C__DEFINE_TRUNC_SAT(w2c__i64_trunc_sat_f32_u, f32, u64, u64, x > -1.0f, x < 18446744073709551616.0f, 0u,
                      0xffffffffffffffffull)
W2C__DEFINE_TRUNC_SAT(w2c__i64_trunc_sat_f64_s, f64, s64, u64, x >= -9223372036854775808.0,
                      x < 9223372036854775808.0, 0x8000000000000000ull, 0x7fffffffffffffffull)
W2C__DEFINE_TRUNC_SAT(w2c__i64_trunc_sat_f64_u, f64, u64, u64, x > -1.0, x < 18446744073709551616.0, 0u,
                      0xffffffffffffffffull)

/* References and tables. */
W2C__HELPER wasm_rt_funcref_t w2c__funcref(wasm_rt_func_type_t t, wasm_rt_function_ptr_t f, void* inst) {
  wasm_rt_funcref_t r = wasm_rt_funcref_null_value;
  r.func_type = t;
  r.func = f;
  r.module_instance = inst;
  return r;
}
W2C__HELPER int w2c__func_types_eq(wasm_rt_func_type_t a, wasm_rt_func_type_t b) {
  return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}
/* call_indirect: an index past the end is "undefined element" (OOB); a null entry or another signature is
 * CALL_INDIRECT. */
W2C__HELPER const wasm_rt_funcref_t* w2c__indirect(const wasm_rt_funcref_table_t* t, u32 i,
                                                     wasm_rt_func_type_t ft) {
  if (WASM_RT_UNLIKELY(i >= t->size)) W2C__TRAP(OOB);
  const wasm_rt_funcref_t* f = &t->data[i];
  if (WASM_RT_UNLIKELY(f->func == NULL || !w2c__func_types_eq(ft, f->func_type))) W2C__TRAP(CALL_INDIRECT);
  return f;
}
#define W2C__DEFINE_TABLE_OPS(kind, T) \
  W2C__HELPER T w2c__##kind##_table_get(const wasm_rt_##kind##_table_t* t, u32 i) { \
    if (WASM_RT_UNLIKELY(i >= t->size)) W2C__TRAP(OOB); \
    return t->data[i]; \
  } \
  W2C__HELPER void w2c__##kind##_table_set(wasm_rt_##kind##_table_t* t, u32 i, T v) { \
    if (WASM_RT_UNLIKELY(i >= t->size)) W2C__TRAP(OOB); \
    t->data[i] = v; \
  } \
  W2C__HELPER void w2c__##kind##_table_fill(wasm_rt_##kind##_table_t* t, u32 d, T v, u32 n) { \
    if (WASM_RT_UNLIKELY((u64)d + n > t->size)) W2C__TRAP(OOB); \
    for (u32 i = 0; i < n; i++) t->data[d + i] = v; \
  } \
  W2C__HELPER void w2c__##kind##_table_copy(wasm_rt_##kind##_table_t* dt, const wasm_rt_##kind##_table_t* st, \
                                              u32 d, u32 s, u32 n) { \
    if (WASM_RT_UNLIKELY((u64)d + n > dt->size || (u64)s + n > st->size)) W2C__TRAP(OOB); \
    if (n) memmove(dt->data + d, st->data + s, n * sizeof(T)); \
  } \
  static W2C__NOINLINE W2C__UNUSED void w2c__##kind##_table_init(wasm_rt_##kind##_table_t* t, const T* seg, u32 seg_len, u32 d, \
                                              u32 s, u32 n) { \
    if (WASM_RT_UNLIKELY((u64)s + n > seg_len || (u64)d + n > t->size)) W2C__TRAP(OOB); \
    if (n) memcpy(t->data + d, seg + s, n * sizeof(T)); \
  }
W2C__DEFINE_TABLE_OPS(funcref, wasm_rt_funcref_t)
W2C__DEFINE_TABLE_OPS(externref, wasm_rt_externref_t)
`;

