/*
 * The library behind the boundary-cost measurements: each function does almost nothing, so what is timed is
 * the crossing itself (TypeScript -> sandbox, sandbox -> TypeScript, data in and out).
 */
#include <string.h>

unsigned add(unsigned a, unsigned b) { return a + b; }

/* One round trip out to the host per call of cb. */
int call_int_cb(int (*cb)(int), int x) { return cb(x); }

/* n round trips out to the host inside one call into the sandbox. */
int call_cb_n(int (*cb)(int), int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) sum += cb(i);
  return sum;
}

unsigned take_string(const char* s) { return (unsigned)strlen(s); }

void fill_buffer(unsigned char* buf, unsigned n) {
  for (unsigned i = 0; i < n; i++) buf[i] = (unsigned char)(i * 7 + 1);
}
