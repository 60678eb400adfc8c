/*
 * LZ4 (the library the npm package `lz4` ships): compress a 1 MiB text-like buffer with LZ4_compress_default and
 * decompress it with LZ4_decompress_safe, `size` times. Each pass perturbs one byte so nothing is reused.
 * The checksum covers samples of the decompressed bytes, which must match the input's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>  /* strlen */

#include "lz4.h"

#define INPUT_SIZE (1 << 20)

static const char* const words[] = {
  "sandbox", "memory", "library", "the", "of", "wasm", "pointer", "callback", "trap", "guard", "page",
  "compiler", "a", "and", "to", "bounds", "check", "native", "table", "function", "in", "is", "for", "data",
};

static uint32_t next_random(uint32_t* state) {
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static void fill_text(char* out, uint32_t n) {
  uint32_t state = 2463534242u;
  uint32_t i = 0;
  while (i < n) {
    uint32_t r = next_random(&state);
    const char* w = words[r % (sizeof words / sizeof words[0])];
    uint32_t len = (uint32_t)strlen(w);
    for (uint32_t j = 0; j < len && i < n; j++) out[i++] = w[j];
    if (i < n) out[i++] = (r >> 8) % 11 == 0 ? '\n' : ' ';
    if ((r >> 16) % 37 == 0 && i + 4 < n) {  /* some incompressible noise */
      for (int k = 0; k < 4; k++) out[i++] = (char)('0' + (next_random(&state) % 75));
    }
  }
}

/* FNV-1a over every 61st byte: the round-trip check, written out so that the native build's vectorised
   memcmp and the sandbox's byte loop do not turn a libc difference into a difference in the figures. */
static uint64_t sample_hash(const char* p) {
  uint64_t h = 1469598103934665603ull;
  for (int i = 0; i < INPUT_SIZE; i += 61) h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
  return h;
}

uint64_t bench_run(int size) {
  static char* input = NULL;
  static char* compressed = NULL;
  static char* output = NULL;
  int bound = LZ4_compressBound(INPUT_SIZE);
  if (input == NULL) {  /* generated once: the warm-up call pays for it */
    input = malloc(INPUT_SIZE);
    compressed = malloc((size_t)bound);
    output = malloc(INPUT_SIZE);
    if (input == NULL || compressed == NULL || output == NULL) return 0;
    fill_text(input, INPUT_SIZE);
  }
  uint64_t sum = 1469598103934665603ull;
  for (int pass = 0; pass < size; pass++) {
    input[(pass * 7919u) % INPUT_SIZE] ^= (char)pass;
    int c = LZ4_compress_default(input, compressed, INPUT_SIZE, bound);
    int d = LZ4_decompress_safe(compressed, output, c, INPUT_SIZE);
    uint64_t h = sample_hash(output);
    /* Not the compressed size: LZ4 hashes 5 bytes on 64-bit targets and 4 on 32-bit ones (wasm32), so native
       and sandboxed builds find slightly different matches. The round trip must be exact on both. */
    if (d != INPUT_SIZE || h != sample_hash(input)) return 0;
    sum = (sum ^ h) * 1099511628211ull;
  }
  return sum;
}
