/*
 * The minimal WASI host: see minwasi.h for the policy and docs/WASI.md for every call's result.
 *
 * Every pointer the sandbox passes is an offset into its own memory and is range-checked against memory->size
 * before use (EFAULT otherwise), so a hostile module can never make this code touch host memory.  Output is
 * validated in full before anything is written, so a bad iovec never produces partial output.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* getrandom, clock ids */
#endif

#include "minwasi.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#define FILETYPE_CHARACTER_DEVICE 2
#define RIGHT_FD_READ (UINT64_C(1) << 1)
#define RIGHT_FD_WRITE (UINT64_C(1) << 6)
#define RIGHT_FD_FILESTAT_GET (UINT64_C(1) << 21)
#define RIGHT_POLL_FD_READWRITE (UINT64_C(1) << 27)
#define CLOCK_ID_REALTIME 0
#define CLOCK_ID_MONOTONIC 1
#define CLOCK_ID_PROCESS_CPUTIME 2
#define CLOCK_ID_THREAD_CPUTIME 3

/* ------------------------------------------------------------------------------------------------------------ */
/* Setup                                                                                                         */

void minwasi_init(minwasi_t* wasi) {
  memset(wasi, 0, sizeof *wasi);
  wasi->output = minwasi_output_host_stdio;
}

minwasi_t* minwasi_create(void) {
  minwasi_t* wasi = (minwasi_t*)malloc(sizeof *wasi);
  if (wasi != NULL) minwasi_init(wasi);
  return wasi;
}

void minwasi_destroy(minwasi_t* wasi) { free(wasi); }

void minwasi_set_memory(minwasi_t* wasi, wasm_rt_memory_t* memory) { wasi->memory = memory; }

void minwasi_set_output(minwasi_t* wasi, minwasi_output_fn output, void* ctx) {
  wasi->output = output;
  wasi->output_ctx = ctx;
}

void minwasi_set_input(minwasi_t* wasi, minwasi_input_fn input, void* ctx) {
  wasi->input = input;
  wasi->input_ctx = ctx;
}

int64_t minwasi_exit_code(const minwasi_t* wasi) { return wasi->exited ? (int64_t)wasi->exit_code : -1; }

uint32_t minwasi_output_host_stdio(void* ctx, uint32_t fd, const uint8_t* data, size_t len) {
  (void)ctx;
  int host_fd = fd == 2 ? STDERR_FILENO : STDOUT_FILENO;
  while (len > 0) {
    ssize_t n = write(host_fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return MINWASI_EIO;
    }
    data += n;
    len -= (size_t)n;
  }
  return MINWASI_ESUCCESS;
}

int64_t minwasi_input_host_stdin(void* ctx, uint8_t* buf, size_t len) {
  (void)ctx;
  for (;;) {
    ssize_t n = read(STDIN_FILENO, buf, len);
    if (n >= 0) return n;
    if (errno != EINTR) return -(int64_t)MINWASI_EIO;
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Sandbox memory access: every access goes through these.                                                     */

/* The host address of [ptr, ptr+len) in sandbox memory, or NULL if any byte of it is outside. */
static uint8_t* sandbox_range(minwasi_t* wasi, u32 ptr, u64 len) {
  wasm_rt_memory_t* m = wasi->memory;
  if (m == NULL || m->data == NULL || (u64)ptr > m->size || len > m->size - (u64)ptr) return NULL;
  return m->data + ptr;
}

static bool store_u32(minwasi_t* wasi, u32 ptr, u32 value) {
  uint8_t* p = sandbox_range(wasi, ptr, 4);
  if (p == NULL) return false;
  memcpy(p, &value, 4); /* wasm is little-endian, and so are the hosts this runtime supports */
  return true;
}

static bool store_u64(minwasi_t* wasi, u32 ptr, u64 value) {
  uint8_t* p = sandbox_range(wasi, ptr, 8);
  if (p == NULL) return false;
  memcpy(p, &value, 8);
  return true;
}

static bool is_stdio(u32 fd) { return fd <= 2; }

/* ------------------------------------------------------------------------------------------------------------ */
/* Arguments and environment                                                                                     */

/* Writes `count` pointers at list_ptr and the NUL-terminated strings they point to at buf_ptr. */
static u32 write_string_list(minwasi_t* wasi, u32 count, const char* const* strings, u32 list_ptr, u32 buf_ptr) {
  if (count > 0 && sandbox_range(wasi, list_ptr, (u64)count * 4) == NULL) return MINWASI_EFAULT;
  u32 cursor = buf_ptr;
  for (u32 i = 0; i < count; i++) {
    size_t len = strlen(strings[i]) + 1;
    uint8_t* dst = sandbox_range(wasi, cursor, len);
    if (dst == NULL) return MINWASI_EFAULT;
    memcpy(dst, strings[i], len);
    store_u32(wasi, list_ptr + i * 4, cursor);
    cursor += (u32)len;
  }
  return MINWASI_ESUCCESS;
}

static u32 write_string_sizes(minwasi_t* wasi, u32 count, const char* const* strings, u32 count_out, u32 size_out) {
  u64 total = 0;
  for (u32 i = 0; i < count; i++) total += strlen(strings[i]) + 1;
  if (total > UINT32_MAX) return MINWASI_EINVAL;
  if (!store_u32(wasi, count_out, count) || !store_u32(wasi, size_out, (u32)total)) return MINWASI_EFAULT;
  return MINWASI_ESUCCESS;
}

u32 MINWASI_FN(args_get)(minwasi_t* wasi, u32 argv, u32 argv_buf) {
  return write_string_list(wasi, wasi->argc, wasi->argv, argv, argv_buf);
}

u32 MINWASI_FN(args_sizes_get)(minwasi_t* wasi, u32 argc_out, u32 argv_buf_size_out) {
  return write_string_sizes(wasi, wasi->argc, wasi->argv, argc_out, argv_buf_size_out);
}

u32 MINWASI_FN(environ_get)(minwasi_t* wasi, u32 environ, u32 environ_buf) {
  return write_string_list(wasi, wasi->envc, wasi->envp, environ, environ_buf);
}

u32 MINWASI_FN(environ_sizes_get)(minwasi_t* wasi, u32 count_out, u32 buf_size_out) {
  return write_string_sizes(wasi, wasi->envc, wasi->envp, count_out, buf_size_out);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Clocks, randomness, scheduling, process                                                                       */

static bool host_clock(u32 clock_id, clockid_t* out) {
  switch (clock_id) {
    case CLOCK_ID_REALTIME: *out = CLOCK_REALTIME; return true;
    case CLOCK_ID_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
    case CLOCK_ID_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case CLOCK_ID_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return true;
  }
  return false;
}

static u64 to_nanoseconds(const struct timespec* ts) {
  return (u64)ts->tv_sec * UINT64_C(1000000000) + (u64)ts->tv_nsec;
}

u32 MINWASI_FN(clock_res_get)(minwasi_t* wasi, u32 clock_id, u32 resolution_out) {
  clockid_t id;
  struct timespec ts;
  if (!host_clock(clock_id, &id)) return MINWASI_EINVAL;
  if (clock_getres(id, &ts) != 0) return MINWASI_EINVAL;
  return store_u64(wasi, resolution_out, to_nanoseconds(&ts)) ? MINWASI_ESUCCESS : MINWASI_EFAULT;
}

u32 MINWASI_FN(clock_time_get)(minwasi_t* wasi, u32 clock_id, u64 precision, u32 time_out) {
  (void)precision;
  clockid_t id;
  struct timespec ts;
  if (!host_clock(clock_id, &id)) return MINWASI_EINVAL;
  if (clock_gettime(id, &ts) != 0) return MINWASI_EINVAL;
  return store_u64(wasi, time_out, to_nanoseconds(&ts)) ? MINWASI_ESUCCESS : MINWASI_EFAULT;
}

static bool fill_random(uint8_t* buf, size_t len) {
#if defined(__linux__)
  while (len > 0) {
    ssize_t n = getrandom(buf, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    buf += n;
    len -= (size_t)n;
  }
  return true;
#else
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  while (len > 0) {
    ssize_t n = read(fd, buf, len);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      close(fd);
      return false;
    }
    buf += n;
    len -= (size_t)n;
  }
  close(fd);
  return true;
#endif
}

u32 MINWASI_FN(random_get)(minwasi_t* wasi, u32 buf, u32 buf_len) {
  uint8_t* dst = sandbox_range(wasi, buf, buf_len);
  if (dst == NULL) return MINWASI_EFAULT;
  return fill_random(dst, buf_len) ? MINWASI_ESUCCESS : MINWASI_EIO;
}

u32 MINWASI_FN(sched_yield)(minwasi_t* wasi) {
  (void)wasi;
  sched_yield();
  return MINWASI_ESUCCESS;
}

void MINWASI_FN(proc_exit)(minwasi_t* wasi, u32 code) {
  wasi->exit_code = code;
  wasi->exited = true;
  wasm_rt_trap(WASM_RT_TRAP_EXIT);
}

u32 MINWASI_FN(proc_raise)(minwasi_t* wasi, u32 sig) {
  (void)wasi;
  (void)sig;
  return MINWASI_ENOSYS;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Descriptors: only 0 (input), 1 and 2 (output) exist, as character devices.                                   */

/* Validates an iovec array and every buffer it names; returns the total length, or -1 on a bad pointer. */
static int64_t check_iovecs(minwasi_t* wasi, u32 iovs, u32 iovs_len) {
  const uint8_t* list = sandbox_range(wasi, iovs, (u64)iovs_len * 8);
  if (list == NULL) return -1;
  int64_t total = 0;
  for (u32 i = 0; i < iovs_len; i++) {
    u32 buf, len;
    memcpy(&buf, list + i * 8, 4);
    memcpy(&len, list + i * 8 + 4, 4);
    if (sandbox_range(wasi, buf, len) == NULL) return -1;
    total += len;
  }
  return total;
}

u32 MINWASI_FN(fd_write)(minwasi_t* wasi, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out) {
  if (fd != 1 && fd != 2) return MINWASI_EBADF;
  if (check_iovecs(wasi, iovs, iovs_len) < 0 || sandbox_range(wasi, nwritten_out, 4) == NULL) return MINWASI_EFAULT;
  u64 written = 0;
  for (u32 i = 0; i < iovs_len; i++) {
    const uint8_t* entry = wasi->memory->data + iovs + i * 8;
    u32 buf, len;
    memcpy(&buf, entry, 4);
    memcpy(&len, entry + 4, 4);
    if (len == 0) continue;
    if (wasi->output != NULL) {
      u32 err = wasi->output(wasi->output_ctx, fd, wasi->memory->data + buf, len);
      if (err != MINWASI_ESUCCESS) {
        if (written == 0) return err;
        break;
      }
    }
    written += len;
  }
  /* The sink may have grown the memory (bounds-check mode: moved it); store_u32 re-checks. */
  return store_u32(wasi, nwritten_out, (u32)written) ? MINWASI_ESUCCESS : MINWASI_EFAULT;
}

u32 MINWASI_FN(fd_read)(minwasi_t* wasi, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out) {
  if (fd != 0) return MINWASI_EBADF;
  if (check_iovecs(wasi, iovs, iovs_len) < 0 || sandbox_range(wasi, nread_out, 4) == NULL) return MINWASI_EFAULT;
  u64 total = 0;
  for (u32 i = 0; i < iovs_len && wasi->input != NULL; i++) {
    u32 buf, len;
    const uint8_t* entry = sandbox_range(wasi, iovs + i * 8, 8);
    if (entry == NULL) return MINWASI_EFAULT;
    memcpy(&buf, entry, 4);
    memcpy(&len, entry + 4, 4);
    uint8_t* dst = sandbox_range(wasi, buf, len);
    if (dst == NULL) return MINWASI_EFAULT;
    if (len == 0) continue;
    int64_t n = wasi->input(wasi->input_ctx, dst, len);
    if (n < 0) {
      if (total == 0) return (u32)-n;
      break;
    }
    if ((u64)n > len) n = len;
    total += (u64)n;
    if ((u64)n < len) break; /* a short read ends this call, like readv */
  }
  return store_u32(wasi, nread_out, (u32)total) ? MINWASI_ESUCCESS : MINWASI_EFAULT;
}

u32 MINWASI_FN(fd_fdstat_get)(minwasi_t* wasi, u32 fd, u32 fdstat_out) {
  if (!is_stdio(fd)) return MINWASI_EBADF;
  uint8_t* p = sandbox_range(wasi, fdstat_out, 24);
  if (p == NULL) return MINWASI_EFAULT;
  /* No seek/tell rights: wasi-libc's isatty() then reports a terminal, so stdout is line-buffered. */
  u64 rights = (fd == 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE) | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;
  u64 inheriting = 0;
  u16 flags = 0;
  memset(p, 0, 24);
  p[0] = FILETYPE_CHARACTER_DEVICE;
  memcpy(p + 2, &flags, 2);
  memcpy(p + 8, &rights, 8);
  memcpy(p + 16, &inheriting, 8);
  return MINWASI_ESUCCESS;
}

u32 MINWASI_FN(fd_filestat_get)(minwasi_t* wasi, u32 fd, u32 filestat_out) {
  if (!is_stdio(fd)) return MINWASI_EBADF;
  uint8_t* p = sandbox_range(wasi, filestat_out, 64);
  if (p == NULL) return MINWASI_EFAULT;
  memset(p, 0, 64);
  p[16] = FILETYPE_CHARACTER_DEVICE;
  u64 nlink = 1;
  memcpy(p + 24, &nlink, 8);
  return MINWASI_ESUCCESS;
}

u32 MINWASI_FN(fd_prestat_get)(minwasi_t* wasi, u32 fd, u32 prestat_out) {
  (void)wasi;
  (void)fd;
  (void)prestat_out;
  return MINWASI_EBADF; /* no preopened directories: wasi-libc's start-up stops probing at the first EBADF */
}

u32 MINWASI_FN(fd_prestat_dir_name)(minwasi_t* wasi, u32 fd, u32 path, u32 path_len) {
  (void)wasi;
  (void)fd;
  (void)path;
  (void)path_len;
  return MINWASI_EBADF;
}

u32 MINWASI_FN(fd_close)(minwasi_t* wasi, u32 fd) {
  (void)wasi;
  /* Closing stdio is accepted and ignored: the host's descriptors are not the sandbox's to close. */
  return is_stdio(fd) ? MINWASI_ESUCCESS : MINWASI_EBADF;
}

/* Seeking, positioned I/O and space management make no sense on a character device. */
#define STDIO_OR_BADF(fd, stdio_result) return is_stdio(fd) ? (stdio_result) : MINWASI_EBADF

u32 MINWASI_FN(fd_seek)(minwasi_t* wasi, u32 fd, u64 offset, u32 whence, u32 newoffset_out) {
  (void)wasi;
  (void)offset;
  (void)whence;
  (void)newoffset_out;
  STDIO_OR_BADF(fd, MINWASI_ESPIPE);
}

u32 MINWASI_FN(fd_tell)(minwasi_t* wasi, u32 fd, u32 offset_out) {
  (void)wasi;
  (void)offset_out;
  STDIO_OR_BADF(fd, MINWASI_ESPIPE);
}

u32 MINWASI_FN(fd_pread)(minwasi_t* wasi, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out) {
  (void)wasi;
  (void)iovs;
  (void)iovs_len;
  (void)offset;
  (void)nread_out;
  STDIO_OR_BADF(fd, MINWASI_ESPIPE);
}

u32 MINWASI_FN(fd_pwrite)(minwasi_t* wasi, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out) {
  (void)wasi;
  (void)iovs;
  (void)iovs_len;
  (void)offset;
  (void)nwritten_out;
  STDIO_OR_BADF(fd, MINWASI_ESPIPE);
}

u32 MINWASI_FN(fd_advise)(minwasi_t* wasi, u32 fd, u64 offset, u64 len, u32 advice) {
  (void)wasi;
  (void)offset;
  (void)len;
  (void)advice;
  STDIO_OR_BADF(fd, MINWASI_ESPIPE);
}

u32 MINWASI_FN(fd_allocate)(minwasi_t* wasi, u32 fd, u64 offset, u64 len) {
  (void)wasi;
  (void)offset;
  (void)len;
  STDIO_OR_BADF(fd, MINWASI_ESPIPE);
}

u32 MINWASI_FN(fd_datasync)(minwasi_t* wasi, u32 fd) {
  (void)wasi;
  STDIO_OR_BADF(fd, MINWASI_EINVAL);
}

u32 MINWASI_FN(fd_sync)(minwasi_t* wasi, u32 fd) {
  (void)wasi;
  STDIO_OR_BADF(fd, MINWASI_EINVAL);
}

u32 MINWASI_FN(fd_fdstat_set_flags)(minwasi_t* wasi, u32 fd, u32 flags) {
  (void)wasi;
  (void)flags;
  STDIO_OR_BADF(fd, MINWASI_ENOTSUP);
}

u32 MINWASI_FN(fd_fdstat_set_rights)(minwasi_t* wasi, u32 fd, u64 rights_base, u64 rights_inheriting) {
  (void)wasi;
  (void)rights_base;
  (void)rights_inheriting;
  STDIO_OR_BADF(fd, MINWASI_ENOTSUP);
}

u32 MINWASI_FN(fd_filestat_set_size)(minwasi_t* wasi, u32 fd, u64 size) {
  (void)wasi;
  (void)size;
  STDIO_OR_BADF(fd, MINWASI_EINVAL);
}

u32 MINWASI_FN(fd_filestat_set_times)(minwasi_t* wasi, u32 fd, u64 atim, u64 mtim, u32 fst_flags) {
  (void)wasi;
  (void)atim;
  (void)mtim;
  (void)fst_flags;
  STDIO_OR_BADF(fd, MINWASI_ENOTSUP);
}

u32 MINWASI_FN(fd_readdir)(minwasi_t* wasi, u32 fd, u32 buf, u32 buf_len, u64 cookie, u32 bufused_out) {
  (void)wasi;
  (void)buf;
  (void)buf_len;
  (void)cookie;
  (void)bufused_out;
  STDIO_OR_BADF(fd, MINWASI_ENOTDIR);
}

u32 MINWASI_FN(fd_renumber)(minwasi_t* wasi, u32 fd, u32 to) {
  (void)wasi;
  if (!is_stdio(fd) || !is_stdio(to)) return MINWASI_EBADF;
  return MINWASI_ENOTSUP;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Filesystem paths: there is no filesystem.  Every call is refused with ENOTCAPABLE, whatever the descriptor.  */

u32 MINWASI_FN(path_create_directory)(minwasi_t* wasi, u32 fd, u32 path, u32 path_len) {
  (void)wasi, (void)fd, (void)path, (void)path_len;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_filestat_get)(minwasi_t* wasi, u32 fd, u32 flags, u32 path, u32 path_len, u32 filestat_out) {
  (void)wasi, (void)fd, (void)flags, (void)path, (void)path_len, (void)filestat_out;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_filestat_set_times)(minwasi_t* wasi, u32 fd, u32 flags, u32 path, u32 path_len, u64 atim,
                                        u64 mtim, u32 fst_flags) {
  (void)wasi, (void)fd, (void)flags, (void)path, (void)path_len, (void)atim, (void)mtim, (void)fst_flags;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_link)(minwasi_t* wasi, u32 old_fd, u32 old_flags, u32 old_path, u32 old_path_len, u32 new_fd,
                          u32 new_path, u32 new_path_len) {
  (void)wasi, (void)old_fd, (void)old_flags, (void)old_path, (void)old_path_len, (void)new_fd, (void)new_path,
      (void)new_path_len;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_open)(minwasi_t* wasi, u32 fd, u32 dirflags, u32 path, u32 path_len, u32 oflags,
                          u64 rights_base, u64 rights_inheriting, u32 fdflags, u32 fd_out) {
  (void)wasi, (void)fd, (void)dirflags, (void)path, (void)path_len, (void)oflags, (void)rights_base,
      (void)rights_inheriting, (void)fdflags, (void)fd_out;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_readlink)(minwasi_t* wasi, u32 fd, u32 path, u32 path_len, u32 buf, u32 buf_len,
                              u32 bufused_out) {
  (void)wasi, (void)fd, (void)path, (void)path_len, (void)buf, (void)buf_len, (void)bufused_out;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_remove_directory)(minwasi_t* wasi, u32 fd, u32 path, u32 path_len) {
  (void)wasi, (void)fd, (void)path, (void)path_len;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_rename)(minwasi_t* wasi, u32 fd, u32 old_path, u32 old_path_len, u32 new_fd, u32 new_path,
                            u32 new_path_len) {
  (void)wasi, (void)fd, (void)old_path, (void)old_path_len, (void)new_fd, (void)new_path, (void)new_path_len;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_symlink)(minwasi_t* wasi, u32 old_path, u32 old_path_len, u32 fd, u32 new_path,
                             u32 new_path_len) {
  (void)wasi, (void)old_path, (void)old_path_len, (void)fd, (void)new_path, (void)new_path_len;
  return MINWASI_ENOTCAPABLE;
}

u32 MINWASI_FN(path_unlink_file)(minwasi_t* wasi, u32 fd, u32 path, u32 path_len) {
  (void)wasi, (void)fd, (void)path, (void)path_len;
  return MINWASI_ENOTCAPABLE;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Polling and sockets                                                                                           */

u32 MINWASI_FN(poll_oneoff)(minwasi_t* wasi, u32 in, u32 out, u32 nsubscriptions, u32 nevents_out) {
  (void)wasi, (void)in, (void)out, (void)nsubscriptions, (void)nevents_out;
  return MINWASI_ENOTSUP; /* no blocking in the sandbox: sleep() and poll() fail */
}

/* No descriptor is a socket: stdio gets ENOTSOCK, anything else EBADF. */
#define SOCKET_RESULT(fd) return is_stdio(fd) ? MINWASI_ENOTSOCK : MINWASI_EBADF

u32 MINWASI_FN(sock_accept)(minwasi_t* wasi, u32 fd, u32 flags, u32 fd_out) {
  (void)wasi, (void)flags, (void)fd_out;
  SOCKET_RESULT(fd);
}

u32 MINWASI_FN(sock_recv)(minwasi_t* wasi, u32 fd, u32 ri_data, u32 ri_data_len, u32 ri_flags, u32 ro_datalen_out,
                          u32 ro_flags_out) {
  (void)wasi, (void)ri_data, (void)ri_data_len, (void)ri_flags, (void)ro_datalen_out, (void)ro_flags_out;
  SOCKET_RESULT(fd);
}

u32 MINWASI_FN(sock_send)(minwasi_t* wasi, u32 fd, u32 si_data, u32 si_data_len, u32 si_flags, u32 so_datalen_out) {
  (void)wasi, (void)si_data, (void)si_data_len, (void)si_flags, (void)so_datalen_out;
  SOCKET_RESULT(fd);
}

u32 MINWASI_FN(sock_shutdown)(minwasi_t* wasi, u32 fd, u32 how) {
  (void)wasi, (void)how;
  SOCKET_RESULT(fd);
}
