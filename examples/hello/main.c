/*
 * The hello example's C host: runs the sandboxed mylib built by
 *     npx rlbox build examples/hello/mylib.c
 * through the generated wasm2c interface directly (no RLBox C++ layer), to show every step a host takes:
 * instantiate with the minimal WASI, run the library's constructors, call functions, pass a string through
 * sandbox memory allocated with the library's own malloc, and let the library call back into the host through
 * its function table. Every call into the sandbox happens inside a try frame, so a trap is reported, not fatal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minwasi.h"
#include "mylib.wasm.h"

static int failures = 0;

static void check(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "hello: FAILED: %s\n", what);
    failures++;
  }
}

/* Copies a NUL-terminated string out of sandbox memory, refusing one that runs past the end of the memory. */
static int copy_sandbox_string(w2c_mylib* inst, u32 ptr, char* out, size_t out_size) {
  wasm_rt_memory_t* mem = w2c_mylib_memory(inst);
  for (size_t i = 0; i < out_size; i++) {
    if ((u64)ptr + i >= mem->size) return 0;
    out[i] = (char)mem->data[ptr + i];
    if (out[i] == '\0') return 1;
  }
  return 0;
}

/* Called by the sandbox through its function table: the first argument is the funcref's module_instance. */
static void hello_cb(void* module_instance, u32 str) {
  char text[256];
  if (!copy_sandbox_string((w2c_mylib*)module_instance, str, text, sizeof text)) {
    fprintf(stderr, "hello_cb: the sandbox passed a bad string pointer 0x%x\n", str);
    failures++;
    return;
  }
  printf("hello_cb: %s\n", text);
  fflush(stdout);
}

static void run(w2c_mylib* inst) {
  w2c_mylib_hello(inst);

  u32 sum = w2c_mylib_add(inst, 3, 4);
  check(sum < 10, "add(3, 4) < 10");
  if (sum < 10) printf("Got array value %u\n", sum);
  /* The sandbox writes with write(2) through WASI: flush ours first so the lines stay in order in a pipe. */
  fflush(stdout);

  /* The string goes into sandbox memory, allocated by the library's own malloc. */
  const char* message = "hi hi!";
  u32 ptr = w2c_mylib_malloc(inst, (u32)strlen(message) + 1);
  check(ptr != 0, "malloc in the sandbox");
  if (ptr != 0) {
    wasm_rt_memory_t* mem = w2c_mylib_memory(inst);
    check((u64)ptr + strlen(message) + 1 <= mem->size, "malloc'd block inside sandbox memory");
    memcpy(mem->data + ptr, message, strlen(message) + 1);
    w2c_mylib_echo(inst, ptr);
    w2c_mylib_free(inst, ptr);
  }

  /* The callback: a new table slot holding a funcref whose type is the module's own (i32) -> () type. */
  wasm_rt_funcref_table_t* table = w2c_mylib_0x5F_indirect_function_table(inst);
  wasm_rt_funcref_t cb = wasm_rt_funcref_null_value;
  cb.func_type = wasm2c_mylib_get_func_type(1, 0, WASM_RT_I32);
  cb.func = (wasm_rt_function_ptr_t)hello_cb;
  cb.module_instance = inst;
  check(cb.func_type != NULL, "the module declares the callback type (i32) -> ()");
  u32 slot = wasm_rt_grow_funcref_table(table, 1, cb);
  check(slot != (u32)-1, "growing the function table");
  if (cb.func_type != NULL && slot != (u32)-1) {
    w2c_mylib_call_cb(inst, slot);
    table->data[slot] = wasm_rt_funcref_null_value;
  }
}

int main(void) {
  wasm_rt_init();

  struct w2c_wasi__snapshot__preview1 wasi;
  w2c_mylib inst;
  volatile int instantiated = 0;

  wasm_rt_try_frame_t frame;
  int trap = WASM_RT_TRY(frame);
  if (trap == 0) {
    minwasi_init(&wasi);
    wasm2c_mylib_instantiate(&inst, &wasi);
    instantiated = 1;
    /* WASI checks every pointer the sandbox passes against the instance's memory. */
    minwasi_set_memory(&wasi, w2c_mylib_memory(&inst));
    /* A --no-entry library: its constructors run once, before any other call. */
    w2c_mylib_0x5F_wasm_call_ctors(&inst);
    run(&inst);
  }
  wasm_rt_try_end(&frame);
  if (trap != 0) {
    fprintf(stderr, "hello: the sandbox trapped: %s\n", wasm_rt_strerror((wasm_rt_trap_t)trap));
    failures++;
  }

  if (instantiated) wasm2c_mylib_free(&inst);
  wasm_rt_free();
  return failures == 0 ? 0 : 1;
}
