/*
 * Linear memories and tables.
 *
 * Memories are address-space reservations whose accessible prefix is committed with mprotect as they grow, so
 * `data` never moves (guaranteed in guard-page mode, true in practice in bounds-check mode on 64-bit POSIX).
 * Guard-page mode reserves 8 GiB per 32-bit memory: any u32 address plus u32 offset lands inside the reservation,
 * so an out-of-bounds access always faults on a PROT_NONE page that the signal handler recognises as ours.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* MAP_NORESERVE */
#endif

#include "wasm-rt-internal.h"
#include "wasm-rt.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Memory64 cannot be fully covered by guard pages (generated code always bounds-checks it); this caps the
 * address space one memory64 reserves, and so how far it can grow. */
#ifndef WASM_RT_MEMORY64_RESERVE
#define WASM_RT_MEMORY64_RESERVE (UINT64_C(16) << 30)
#endif

#if UINTPTR_MAX == 0xffffffffffffffffu
#define USE_RESERVATION 1
#else
#define USE_RESERVATION 0 /* 32-bit hosts cannot reserve 4 GiB: bounds-check mode with malloc/realloc */
#endif

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

/* ------------------------------------------------------------------------------------------------------------ */
/* Registry of live reservations, read by the signal handler.                                                   */

#define REGISTRY_SLOTS 8192
#define SLOT_CLAIMED ((uintptr_t)1)

static _Atomic uintptr_t g_reg_base[REGISTRY_SLOTS];
static _Atomic uintptr_t g_reg_size[REGISTRY_SLOTS];
static atomic_uint g_reg_high; /* slots at or above this index have never been used */

#if WASM_RT_MEMCHECK_GUARD_PAGES
static bool registry_add(uintptr_t base, uintptr_t size) {
  for (unsigned i = 0; i < REGISTRY_SLOTS; i++) {
    uintptr_t expected = 0;
    if (atomic_compare_exchange_strong(&g_reg_base[i], &expected, SLOT_CLAIMED)) {
      atomic_store(&g_reg_size[i], size);
      atomic_store(&g_reg_base[i], base);
      unsigned high = atomic_load(&g_reg_high);
      while (high < i + 1 && !atomic_compare_exchange_weak(&g_reg_high, &high, i + 1)) {
      }
      return true;
    }
  }
  return false;
}

static void registry_remove(uintptr_t base) {
  unsigned high = atomic_load(&g_reg_high);
  for (unsigned i = 0; i < high; i++) {
    if (atomic_load(&g_reg_base[i]) == base) {
      atomic_store(&g_reg_base[i], 0);
      return;
    }
  }
}

#endif

bool wasm_rt_internal_in_reservation(uintptr_t addr) {
  unsigned high = atomic_load(&g_reg_high);
  for (unsigned i = 0; i < high; i++) {
    uintptr_t base = atomic_load(&g_reg_base[i]);
    if (base <= SLOT_CLAIMED) continue;
    uintptr_t size = atomic_load(&g_reg_size[i]);
    if (addr >= base && addr - base < size) return true;
  }
  return false;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Memories                                                                                                      */

static uint64_t host_page_size(void) {
  static uint64_t cached;
  if (cached == 0) {
    long p = sysconf(_SC_PAGESIZE);
    cached = p > 0 ? (uint64_t)p : 4096;
  }
  return cached;
}

static uint64_t round_up(uint64_t n, uint64_t to) { return (n + to - 1) / to * to; }

/* The largest byte size the memory's address width allows. */
static uint64_t address_limit(const wasm_rt_memory_t* m) {
  return m->is64 ? WASM_RT_MEMORY64_RESERVE : (UINT64_C(1) << 32);
}

#if USE_RESERVATION
static uint64_t reservation_bytes(const wasm_rt_memory_t* m) {
#if WASM_RT_MEMCHECK_GUARD_PAGES
  if (!m->is64) return WASM_RT_GUARD_RESERVATION;
#endif
  uint64_t max_bytes = m->max_pages * m->page_size;
  if (max_bytes > address_limit(m)) max_bytes = address_limit(m);
  max_bytes = round_up(max_bytes, host_page_size());
  return max_bytes == 0 ? host_page_size() : max_bytes;
}

/* Makes [old_size, new_size) accessible; the reservation's pages are fresh anonymous memory, hence zero. */
static bool commit(wasm_rt_memory_t* m, uint64_t old_size, uint64_t new_size) {
  uint64_t from = round_up(old_size, host_page_size());
  uint64_t to = round_up(new_size, host_page_size());
  if (to > from && mprotect(m->data + from, to - from, PROT_READ | PROT_WRITE) != 0) return false;
  /* With sub-host-page wasm pages the tail of the last committed host page was accessible before: clear it. */
  if (from > old_size) memset(m->data + old_size, 0, (size_t)((from < new_size ? from : new_size) - old_size));
  return true;
}
#endif

void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint64_t initial_pages, uint64_t max_pages, bool is64,
                             uint32_t page_size) {
  memset(memory, 0, sizeof *memory);
  if (page_size == 0) page_size = WASM_RT_DEFAULT_PAGE_SIZE;
  memory->page_size = page_size;
  memory->is64 = is64;
  uint64_t width_pages = address_limit(memory) / page_size;
  if (max_pages > width_pages) max_pages = width_pages;
  if (initial_pages > max_pages) wasm_rt_trap(WASM_RT_TRAP_OOM);
  memory->max_pages = max_pages;
  uint64_t size = initial_pages * page_size;
#if USE_RESERVATION
  uint64_t reserve = reservation_bytes(memory);
  void* base = mmap(NULL, (size_t)reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) wasm_rt_trap(WASM_RT_TRAP_OOM);
  memory->data = (uint8_t*)base;
  if (!commit(memory, 0, size)) {
    munmap(base, (size_t)reserve);
    memset(memory, 0, sizeof *memory);
    wasm_rt_trap(WASM_RT_TRAP_OOM);
  }
#if WASM_RT_MEMCHECK_GUARD_PAGES
  if (!registry_add((uintptr_t)base, (uintptr_t)reserve)) {
    /* Unregistered guard pages would turn an out-of-bounds access into a crash instead of a trap. */
    munmap(base, (size_t)reserve);
    memset(memory, 0, sizeof *memory);
    wasm_rt_trap(WASM_RT_TRAP_OOM);
  }
#endif
#else
  memory->data = (uint8_t*)calloc(1, size ? (size_t)size : 1);
  if (memory->data == NULL) wasm_rt_trap(WASM_RT_TRAP_OOM);
#endif
  memory->pages = initial_pages;
  memory->size = size;
  memory->data_end = memory->data + size;
}

uint64_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint64_t delta_pages) {
  uint64_t old_pages = memory->pages;
  if (delta_pages == 0) return old_pages;
  if (memory->max_pages < old_pages || delta_pages > memory->max_pages - old_pages) return (uint64_t)-1;
  uint64_t new_pages = old_pages + delta_pages;
  uint64_t page_size = memory->page_size ? memory->page_size : WASM_RT_DEFAULT_PAGE_SIZE;
  if (new_pages > address_limit(memory) / page_size) return (uint64_t)-1;
  uint64_t new_size = new_pages * page_size;
#if USE_RESERVATION
  if (new_size > reservation_bytes(memory)) return (uint64_t)-1;
  if (!commit(memory, memory->size, new_size)) return (uint64_t)-1;
#else
  if (new_size > SIZE_MAX) return (uint64_t)-1;
  uint8_t* grown = (uint8_t*)realloc(memory->data, (size_t)new_size);
  if (grown == NULL) return (uint64_t)-1;
  memset(grown + memory->size, 0, (size_t)(new_size - memory->size));
  memory->data = grown;
#endif
  memory->pages = new_pages;
  memory->size = new_size;
  memory->data_end = memory->data + new_size;
  return old_pages;
}

void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  if (memory->data != NULL) {
#if USE_RESERVATION
#if WASM_RT_MEMCHECK_GUARD_PAGES
    /* Unregister first: once unmapped the range may be reused by anyone, and its faults are no longer ours. */
    registry_remove((uintptr_t)memory->data);
#endif
    munmap(memory->data, (size_t)reservation_bytes(memory));
#else
    free(memory->data);
#endif
  }
  memset(memory, 0, sizeof *memory);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Tables                                                                                                        */

/* One implementation for both element types: the element size and the fill value are the only differences. */
static void* table_allocate(uint32_t elements, size_t elem_size) {
  if (elements == 0) return NULL;
  void* data = calloc(elements, elem_size);
  if (data == NULL) wasm_rt_trap(WASM_RT_TRAP_OOM);
  return data;
}

/* Returns the grown array or NULL; the caller fills [old, old+delta). */
static void* table_grow(void* data, uint32_t size, uint32_t max_size, uint32_t delta, size_t elem_size) {
  if (delta > max_size - size || size > max_size) return NULL;
  uint64_t count = (uint64_t)size + delta;
  if (count > SIZE_MAX / elem_size) return NULL;
  return realloc(data, (size_t)count * elem_size);
}

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t* table, uint32_t elements, uint32_t max_elements) {
  if (elements > max_elements) wasm_rt_trap(WASM_RT_TRAP_OOM);
  table->data = (wasm_rt_funcref_t*)table_allocate(elements, sizeof(wasm_rt_funcref_t));
  table->size = elements;
  table->max_size = max_elements;
}

uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t* table, uint32_t delta, wasm_rt_funcref_t init) {
  uint32_t old = table->size;
  if (delta == 0) return old;
  wasm_rt_funcref_t* grown =
      (wasm_rt_funcref_t*)table_grow(table->data, old, table->max_size, delta, sizeof(wasm_rt_funcref_t));
  if (grown == NULL) return (uint32_t)-1;
  for (uint32_t i = old; i < old + delta; i++) grown[i] = init;
  table->data = grown;
  table->size = old + delta;
  return old;
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t* table) {
  free(table->data);
  table->data = NULL;
  table->size = 0;
}

void wasm_rt_allocate_externref_table(wasm_rt_externref_table_t* table, uint32_t elements, uint32_t max_elements) {
  if (elements > max_elements) wasm_rt_trap(WASM_RT_TRAP_OOM);
  table->data = (wasm_rt_externref_t*)table_allocate(elements, sizeof(wasm_rt_externref_t));
  table->size = elements;
  table->max_size = max_elements;
}

uint32_t wasm_rt_grow_externref_table(wasm_rt_externref_table_t* table, uint32_t delta, wasm_rt_externref_t init) {
  uint32_t old = table->size;
  if (delta == 0) return old;
  wasm_rt_externref_t* grown =
      (wasm_rt_externref_t*)table_grow(table->data, old, table->max_size, delta, sizeof(wasm_rt_externref_t));
  if (grown == NULL) return (uint32_t)-1;
  for (uint32_t i = old; i < old + delta; i++) grown[i] = init;
  table->data = grown;
  table->size = old + delta;
  return old;
}

void wasm_rt_free_externref_table(wasm_rt_externref_table_t* table) {
  free(table->data);
  table->data = NULL;
  table->size = 0;
}
