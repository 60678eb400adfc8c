/* Host of the native variants: the driver and the library are linked in directly. */
#include <stdint.h>

uint64_t bench_run(int size);

static int bench_setup(void) { return 0; }
static uint64_t bench_call(int size) { return bench_run(size); }
static void bench_teardown(void) {}

#include "host-main.h"
