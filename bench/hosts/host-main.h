/*
 * The part every C benchmark host shares: argument parsing and the timing of one call.
 *   <host> <size> <warmup-size>
 * runs bench_setup(), one untimed call with the warm-up size (page faults, caches, lazy initialisation),
 * then one call with the real size between two clock_gettime readings, and prints one JSON line
 * {"seconds": wall, "cpuSeconds": this thread's CPU time, "checksum": "...", ...} for the harness. On a loaded
 * machine the CPU time leaves out the time spent waiting for a core, which the wall time includes. Process start-up and instantiation stay outside the
 * timed region. A host file defines bench_setup, bench_call and bench_teardown, then includes this file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int bench_setup(void);
static uint64_t bench_call(int size);
static void bench_teardown(void);

static double clock_seconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <size> <warmup-size>\n", argv[0]);
    return 2;
  }
  int size = atoi(argv[1]);
  int warmup = atoi(argv[2]);
  if (bench_setup() != 0) return 1;
  uint64_t warm_sum = warmup > 0 ? bench_call(warmup) : 0;
  double c0 = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
  double t0 = clock_seconds(CLOCK_MONOTONIC);
  uint64_t sum = bench_call(size);
  double t1 = clock_seconds(CLOCK_MONOTONIC);
  double c1 = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
  bench_teardown();
  printf("{\"seconds\": %.6f, \"cpuSeconds\": %.6f, \"checksum\": \"%016" PRIx64 "\", \"warmupChecksum\": \"%016" PRIx64
         "\"}\n",
         t1 - t0, c1 - c0, sum, warm_sum);
  return 0;
}
