// The benchmark workloads: a small C driver per workload (bench/workloads/<name>/driver.c, exporting
// `uint64_t bench_run(int size)`, which returns a checksum) plus the sources of a real library fetched from npm.
import { join } from 'node:path';
import { fetchPackage, type NpmPackage } from './sources.js';

export interface Sizes {
  /** Argument of the timed bench_run call. */
  readonly size: number;
  /** Argument of the untimed warm-up call before it. */
  readonly warmup: number;
}

export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly package?: NpmPackage;
  /** Library sources, relative to the unpacked package. */
  readonly librarySources: readonly string[];
  /** Include directories, relative to the unpacked package. */
  readonly includeDirs: readonly string[];
  readonly defines: readonly string[];
  /** Sized to run about a second natively (gcc -O2) on an idle 2-core machine. */
  readonly full: Sizes;
  readonly smoke: Sizes;
  /** For --instructions (under valgrind, ~50x slower): a small fraction of the full size, at least 2. */
  readonly instructions: Sizes;
}

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'sqlite',
    description: 'SQLite 3.50.4 (better-sqlite3 amalgamation): in-memory DB, 200k inserts in a transaction, index, 20k range queries, updates, GROUP BY',
    package: { name: 'better-sqlite3', version: '12.4.1' },
    librarySources: ['deps/sqlite3/sqlite3.c'],
    includeDirs: ['deps/sqlite3'],
    // No files, one thread, memsys5 on a single heap block: native and sandbox run identical code paths.
    defines: [
      'SQLITE_OS_OTHER=1', 'SQLITE_THREADSAFE=0', 'SQLITE_TEMP_STORE=3', 'SQLITE_ENABLE_MEMSYS5',
      'SQLITE_DEFAULT_MEMSTATUS=0', 'SQLITE_OMIT_LOAD_EXTENSION',
    ],
    full: { size: 200, warmup: 5 },
    smoke: { size: 1, warmup: 1 },
    instructions: { size: 10, warmup: 1 },
  },
  {
    name: 'lz4',
    description: 'LZ4 1.9 (npm lz4): LZ4_compress_default + LZ4_decompress_safe of 1 MiB of text, 500 passes',
    package: { name: 'lz4', version: '0.6.5' },
    librarySources: ['deps/lz4/lib/lz4.c'],
    includeDirs: ['deps/lz4/lib'],
    defines: [],
    full: { size: 500, warmup: 5 },
    smoke: { size: 2, warmup: 1 },
    instructions: { size: 25, warmup: 1 },
  },
  {
    name: 'expat',
    description: 'Expat 2.2.1 (npm node-expat): parse a generated 1.3 MB XML document 120 times with SAX handlers',
    package: { name: 'node-expat', version: '2.4.1' },
    librarySources: ['deps/libexpat/lib/xmlparse.c', 'deps/libexpat/lib/xmltok.c', 'deps/libexpat/lib/xmlrole.c'],
    includeDirs: ['deps/libexpat', 'deps/libexpat/lib'],
    defines: ['HAVE_EXPAT_CONFIG_H'],
    full: { size: 120, warmup: 2 },
    smoke: { size: 1, warmup: 1 },
    instructions: { size: 2, warmup: 1 },
  },
  {
    name: 'sha256',
    description: 'CPU kernel of our own: SHA-256 over a 64 KiB buffer, chained 4000 times (250 MiB hashed)',
    librarySources: [],
    includeDirs: [],
    defines: [],
    full: { size: 4000, warmup: 20 },
    smoke: { size: 4, warmup: 1 },
    instructions: { size: 200, warmup: 1 },
  },
];

export const SMOKE_WORKLOADS: readonly string[] = ['sha256', 'lz4'];

/** A workload with its files resolved to absolute paths (sources fetched). */
export interface ResolvedWorkload {
  readonly workload: Workload;
  readonly driver: string;
  /** Driver first, then the library's sources. */
  readonly sources: readonly string[];
  readonly includeDirs: readonly string[];
  readonly defines: readonly string[];
}

export async function resolveWorkload(w: Workload, benchDir: string, cacheDir: string): Promise<ResolvedWorkload> {
  const root = w.package ? await fetchPackage(w.package, cacheDir) : '';
  const driver = join(benchDir, 'workloads', w.name, 'driver.c');
  return {
    workload: w,
    driver,
    sources: [driver, ...w.librarySources.map((s) => join(root, s))],
    includeDirs: w.includeDirs.map((d) => join(root, d)),
    defines: w.defines,
  };
}
