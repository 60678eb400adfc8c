/*
 * SQLite (the amalgamation the npm package `better-sqlite3` ships), built with SQLITE_OS_OTHER: an in-memory
 * database needs no files, so the only OS layer is the tiny VFS below (no file can be opened; time and
 * randomness are fixed so every variant does identical work). Memory comes from SQLite's own memsys5 allocator
 * on one heap block, so native and sandboxed builds run the same allocator code too.
 *
 * The work for `size` (thousands of rows): inserts in one transaction through a prepared statement, an index,
 * range queries through the index (one per ten rows, ~20 rows each), updates, and GROUP BY aggregates.
 * Only integer results enter the checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

#define HEAP_BYTES (96u << 20)

static int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  (void)vfs; (void)name; (void)file; (void)flags; (void)out_flags;
  return SQLITE_CANTOPEN;
}
static int vfs_delete(sqlite3_vfs* vfs, const char* name, int sync) { (void)vfs; (void)name; (void)sync; return SQLITE_IOERR_DELETE; }
static int vfs_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  (void)vfs; (void)name; (void)flags;
  *out = 0;
  return SQLITE_OK;
}
static int vfs_full_pathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
  (void)vfs;
  snprintf(out, (size_t)n, "%s", name);
  return SQLITE_OK;
}
static int vfs_randomness(sqlite3_vfs* vfs, int n, char* out) {
  (void)vfs;
  for (int i = 0; i < n; i++) out[i] = (char)(i * 131 + 7);
  return n;
}
static int vfs_sleep(sqlite3_vfs* vfs, int us) { (void)vfs; return us; }
static int vfs_current_time(sqlite3_vfs* vfs, double* out) { (void)vfs; *out = 2461000.5; return SQLITE_OK; }
static int vfs_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  (void)vfs;
  *out = (sqlite3_int64)2461000 * 86400000 + 43200000;
  return SQLITE_OK;
}
static int vfs_last_error(sqlite3_vfs* vfs, int n, char* out) { (void)vfs; if (n > 0) out[0] = 0; return 0; }

static sqlite3_vfs bench_vfs = {
  2, (int)sizeof(sqlite3_file), 512, NULL, "bench", NULL,
  vfs_open, vfs_delete, vfs_access, vfs_full_pathname,
  NULL, NULL, NULL, NULL,
  vfs_randomness, vfs_sleep, vfs_current_time, vfs_last_error, vfs_current_time_int64,
  NULL, NULL, NULL,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&bench_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

static uint64_t checksum = 1469598103934665603ull;
static void mix(uint64_t v) { checksum = (checksum ^ v) * 1099511628211ull; }

static int exec(sqlite3* db, const char* sql) {
  char* err = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "sqlite driver: %s: %s\n", sql, err ? err : "?");
    sqlite3_free(err);
  }
  return rc;
}

static sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "sqlite driver: %s: %s\n", sql, sqlite3_errmsg(db));
    return NULL;
  }
  return st;
}

static void* heap = NULL;

static int configure(void) {
  heap = malloc(HEAP_BYTES);
  if (heap == NULL) return SQLITE_NOMEM;
  int rc = sqlite3_config(SQLITE_CONFIG_HEAP, heap, (int)HEAP_BYTES, 64);
  if (rc == SQLITE_OK) rc = sqlite3_initialize();
  return rc;
}

uint64_t bench_run(int size) {
  if (heap == NULL && configure() != SQLITE_OK) return 0;
  const int rows = size * 1000;
  checksum = 1469598103934665603ull;
  sqlite3* db = NULL;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) return 0;
  if (exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c INTEGER)") != SQLITE_OK) return 0;

  exec(db, "BEGIN");
  sqlite3_stmt* ins = prepare(db, "INSERT INTO t(id, a, b, c) VALUES (?1, ?2, ?3, ?4)");
  if (ins == NULL) return 0;
  char text[64];
  uint32_t x = 7;
  for (int i = 0; i < rows; i++) {
    x = x * 1664525u + 1013904223u;
    /* SQLite's own formatter, not libc's: every variant then runs the same code here (wasi-libc's printf
     * costs twice glibc's, which would measure the two libcs, not SQLite). */
    sqlite3_snprintf((int)sizeof text, text, "row-%d-%08x", i, x);
    sqlite3_bind_int(ins, 1, i);
    sqlite3_bind_int(ins, 2, (int)(x % 1000000));
    sqlite3_bind_text(ins, 3, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)i * 3);
    if (sqlite3_step(ins) != SQLITE_DONE) return 0;
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  exec(db, "COMMIT");
  exec(db, "CREATE INDEX t_a ON t(a)");

  sqlite3_stmt* range = prepare(db, "SELECT count(*), sum(c), max(length(b)) FROM t WHERE a BETWEEN ?1 AND ?2");
  if (range == NULL) return 0;
  /* Each range holds about 20 rows whatever the table size, so the work grows with the row count. */
  const int window = 20000000 / rows;
  for (int q = 0; q < rows / 10; q++) {
    x = x * 1664525u + 1013904223u;
    int lo = (int)(x % 1000000);
    sqlite3_bind_int(range, 1, lo);
    sqlite3_bind_int(range, 2, lo + window);
    if (sqlite3_step(range) == SQLITE_ROW) {
      mix((uint64_t)sqlite3_column_int64(range, 0));
      mix((uint64_t)sqlite3_column_int64(range, 1));
      mix((uint64_t)sqlite3_column_int64(range, 2));
    }
    sqlite3_reset(range);
  }
  sqlite3_finalize(range);

  exec(db, "BEGIN");
  exec(db, "UPDATE t SET c = c + a % 97 WHERE a % 5 = 3");
  exec(db, "UPDATE t SET b = b || '-u' WHERE id % 11 = 0");
  exec(db, "COMMIT");

  sqlite3_stmt* agg = prepare(db, "SELECT a % 100, count(*), sum(c), min(b) < max(b) FROM t GROUP BY 1 ORDER BY 1");
  if (agg == NULL) return 0;
  while (sqlite3_step(agg) == SQLITE_ROW) {
    for (int col = 0; col < 4; col++) mix((uint64_t)sqlite3_column_int64(agg, col));
  }
  sqlite3_finalize(agg);
  sqlite3_close(db);
  return checksum;
}
