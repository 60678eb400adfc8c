/*
 * minwasi.h -- the minimal WASI (preview1) host shipped with the rlbox-ts runtime.
 *
 * Generated code imports `wasi_snapshot_preview1` functions as
 *     <ret> w2c_wasi__snapshot__preview1_<name>(struct w2c_wasi__snapshot__preview1*, <params>)
 * and this file defines that struct and every preview1 function.  The policy is deny-by-default: stdout/stderr go
 * to an output sink, stdin comes from an input source (none by default: EOF), clocks and randomness work, and
 * files, sockets, polling and signals are refused with a WASI errno.  docs/WASI.md lists every call's result.
 *
 * Per sandbox instance:
 *     struct w2c_wasi__snapshot__preview1 wasi;
 *     minwasi_init(&wasi);                              // or minwasi_create()
 *     wasm2c_mod_instantiate(&inst, &wasi);             // import structs in sorted module-name order
 *     wasi.memory = w2c_mod_memory(&inst);              // before any call that can reach WASI
 * proc_exit records the code and traps with WASM_RT_TRAP_EXIT: it never exits the host.
 */
#ifndef MINWASI_H_
#define MINWASI_H_

#include "wasm-rt.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Receives what the sandbox writes to fd 1 or 2.  Returns 0, or a WASI errno to report to the sandbox. */
typedef uint32_t (*minwasi_output_fn)(void* ctx, uint32_t fd, const uint8_t* data, size_t len);
/* Fills up to `len` bytes for fd 0.  Returns the count (0 = end of input), or -(WASI errno). */
typedef int64_t (*minwasi_input_fn)(void* ctx, uint8_t* buf, size_t len);

struct w2c_wasi__snapshot__preview1 {
  /* The instance's linear memory; every pointer argument is checked against it (NULL: every pointer is bad). */
  wasm_rt_memory_t* memory;
  /* Arguments and environment ("NAME=value") the sandbox sees; host-owned, must outlive the instance. */
  uint32_t argc;
  const char* const* argv;
  uint32_t envc;
  const char* const* envp;
  /* fd 1/2 sink; NULL output = discard. minwasi_init sets minwasi_output_host_stdio. */
  minwasi_output_fn output;
  void* output_ctx;
  /* fd 0 source; NULL input = always end of input (the default). */
  minwasi_input_fn input;
  void* input_ctx;
  /* Set by proc_exit. */
  uint32_t exit_code;
  bool exited;
};
typedef struct w2c_wasi__snapshot__preview1 w2c_wasi__snapshot__preview1;

/* No arguments, no environment, output to the host's stdout/stderr, no input, not exited. */
void minwasi_init(struct w2c_wasi__snapshot__preview1* wasi);
/* Heap-allocated and initialized (for hosts that cannot lay out the struct, e.g. through an FFI); NULL on OOM. */
struct w2c_wasi__snapshot__preview1* minwasi_create(void);
void minwasi_destroy(struct w2c_wasi__snapshot__preview1* wasi);
void minwasi_set_memory(struct w2c_wasi__snapshot__preview1* wasi, wasm_rt_memory_t* memory);
void minwasi_set_output(struct w2c_wasi__snapshot__preview1* wasi, minwasi_output_fn output, void* ctx);
void minwasi_set_input(struct w2c_wasi__snapshot__preview1* wasi, minwasi_input_fn input, void* ctx);
/* -1 while the sandbox has not called proc_exit, else its exit code. */
int64_t minwasi_exit_code(const struct w2c_wasi__snapshot__preview1* wasi);

/* The default sink: write(2) to the host's fd 1/2. */
uint32_t minwasi_output_host_stdio(void* ctx, uint32_t fd, const uint8_t* data, size_t len);
/* An opt-in source: read(2) from the host's fd 0. */
int64_t minwasi_input_host_stdin(void* ctx, uint8_t* buf, size_t len);

/* The WASI errno values this host returns. */
enum {
  MINWASI_ESUCCESS = 0,
  MINWASI_EACCES = 2,
  MINWASI_EBADF = 8,
  MINWASI_EFAULT = 21,
  MINWASI_EINVAL = 28,
  MINWASI_EIO = 29,
  MINWASI_ENOSYS = 52,
  MINWASI_ENOTDIR = 54,
  MINWASI_ENOTSOCK = 57,
  MINWASI_ENOTSUP = 58,
  MINWASI_ESPIPE = 70,
  MINWASI_ENOTCAPABLE = 76,
};

#define MINWASI_FN(name) w2c_wasi__snapshot__preview1_##name
typedef struct w2c_wasi__snapshot__preview1 minwasi_t;

/* Every wasi_snapshot_preview1 function, with the wasm signature wasi-libc imports (i32 -> u32, i64 -> u64). */
u32 MINWASI_FN(args_get)(minwasi_t*, u32 argv, u32 argv_buf);
u32 MINWASI_FN(args_sizes_get)(minwasi_t*, u32 argc_out, u32 argv_buf_size_out);
u32 MINWASI_FN(environ_get)(minwasi_t*, u32 environ, u32 environ_buf);
u32 MINWASI_FN(environ_sizes_get)(minwasi_t*, u32 count_out, u32 buf_size_out);
u32 MINWASI_FN(clock_res_get)(minwasi_t*, u32 clock_id, u32 resolution_out);
u32 MINWASI_FN(clock_time_get)(minwasi_t*, u32 clock_id, u64 precision, u32 time_out);
u32 MINWASI_FN(fd_advise)(minwasi_t*, u32 fd, u64 offset, u64 len, u32 advice);
u32 MINWASI_FN(fd_allocate)(minwasi_t*, u32 fd, u64 offset, u64 len);
u32 MINWASI_FN(fd_close)(minwasi_t*, u32 fd);
u32 MINWASI_FN(fd_datasync)(minwasi_t*, u32 fd);
u32 MINWASI_FN(fd_fdstat_get)(minwasi_t*, u32 fd, u32 fdstat_out);
u32 MINWASI_FN(fd_fdstat_set_flags)(minwasi_t*, u32 fd, u32 flags);
u32 MINWASI_FN(fd_fdstat_set_rights)(minwasi_t*, u32 fd, u64 rights_base, u64 rights_inheriting);
u32 MINWASI_FN(fd_filestat_get)(minwasi_t*, u32 fd, u32 filestat_out);
u32 MINWASI_FN(fd_filestat_set_size)(minwasi_t*, u32 fd, u64 size);
u32 MINWASI_FN(fd_filestat_set_times)(minwasi_t*, u32 fd, u64 atim, u64 mtim, u32 fst_flags);
u32 MINWASI_FN(fd_pread)(minwasi_t*, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out);
u32 MINWASI_FN(fd_prestat_get)(minwasi_t*, u32 fd, u32 prestat_out);
u32 MINWASI_FN(fd_prestat_dir_name)(minwasi_t*, u32 fd, u32 path, u32 path_len);
u32 MINWASI_FN(fd_pwrite)(minwasi_t*, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out);
u32 MINWASI_FN(fd_read)(minwasi_t*, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out);
u32 MINWASI_FN(fd_readdir)(minwasi_t*, u32 fd, u32 buf, u32 buf_len, u64 cookie, u32 bufused_out);
u32 MINWASI_FN(fd_renumber)(minwasi_t*, u32 fd, u32 to);
u32 MINWASI_FN(fd_seek)(minwasi_t*, u32 fd, u64 offset, u32 whence, u32 newoffset_out);
u32 MINWASI_FN(fd_sync)(minwasi_t*, u32 fd);
u32 MINWASI_FN(fd_tell)(minwasi_t*, u32 fd, u32 offset_out);
u32 MINWASI_FN(fd_write)(minwasi_t*, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out);
u32 MINWASI_FN(path_create_directory)(minwasi_t*, u32 fd, u32 path, u32 path_len);
u32 MINWASI_FN(path_filestat_get)(minwasi_t*, u32 fd, u32 flags, u32 path, u32 path_len, u32 filestat_out);
u32 MINWASI_FN(path_filestat_set_times)(minwasi_t*, u32 fd, u32 flags, u32 path, u32 path_len, u64 atim, u64 mtim,
                                        u32 fst_flags);
u32 MINWASI_FN(path_link)(minwasi_t*, u32 old_fd, u32 old_flags, u32 old_path, u32 old_path_len, u32 new_fd,
                          u32 new_path, u32 new_path_len);
u32 MINWASI_FN(path_open)(minwasi_t*, u32 fd, u32 dirflags, u32 path, u32 path_len, u32 oflags, u64 rights_base,
                          u64 rights_inheriting, u32 fdflags, u32 fd_out);
u32 MINWASI_FN(path_readlink)(minwasi_t*, u32 fd, u32 path, u32 path_len, u32 buf, u32 buf_len, u32 bufused_out);
u32 MINWASI_FN(path_remove_directory)(minwasi_t*, u32 fd, u32 path, u32 path_len);
u32 MINWASI_FN(path_rename)(minwasi_t*, u32 fd, u32 old_path, u32 old_path_len, u32 new_fd, u32 new_path,
                            u32 new_path_len);
u32 MINWASI_FN(path_symlink)(minwasi_t*, u32 old_path, u32 old_path_len, u32 fd, u32 new_path, u32 new_path_len);
u32 MINWASI_FN(path_unlink_file)(minwasi_t*, u32 fd, u32 path, u32 path_len);
u32 MINWASI_FN(poll_oneoff)(minwasi_t*, u32 in, u32 out, u32 nsubscriptions, u32 nevents_out);
WASM_RT_NO_RETURN void MINWASI_FN(proc_exit)(minwasi_t*, u32 code);
u32 MINWASI_FN(proc_raise)(minwasi_t*, u32 sig);
u32 MINWASI_FN(sched_yield)(minwasi_t*);
u32 MINWASI_FN(random_get)(minwasi_t*, u32 buf, u32 buf_len);
u32 MINWASI_FN(sock_accept)(minwasi_t*, u32 fd, u32 flags, u32 fd_out);
u32 MINWASI_FN(sock_recv)(minwasi_t*, u32 fd, u32 ri_data, u32 ri_data_len, u32 ri_flags, u32 ro_datalen_out,
                          u32 ro_flags_out);
u32 MINWASI_FN(sock_send)(minwasi_t*, u32 fd, u32 si_data, u32 si_data_len, u32 si_flags, u32 so_datalen_out);
u32 MINWASI_FN(sock_shutdown)(minwasi_t*, u32 fd, u32 how);

#ifdef __cplusplus
}
#endif

#endif /* MINWASI_H_ */
