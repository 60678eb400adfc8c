/*
 * Expat (the copy the npm package `node-expat` ships): generate an XML document (elements, attributes, text,
 * entities, CDATA, comments) in memory once, then parse it `size` times in 64 KiB chunks with handlers that
 * count and hash what they see. The checksum covers element names, attribute values and character data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expat.h"

#ifdef __wasi__
/* Expat mixes getpid() into its hash salt; WASI has no processes. The driver fixes the salt (XML_SetHashSalt),
   so this is never called, but xmlparse.c still references it. */
int getpid(void) { return 1; }
#endif

typedef struct {
  uint64_t hash;
  uint64_t elements;
  uint64_t attributes;
  uint64_t text_bytes;
} counts;

static uint64_t mix(uint64_t h, const char* s, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
  return h;
}

static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
  counts* c = data;
  c->elements++;
  c->hash = mix(c->hash, name, strlen(name));
  for (int i = 0; atts[i] != NULL; i += 2) {
    c->attributes++;
    c->hash = mix(c->hash, atts[i + 1], strlen(atts[i + 1]));
  }
}

static void XMLCALL on_end(void* data, const XML_Char* name) {
  counts* c = data;
  c->hash = (c->hash ^ (uint8_t)name[0]) * 1099511628211ull;
}

static void XMLCALL on_text(void* data, const XML_Char* s, int len) {
  counts* c = data;
  c->text_bytes += (uint64_t)len;
  c->hash = mix(c->hash, s, (size_t)len);
}

/* Appends one formatted record; the buffer grows geometrically. */
typedef struct { char* p; size_t len, cap; } text;

static void append(text* t, const char* s, size_t n) {
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1 << 16;
    while (cap < t->len + n + 1) cap *= 2;
    t->p = realloc(t->p, cap);
    t->cap = cap;
  }
  memcpy(t->p + t->len, s, n);
  t->len += n;
}

static char* generate(int records, size_t* length) {
  text t = {0};
  static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE catalog [\n"
                             "  <!ENTITY company \"Sandboxed Libraries &amp; Co\">\n]>\n<catalog version=\"2\">\n";
  append(&t, head, sizeof head - 1);
  char line[512];
  uint32_t x = 12345;
  for (int i = 0; i < records; i++) {
    x = x * 1664525u + 1013904223u;
    int n = snprintf(line, sizeof line,
                     "  <item id=\"%d\" sku=\"S-%08x\" price=\"%u.%02u\" available=\"%s\">\n"
                     "    <title lang=\"en\">Item number %d &lt;special&gt; from &company;</title>\n"
                     "    <description><![CDATA[Raw <text> for item %d, batch %u]]></description>\n"
                     "    <!-- record %d -->\n"
                     "    <tags><tag>t%u</tag><tag>t%u</tag><tag>group-%u</tag></tags>\n"
                     "  </item>\n",
                     i, x, x % 1000, x % 100, (x & 1) ? "yes" : "no", i, i, x >> 20, i,
                     x % 17, x % 31, x % 5);
    append(&t, line, (size_t)n);
  }
  static const char tail[] = "</catalog>\n";
  append(&t, tail, sizeof tail - 1);
  *length = t.len;
  return t.p;
}

#define RECORDS 4000

static uint64_t parse(const char* doc, size_t length) {
  counts c = {1469598103934665603ull, 0, 0, 0};
  XML_Parser parser = XML_ParserCreate(NULL);
  if (parser == NULL) return 0;
  /* A fixed salt: the entropy source differs between native and sandbox, the work must not. */
  XML_SetHashSalt(parser, 0x5eed);
  XML_SetUserData(parser, &c);
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  const size_t chunk = 1 << 16;
  for (size_t off = 0; off < length; off += chunk) {
    size_t n = length - off < chunk ? length - off : chunk;
    if (XML_Parse(parser, doc + off, (int)n, off + n == length) == XML_STATUS_ERROR) {
      XML_ParserFree(parser);
      return 0;
    }
  }
  XML_ParserFree(parser);
  return c.hash ^ (c.elements << 40) ^ (c.attributes << 20) ^ c.text_bytes;
}

/* The document (about 1.3 MB) is generated on the first call, so the timed call measures parsing only. */
uint64_t bench_run(int size) {
  static char* doc = NULL;
  static size_t length = 0;
  if (doc == NULL) doc = generate(RECORDS, &length);
  if (doc == NULL) return 0;
  uint64_t sum = 0;
  for (int pass = 0; pass < size; pass++) sum = sum * 31 + parse(doc, length);
  return sum;
}
