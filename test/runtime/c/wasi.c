/* The minimal WASI host called the way generated code calls its imports.
 * Usage: wasi            (all checks; also writes "hello from the sandbox" to the real stdout) */
#include "check.h"
#include "minwasi.h"
#include "wasm-rt.h"

#include <string.h>

static wasm_rt_memory_t mem;
static char captured[256];
static size_t captured_len;
static u32 captured_fd;

static uint32_t capture(void* ctx, uint32_t fd, const uint8_t* data, size_t len) {
  CHECK(ctx == &captured);
  CHECK(captured_len + len < sizeof captured);
  memcpy(captured + captured_len, data, len);
  captured_len += len;
  captured_fd = fd;
  return MINWASI_ESUCCESS;
}

static const char* input_text = "typed input";
static int64_t feed(void* ctx, uint8_t* buf, size_t len) {
  (void)ctx;
  size_t n = strlen(input_text);
  if (n > len) n = len;
  memcpy(buf, input_text, n);
  input_text += n;
  return (int64_t)n;
}

static void put32(u32 addr, u32 v) { memcpy(mem.data + addr, &v, 4); }
static u32 get32(u32 addr) {
  u32 v;
  memcpy(&v, mem.data + addr, 4);
  return v;
}
static u64 get64(u32 addr) {
  u64 v;
  memcpy(&v, mem.data + addr, 8);
  return v;
}

#define W(name) w2c_wasi__snapshot__preview1_##name

int main(void) {
  wasm_rt_init();
  wasm_rt_allocate_memory(&mem, 1, 1, false, WASM_RT_DEFAULT_PAGE_SIZE);
  struct w2c_wasi__snapshot__preview1 wasi;
  minwasi_init(&wasi);
  CHECK_EQ(W(fd_write)(&wasi, 1, 0, 0, 0), MINWASI_EFAULT); /* no memory yet: every pointer is bad */
  wasi.memory = &mem;

  /* fd_write through the sink: two iovecs at 100, strings at 200 and 300 */
  minwasi_set_output(&wasi, capture, &captured);
  memcpy(mem.data + 200, "hello ", 6);
  memcpy(mem.data + 300, "world\n", 6);
  put32(100, 200), put32(104, 6), put32(108, 300), put32(112, 6);
  CHECK_EQ(W(fd_write)(&wasi, 1, 100, 2, 120), MINWASI_ESUCCESS);
  CHECK_EQ(get32(120), 12);
  CHECK(captured_len == 12 && memcmp(captured, "hello world\n", 12) == 0 && captured_fd == 1);
  CHECK_EQ(W(fd_write)(&wasi, 2, 100, 1, 120), MINWASI_ESUCCESS);
  CHECK_EQ(captured_fd, 2);
  /* bad pointers: EFAULT and nothing written */
  size_t before = captured_len;
  put32(108, 65534); /* 6 bytes at 65534 cross the end */
  CHECK_EQ(W(fd_write)(&wasi, 1, 100, 2, 120), MINWASI_EFAULT);
  CHECK_EQ(W(fd_write)(&wasi, 1, 65532, 1, 120), MINWASI_EFAULT);
  CHECK_EQ(W(fd_write)(&wasi, 1, 0xFFFFFFF8u, 1, 120), MINWASI_EFAULT);
  CHECK_EQ(W(fd_write)(&wasi, 1, 100, 0x20000000u, 120), MINWASI_EFAULT);
  put32(108, 300);
  CHECK_EQ(W(fd_write)(&wasi, 1, 100, 2, 65535), MINWASI_EFAULT);
  CHECK_EQ(captured_len, before);
  CHECK_EQ(W(fd_write)(&wasi, 0, 100, 2, 120), MINWASI_EBADF);
  CHECK_EQ(W(fd_write)(&wasi, 3, 100, 2, 120), MINWASI_EBADF);
  CHECK_EQ(W(fd_write)(&wasi, 1, 100, 0, 120), MINWASI_ESUCCESS);
  CHECK_EQ(get32(120), 0);
  PASS("fd_write goes through the sink; bad pointers give EFAULT with no output");

  /* the default sink is the host's stdout */
  minwasi_init(&wasi);
  wasi.memory = &mem;
  memcpy(mem.data + 400, "hello from the sandbox\n", 23);
  put32(100, 400), put32(104, 23);
  fflush(stdout);
  CHECK_EQ(W(fd_write)(&wasi, 1, 100, 1, 120), MINWASI_ESUCCESS);
  CHECK_EQ(get32(120), 23);

  /* fd_read: none by default, then from a source */
  put32(100, 500), put32(104, 64);
  CHECK_EQ(W(fd_read)(&wasi, 0, 100, 1, 120), MINWASI_ESUCCESS);
  CHECK_EQ(get32(120), 0);
  minwasi_set_input(&wasi, feed, NULL);
  CHECK_EQ(W(fd_read)(&wasi, 0, 100, 1, 120), MINWASI_ESUCCESS);
  CHECK_EQ(get32(120), 11);
  CHECK(memcmp(mem.data + 500, "typed input", 11) == 0);
  CHECK_EQ(W(fd_read)(&wasi, 1, 100, 1, 120), MINWASI_EBADF);
  put32(104, 65536);
  CHECK_EQ(W(fd_read)(&wasi, 0, 100, 1, 120), MINWASI_EFAULT);
  PASS("fd_read: end of input by default, a host source when set");

  /* descriptors */
  for (u32 fd = 3; fd < 10; fd++) CHECK_EQ(W(fd_prestat_get)(&wasi, fd, 100), MINWASI_EBADF);
  CHECK_EQ(W(fd_prestat_dir_name)(&wasi, 3, 100, 10), MINWASI_EBADF);
  CHECK_EQ(W(fd_fdstat_get)(&wasi, 1, 600), MINWASI_ESUCCESS);
  CHECK_EQ(mem.data[600], 2); /* character device */
  CHECK(get64(608) & (1u << 6));  /* fd_write right */
  CHECK(!(get64(608) & (1u << 2))); /* no seek: isatty */
  CHECK_EQ(W(fd_fdstat_get)(&wasi, 0, 600), MINWASI_ESUCCESS);
  CHECK(get64(608) & (1u << 1));
  CHECK_EQ(W(fd_fdstat_get)(&wasi, 3, 600), MINWASI_EBADF);
  CHECK_EQ(W(fd_fdstat_get)(&wasi, 1, 65530), MINWASI_EFAULT);
  CHECK_EQ(W(fd_seek)(&wasi, 1, 0, 0, 600), MINWASI_ESPIPE);
  CHECK_EQ(W(fd_seek)(&wasi, 5, 0, 0, 600), MINWASI_EBADF);
  CHECK_EQ(W(fd_close)(&wasi, 1), MINWASI_ESUCCESS);
  CHECK_EQ(W(fd_close)(&wasi, 4), MINWASI_EBADF);
  CHECK_EQ(W(fd_filestat_get)(&wasi, 2, 600), MINWASI_ESUCCESS);
  CHECK_EQ(mem.data[616], 2);
  CHECK_EQ(W(fd_readdir)(&wasi, 3, 0, 0, 0, 0), MINWASI_EBADF);
  CHECK_EQ(W(fd_renumber)(&wasi, 1, 7), MINWASI_EBADF);
  PASS("only fds 0-2 exist, as character devices; fd_prestat_get(3..) is EBADF");

  /* paths, sockets, polling, signals: refused */
  memcpy(mem.data + 700, "/etc/passwd", 11);
  CHECK_EQ(W(path_open)(&wasi, 3, 0, 700, 11, 0, ~0ull, ~0ull, 0, 720), MINWASI_ENOTCAPABLE);
  CHECK_EQ(W(path_open)(&wasi, 0, 0, 700, 11, 0, ~0ull, ~0ull, 0, 720), MINWASI_ENOTCAPABLE);
  CHECK_EQ(W(path_unlink_file)(&wasi, 3, 700, 11), MINWASI_ENOTCAPABLE);
  CHECK_EQ(W(path_filestat_get)(&wasi, 3, 0, 700, 11, 720), MINWASI_ENOTCAPABLE);
  CHECK_EQ(W(sock_send)(&wasi, 1, 0, 0, 0, 0), MINWASI_ENOTSOCK);
  CHECK_EQ(W(sock_accept)(&wasi, 9, 0, 0), MINWASI_EBADF);
  CHECK_EQ(W(poll_oneoff)(&wasi, 0, 0, 1, 0), MINWASI_ENOTSUP);
  CHECK_EQ(W(proc_raise)(&wasi, 9), MINWASI_ENOSYS);
  CHECK_EQ(W(sched_yield)(&wasi), MINWASI_ESUCCESS);
  PASS("path_open and the other path, socket and poll calls are refused");

  /* args and environment */
  static const char* const argv[] = {"prog", "x"};
  static const char* const envp[] = {"A=1"};
  wasi.argc = 2, wasi.argv = argv, wasi.envc = 1, wasi.envp = envp;
  CHECK_EQ(W(args_sizes_get)(&wasi, 800, 804), MINWASI_ESUCCESS);
  CHECK_EQ(get32(800), 2);
  CHECK_EQ(get32(804), 7);
  CHECK_EQ(W(args_get)(&wasi, 810, 830), MINWASI_ESUCCESS);
  CHECK_EQ(get32(810), 830);
  CHECK_EQ(get32(814), 835);
  CHECK(strcmp((char*)mem.data + 830, "prog") == 0 && strcmp((char*)mem.data + 835, "x") == 0);
  CHECK_EQ(W(args_get)(&wasi, 810, 65533), MINWASI_EFAULT);
  CHECK_EQ(W(environ_sizes_get)(&wasi, 800, 804), MINWASI_ESUCCESS);
  CHECK_EQ(get32(800), 1);
  CHECK_EQ(get32(804), 4);
  CHECK_EQ(W(environ_get)(&wasi, 810, 830), MINWASI_ESUCCESS);
  CHECK(strcmp((char*)mem.data + get32(810), "A=1") == 0);
  wasi.argc = 0, wasi.envc = 0;
  CHECK_EQ(W(args_sizes_get)(&wasi, 800, 804), MINWASI_ESUCCESS);
  CHECK_EQ(get32(800), 0);
  PASS("args and environ (empty by default)");

  /* clocks and randomness */
  CHECK_EQ(W(clock_time_get)(&wasi, 0, 1, 900), MINWASI_ESUCCESS);
  CHECK(get64(900) > 1600000000ull * 1000000000ull);
  CHECK_EQ(W(clock_time_get)(&wasi, 1, 1, 900), MINWASI_ESUCCESS);
  u64 t1 = get64(900);
  CHECK_EQ(W(clock_time_get)(&wasi, 1, 1, 900), MINWASI_ESUCCESS);
  CHECK(get64(900) >= t1);
  CHECK_EQ(W(clock_time_get)(&wasi, 2, 1, 900), MINWASI_ESUCCESS);
  CHECK_EQ(W(clock_time_get)(&wasi, 3, 1, 900), MINWASI_ESUCCESS);
  CHECK_EQ(W(clock_time_get)(&wasi, 4, 1, 900), MINWASI_EINVAL);
  CHECK_EQ(W(clock_time_get)(&wasi, 0, 1, 65530), MINWASI_EFAULT);
  CHECK_EQ(W(clock_res_get)(&wasi, 1, 900), MINWASI_ESUCCESS);
  CHECK(get64(900) > 0);
  CHECK_EQ(W(random_get)(&wasi, 1000, 64), MINWASI_ESUCCESS);
  CHECK_EQ(W(random_get)(&wasi, 1100, 64), MINWASI_ESUCCESS);
  CHECK(memcmp(mem.data + 1000, mem.data + 1100, 64) != 0);
  int nonzero = 0;
  for (int i = 0; i < 64; i++) nonzero += mem.data[1000 + i] != 0;
  CHECK(nonzero > 32);
  CHECK_EQ(W(random_get)(&wasi, 65500, 64), MINWASI_EFAULT);
  CHECK_EQ(W(random_get)(&wasi, 65536, 0), MINWASI_ESUCCESS);
  PASS("clock_time_get, clock_res_get and random_get");

  /* proc_exit traps EXIT and keeps the code; the host goes on */
  CHECK_EQ(minwasi_exit_code(&wasi), -1);
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) W(proc_exit)(&wasi, 42);
  wasm_rt_try_end(&frame);
  CHECK_EQ(code, WASM_RT_TRAP_EXIT);
  CHECK(wasi.exited);
  CHECK_EQ(wasi.exit_code, 42);
  CHECK_EQ(minwasi_exit_code(&wasi), 42);
  minwasi_t* heap = minwasi_create();
  CHECK(heap != NULL && heap->output == minwasi_output_host_stdio && heap->input == NULL);
  minwasi_destroy(heap);
  PASS("proc_exit traps WASM_RT_TRAP_EXIT with the code kept");

  wasm_rt_free_memory(&mem);
  return 0;
}
