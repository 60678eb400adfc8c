/* Memories, tables, traps and nested tries, used the way generated code and hosts use them.  Built in both
 * guard-page and bounds-check mode. */
#include "check.h"
#include "wasm-rt.h"

#include <string.h>
#include <sys/resource.h>

static wasm_rt_memory_t mem;

/* What generated code does for an i32.load with a constant offset. */
static u32 load32(wasm_rt_memory_t* m, u32 addr, u32 offset) {
  u64 ea = (u64)addr + offset;
#if WASM_RT_MEMCHECK_BOUNDS_CHECK
  if (WASM_RT_UNLIKELY(ea + 4 > m->size)) wasm_rt_trap(WASM_RT_TRAP_OOB);
#endif
  u32 v;
  memcpy(&v, m->data + ea, 4);
  return v;
}

static void store32(wasm_rt_memory_t* m, u32 addr, u32 offset, u32 v) {
  u64 ea = (u64)addr + offset;
#if WASM_RT_MEMCHECK_BOUNDS_CHECK
  if (WASM_RT_UNLIKELY(ea + 4 > m->size)) wasm_rt_trap(WASM_RT_TRAP_OOB);
#endif
  memcpy(m->data + ea, &v, 4);
}

static volatile u32 sink;

/* Runs a load at addr+offset inside a try; returns the trap code (0: none). */
static int try_load(u32 addr, u32 offset) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) sink = load32(&mem, addr, offset);
  wasm_rt_try_end(&frame);
  return code;
}

static void test_out_of_bounds(void) {
  wasm_rt_allocate_memory(&mem, 1, 4, false, WASM_RT_DEFAULT_PAGE_SIZE);
  CHECK(mem.data != NULL);
  CHECK_EQ(mem.pages, 1);
  CHECK_EQ(mem.max_pages, 4);
  CHECK_EQ(mem.size, 65536);
  CHECK_EQ(mem.page_size, 65536);
  CHECK(mem.data_end == mem.data + 65536);
  CHECK(!mem.is64);
  CHECK_EQ(try_load(0, 0), 0);
  CHECK_EQ(sink, 0);
  CHECK_EQ(try_load(65532, 0), 0);
  CHECK_EQ(try_load(65533, 0), WASM_RT_TRAP_OOB);
  CHECK_EQ(try_load(65536, 0), WASM_RT_TRAP_OOB);
  CHECK_EQ(try_load(0xFFFFFFFFu, 0xFFFFFFFFu), WASM_RT_TRAP_OOB);
  CHECK_EQ(try_load(0x80000000u, 0), WASM_RT_TRAP_OOB);
  /* the process goes on and the memory is still usable */
  store32(&mem, 100, 4, 0xdeadbeef);
  CHECK_EQ(load32(&mem, 104, 0), 0xdeadbeef);
  CHECK(wasm_rt_try_top == NULL);
  PASS("out of bounds access traps OOB inside a try and the process continues");
}

static void test_grow_and_free(void) {
  uint8_t* before = mem.data;
  CHECK_EQ(try_load(65536, 0), WASM_RT_TRAP_OOB);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 0), 1);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 2), 1);
  CHECK_EQ(mem.pages, 3);
  CHECK_EQ(mem.size, 3 * 65536);
  CHECK(mem.data_end == mem.data + mem.size);
#if WASM_RT_MEMCHECK_GUARD_PAGES
  CHECK(mem.data == before); /* guaranteed in guard-page mode */
#else
  (void)before;
#endif
  CHECK_EQ(try_load(65536, 0), 0);
  CHECK_EQ(sink, 0); /* grown memory is zeroed */
  CHECK_EQ(try_load(3 * 65536 - 4, 0), 0);
  CHECK_EQ(try_load(3 * 65536 - 3, 0), WASM_RT_TRAP_OOB);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 2), (uint64_t)-1); /* over max */
  CHECK_EQ(mem.pages, 3);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 1), 3);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 1), (uint64_t)-1);
  wasm_rt_free_memory(&mem);
  CHECK(mem.data == NULL && mem.size == 0);
  wasm_rt_free_memory(&mem); /* harmless twice */

  /* without a declared max a 32-bit memory stops at 65536 pages */
  wasm_rt_allocate_memory(&mem, 0, 65536, false, WASM_RT_DEFAULT_PAGE_SIZE);
  CHECK(mem.data != NULL);
  CHECK_EQ(try_load(0, 0), WASM_RT_TRAP_OOB);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 65537), (uint64_t)-1);
  CHECK_EQ(wasm_rt_grow_memory(&mem, 16), 0);
  CHECK_EQ(try_load(16 * 65536 - 4, 0), 0);
  wasm_rt_free_memory(&mem);

  /* reservations are returned: many instances in sequence never run out */
  for (int i = 0; i < 3000; i++) {
    wasm_rt_memory_t m;
    wasm_rt_allocate_memory(&m, 1, 65536, false, WASM_RT_DEFAULT_PAGE_SIZE);
    store32(&m, 8, 0, (u32)i);
    wasm_rt_free_memory(&m);
  }
  /* several live at once */
  wasm_rt_memory_t many[64];
  for (int i = 0; i < 64; i++) wasm_rt_allocate_memory(&many[i], 1, 2, false, WASM_RT_DEFAULT_PAGE_SIZE);
  for (int i = 0; i < 64; i++) wasm_rt_free_memory(&many[i]);

  /* memory64 and a small page size */
  wasm_rt_memory_t m64;
  wasm_rt_allocate_memory(&m64, 2, 10, true, WASM_RT_DEFAULT_PAGE_SIZE);
  CHECK(m64.is64 && m64.size == 2 * 65536);
  CHECK_EQ(wasm_rt_grow_memory(&m64, 8), 2);
  CHECK_EQ(wasm_rt_grow_memory(&m64, 1), (uint64_t)-1);
  m64.data[m64.size - 1] = 7;
  wasm_rt_free_memory(&m64);
  wasm_rt_memory_t tiny;
  wasm_rt_allocate_memory(&tiny, 3, 100, false, 1);
  CHECK_EQ(tiny.size, 3);
  tiny.data[2] = 9;
  CHECK_EQ(wasm_rt_grow_memory(&tiny, 5), 3);
  CHECK_EQ(tiny.size, 8);
  CHECK_EQ(tiny.data[2], 9);
  for (int i = 3; i < 8; i++) CHECK_EQ(tiny.data[i], 0);
  wasm_rt_free_memory(&tiny);
  PASS("grow returns the old size or -1, zeroes new pages, free releases the reservation");
}

static int depth_reached;

static void test_nested_tries(void) {
  wasm_rt_try_frame_t outer;
  volatile int inner_code = -1;
  int code = WASM_RT_TRY(outer);
  if (code == 0) {
    wasm_rt_try_frame_t inner;
    int c = WASM_RT_TRY(inner);
    if (c == 0) wasm_rt_trap(WASM_RT_TRAP_DIV_BY_ZERO);
    wasm_rt_try_end(&inner);
    inner_code = c;
    CHECK(wasm_rt_try_top == &outer);
    /* a trap raised again from a catch block reaches the enclosing frame */
    wasm_rt_try_frame_t rethrow;
    int r = WASM_RT_TRY(rethrow);
    if (r == 0) wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    wasm_rt_trap((wasm_rt_trap_t)r); /* no try_end: the trap popped `rethrow` */
  }
  wasm_rt_try_end(&outer);
  CHECK_EQ(inner_code, WASM_RT_TRAP_DIV_BY_ZERO);
  CHECK_EQ(code, WASM_RT_TRAP_UNREACHABLE);
  CHECK(wasm_rt_try_top == NULL);

  /* three levels, each catching its own trap, outermost untouched */
  wasm_rt_try_frame_t f1, f2, f3;
  int c1 = WASM_RT_TRY(f1);
  if (c1 == 0) {
    int c2 = WASM_RT_TRY(f2);
    if (c2 == 0) {
      int c3 = WASM_RT_TRY(f3);
      if (c3 == 0) wasm_rt_trap(WASM_RT_TRAP_INT_OVERFLOW);
      wasm_rt_try_end(&f3);
      CHECK_EQ(c3, WASM_RT_TRAP_INT_OVERFLOW);
      depth_reached = 3;
      wasm_rt_trap(WASM_RT_TRAP_NULL_REF);
    }
    wasm_rt_try_end(&f2);
    CHECK_EQ(c2, WASM_RT_TRAP_NULL_REF);
  }
  wasm_rt_try_end(&f1);
  CHECK_EQ(c1, 0);
  CHECK_EQ(depth_reached, 3);
  CHECK(wasm_rt_try_top == NULL);
  PASS("tries nest: inner traps stay inner, a rethrow reaches the enclosing frame");
}

static void test_tables(void) {
  wasm_rt_funcref_table_t t;
  wasm_rt_allocate_funcref_table(&t, 2, 5);
  CHECK_EQ(t.size, 2);
  CHECK_EQ(t.max_size, 5);
  CHECK(t.data[0].func == NULL && t.data[1].func_type == NULL && t.data[1].module_instance == NULL);
  wasm_rt_funcref_t f = {"ii i", (wasm_rt_function_ptr_t)test_tables, {NULL}, &t};
  CHECK_EQ(wasm_rt_grow_funcref_table(&t, 2, f), 2);
  CHECK_EQ(t.size, 4);
  CHECK(t.data[2].func == f.func && t.data[3].module_instance == &t && t.data[1].func == NULL);
  CHECK_EQ(wasm_rt_grow_funcref_table(&t, 2, f), (uint32_t)-1);
  CHECK_EQ(wasm_rt_grow_funcref_table(&t, 0, f), 4);
  CHECK_EQ(wasm_rt_grow_funcref_table(&t, 1, wasm_rt_funcref_null_value), 4);
  CHECK(t.data[4].func == NULL);
  wasm_rt_free_funcref_table(&t);
  CHECK(t.data == NULL && t.size == 0);

  wasm_rt_externref_table_t e;
  wasm_rt_allocate_externref_table(&e, 0, 0xffffffffu);
  CHECK_EQ(e.size, 0);
  CHECK_EQ(wasm_rt_grow_externref_table(&e, 3, &e), 0);
  CHECK(e.data[0] == &e && e.data[2] == &e);
  CHECK_EQ(wasm_rt_grow_externref_table(&e, 0xfffffff0u, NULL), (uint32_t)-1);
  wasm_rt_free_externref_table(&e);
  PASS("funcref and externref tables allocate, grow within max and free");
}

static void test_strerror(void) {
  for (int c = WASM_RT_TRAP_NONE; c <= WASM_RT_TRAP_OOM; c++)
    CHECK(strcmp(wasm_rt_strerror((wasm_rt_trap_t)c), "unknown trap") != 0);
  CHECK(WASM_RT_TRAP_EXHAUSTION == 10 && WASM_RT_TRAP_EXIT == 11 && WASM_RT_TRAP_OOM == 12);
  CHECK(WASM_RT_MEMCHECK_GUARD_PAGES + WASM_RT_MEMCHECK_BOUNDS_CHECK == 1);
  PASS("strerror names every code");
}

/* Last: caps the address space so that the next reservation fails. */
static void test_reservation_failure(void) {
  struct rlimit lim = {(rlim_t)1 << 31, (rlim_t)1 << 31}; /* 2 GiB: below one reservation */
  CHECK(setrlimit(RLIMIT_AS, &lim) == 0);
  wasm_rt_memory_t m;
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) wasm_rt_allocate_memory(&m, 1, 65536, false, WASM_RT_DEFAULT_PAGE_SIZE);
  wasm_rt_try_end(&frame);
  CHECK_EQ(code, WASM_RT_TRAP_OOM);
  code = WASM_RT_TRY(frame);
  if (code == 0) wasm_rt_allocate_memory(&m, 5, 4, false, WASM_RT_DEFAULT_PAGE_SIZE);
  wasm_rt_try_end(&frame);
  CHECK_EQ(code, WASM_RT_TRAP_OOM);
  PASS("a failed reservation traps WASM_RT_TRAP_OOM instead of crashing");
}

int main(void) {
  wasm_rt_init();
  CHECK(wasm_rt_is_initialized());
  test_out_of_bounds();
  test_grow_and_free();
  test_nested_tries();
  test_tables();
  test_strerror();
  test_reservation_failure();
  wasm_rt_free();
  CHECK(!wasm_rt_is_initialized());
  printf("mode %s\n", WASM_RT_MEMCHECK_GUARD_PAGES ? "guard-pages" : "bounds-check");
  return 0;
}
