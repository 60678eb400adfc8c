/* A small program exercising wasi-libc through the generated code: formatted output of integers and floats,
 * the allocator, sorting with a callback (call_indirect), string functions and 64-bit arithmetic. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_desc(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x < y) - (x > y);
}

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdull;
}

int main(void) {
  int n = 1000;
  int* xs = malloc(sizeof(int) * n);
  uint32_t s = 7;
  for (int i = 0; i < n; i++) {
    s = s * 1103515245u + 12345u;
    xs[i] = (int)(s >> 8) - (1 << 22);
  }
  qsort(xs, n, sizeof(int), cmp_desc);
  printf("sorted: %d %d %d\n", xs[0], xs[n / 2], xs[n - 1]);
  free(xs);

  char buf[256];
  snprintf(buf, sizeof buf, "%s-%05d-%x-%lld", "wasm", 42, 0xbeef, -1234567890123LL);
  printf("%s len=%zu chr=%s\n", buf, strlen(buf), strchr(buf, 'b'));

  double acc = 0;
  for (int i = 1; i <= 200; i++) acc += sin(i * 0.1) / i + sqrt((double)i);
  printf("float: %.10f %.6e %g %g\n", acc, acc * 1e-7, (double)(float)acc, floor(-acc) + ceil(acc / 3));

  uint64_t h = 0;
  for (uint64_t i = 0; i < 100000; i++) h = mix(h, i * i);
  printf("hash: %016llx %llu\n", (unsigned long long)h, (unsigned long long)(h % 1000003));

  int64_t q = -9000000000000000000LL;
  printf("div: %lld %lld %lld\n", (long long)(q / 7), (long long)(q % 7), (long long)((uint64_t)q >> 3));
  return 3;
}
