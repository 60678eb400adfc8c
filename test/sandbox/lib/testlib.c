/* The untrusted library of the sandbox tests: values of every type, memory, callbacks, and misbehaviour. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned add(unsigned a, unsigned b) { return a + b; }
int32_t negate(int32_t x) { return -x; }
int64_t mul64(int64_t a, int64_t b) { return a * b; }
uint64_t max_u64(void) { return UINT64_MAX; }
float fadd(float a, float b) { return a + b; }
double half(double x) { return x / 2; }
unsigned big_u32(void) { return 4000000000u; }

size_t str_len(const char* s) { return strlen(s); }
const char* greeting(void) { return "hello, host"; }
const char* not_terminated(void) {
  static char buf[64];
  memset(buf, 'x', sizeof buf);
  return buf; /* followed by other data: no NUL within 64 bytes is all a caller may assume */
}
void to_upper(char* s) {
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z') *s -= 32;
}
int sum_array(const int* a, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += a[i];
  return s;
}
void fill_squares(int* out, int n) {
  for (int i = 0; i < n; i++) out[i] = i * i;
}
char* dup_string(const char* s) { return strdup(s); }
int print_line(const char* s) {
  int n = printf("%s\n", s);
  fflush(stdout);
  return n;
}
int print_err(const char* s) {
  int n = fprintf(stderr, "%s\n", s);
  return n;
}

int call_int_cb(int (*cb)(int), int x) { return cb(x) + 1; }
int call_twice(int (*cb)(int), int x) { return cb(cb(x)); }
void call_str_cb(void (*cb)(const char*)) { cb("from the sandbox"); }
int64_t call_i64_cb(int64_t (*cb)(int64_t, double), int64_t x) { return cb(x, 0.5) * 2; }
char* call_ptr_cb(char* (*cb)(int)) { return cb(5); }

/* Legitimate deep recursion: must not be mistaken for runaway recursion. */
__attribute__((noinline)) int depth_sum(int n) {
  volatile int keep = n;
  return n <= 0 ? 0 : keep + depth_sum(n - 1);
}

/* Misbehaviour: each must end the call with a trap and leave the host alive. */
void oob_write(void) {
  volatile char* p = (volatile char*)(uintptr_t)0x7ffffff0u;
  *p = 1;
}
void oob_read_far(void) {
  volatile int* p = (volatile int*)(uintptr_t)0xfffffff0u;
  (void)*p;
}
static volatile int depth_sink;
__attribute__((noinline)) int recurse(int n) {
  volatile char buf[64];
  buf[n & 63] = (char)n;
  depth_sink = n;
  return recurse(n + 1) + buf[(n + 1) & 63];
}
void do_exit(int code) { exit(code); }
void do_abort(void) { abort(); }
int call_null(void) {
  int (*volatile fp)(void) = 0;
  return fp();
}
int div_by(int a, int b) {
  volatile int d = b;
  return a / d;
}
int open_passwd(void) {
  FILE* f = fopen("/etc/passwd", "r");
  if (!f) return 0;
  fclose(f);
  return 1;
}

/* More parameters than the N-API entries take (16): the wasm2c backend calls this one through koffi. */
int64_t sum17(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12,
              int a13, int a14, int a15, int a16, int64_t a17) {
  return (int64_t)a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 + a16 + a17;
}
