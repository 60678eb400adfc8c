// The hello example's C++ host: the same steps as main.c (see there), written as a C++ program would, with the
// sandbox instance owned by an RAII wrapper. Built with `make -C examples/hello run-cpp`.
#include <cstdio>
#include <cstring>
#include <string>

#include "minwasi.h"
#include "mylib.wasm.h"

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "hello: FAILED: %s\n", what);
    failures++;
  }
}

// Reads a NUL-terminated string from sandbox memory; false when it would run past the end of the memory.
bool sandbox_string(w2c_mylib* inst, u32 ptr, std::string& out) {
  const wasm_rt_memory_t* mem = w2c_mylib_memory(inst);
  out.clear();
  for (u64 i = ptr; i < mem->size && out.size() < 4096; i++) {
    char c = static_cast<char>(mem->data[i]);
    if (c == '\0') return true;
    out.push_back(c);
  }
  return false;
}

extern "C" void hello_cb(void* module_instance, u32 str) {
  std::string text;
  if (!sandbox_string(static_cast<w2c_mylib*>(module_instance), str, text)) {
    std::fprintf(stderr, "hello_cb: the sandbox passed a bad string pointer 0x%x\n", str);
    failures++;
    return;
  }
  std::printf("hello_cb: %s\n", text.c_str());
  std::fflush(stdout);
}

// Runs one call into the sandbox inside a try frame. A trap longjmps back here, so nothing between this frame and
// the generated code may own a C++ object with a destructor: `call` is a lambda over plain values.
template <typename F>
bool sandboxed(const char* what, F&& call) {
  wasm_rt_try_frame_t frame;
  int trap = WASM_RT_TRY(frame);
  if (trap == 0) call();
  wasm_rt_try_end(&frame);
  if (trap != 0) {
    std::fprintf(stderr, "hello: %s trapped: %s\n", what, wasm_rt_strerror(static_cast<wasm_rt_trap_t>(trap)));
    failures++;
  }
  return trap == 0;
}

// One sandbox instance: WASI state, instance memory and tables; freed when it goes out of scope.
class Sandbox {
 public:
  Sandbox() = default;
  ~Sandbox() {
    if (instantiated_) wasm2c_mylib_free(&inst_);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  bool open() {
    minwasi_init(&wasi_);
    if (!sandboxed("instantiate", [this] { wasm2c_mylib_instantiate(&inst_, &wasi_); })) return false;
    instantiated_ = true;
    minwasi_set_memory(&wasi_, w2c_mylib_memory(&inst_));
    // A --no-entry library: its constructors run once, before any other call.
    return sandboxed("constructors", [this] { w2c_mylib_0x5F_wasm_call_ctors(&inst_); });
  }
  w2c_mylib* get() { return &inst_; }

 private:
  w2c_wasi__snapshot__preview1 wasi_{};
  w2c_mylib inst_{};
  bool instantiated_ = false;
};

void run(w2c_mylib* inst) {
  sandboxed("hello", [inst] { w2c_mylib_hello(inst); });

  u32 sum = 0;
  if (sandboxed("add", [inst, &sum] { sum = w2c_mylib_add(inst, 3, 4); })) {
    check(sum < 10, "add(3, 4) < 10");
    if (sum < 10) std::printf("Got array value %u\n", sum);
    // The sandbox writes with write(2) through WASI: flush ours first so the lines stay in order in a pipe.
    std::fflush(stdout);
  }

  // The string goes into sandbox memory, allocated by the library's own malloc.
  const std::string message = "hi hi!";
  const u32 size = static_cast<u32>(message.size() + 1);
  u32 ptr = 0;
  if (sandboxed("malloc", [inst, size, &ptr] { ptr = w2c_mylib_malloc(inst, size); }) && ptr != 0) {
    wasm_rt_memory_t* mem = w2c_mylib_memory(inst);
    if (u64{ptr} + size <= mem->size) {
      std::memcpy(mem->data + ptr, message.c_str(), size);
      sandboxed("echo", [inst, ptr] { w2c_mylib_echo(inst, ptr); });
    } else {
      check(false, "malloc'd block inside sandbox memory");
    }
    sandboxed("free", [inst, ptr] { w2c_mylib_free(inst, ptr); });
  } else {
    check(false, "malloc in the sandbox");
  }

  // The callback: a new table slot holding a funcref whose type is the module's own (i32) -> () type.
  wasm_rt_funcref_table_t* table = w2c_mylib_0x5F_indirect_function_table(inst);
  wasm_rt_funcref_t cb = wasm_rt_funcref_null_value;
  cb.func_type = wasm2c_mylib_get_func_type(1, 0, WASM_RT_I32);
  cb.func = reinterpret_cast<wasm_rt_function_ptr_t>(&hello_cb);
  cb.module_instance = inst;
  check(cb.func_type != nullptr, "the module declares the callback type (i32) -> ()");
  const u32 slot = wasm_rt_grow_funcref_table(table, 1, cb);
  check(slot != static_cast<u32>(-1), "growing the function table");
  if (cb.func_type != nullptr && slot != static_cast<u32>(-1)) {
    sandboxed("call_cb", [inst, slot] { w2c_mylib_call_cb(inst, slot); });
    table->data[slot] = wasm_rt_funcref_null_value;
  }
}

}  // namespace

int main() {
  wasm_rt_init();
  {
    Sandbox sandbox;
    if (sandbox.open()) run(sandbox.get());
  }
  wasm_rt_free();
  return failures == 0 ? 0 : 1;
}
