// What a build is asked to do, and the defaults that turn a bare `rlbox build mylib.c` into a full request.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { BuildError } from './errors.js';
import type { ProgressEvent } from './progress.js';

export interface BuildOptions {
  /** The library's C sources (at least one). */
  readonly sources: readonly string[];
  /** Library name: file names `lib<name>_sandbox.so`, ... and the C module name. Default: first source's base name. */
  readonly name?: string;
  /** Output directory. Default: `build/` next to the first source. */
  readonly outDir?: string;
  /** Extra flags for compiling the library's sources (wasm and native), after the default `-O2`. */
  readonly cflags?: readonly string[];
  readonly includeDirs?: readonly string[];
  /** `NAME` or `NAME=VALUE`. */
  readonly defines?: readonly string[];
  /** Size of the wasm shadow stack in bytes (default 1 MiB). */
  readonly stackSize?: number;
  /** Host C compiler (default: $CC, clang, gcc, cc). */
  readonly cc?: string;
  /** Split the generated C into this many files, compiled in parallel (default 1: one file, best inlining). */
  readonly split?: number;
  /** Compile the sandbox with explicit bounds checks instead of guard pages. */
  readonly boundsChecks?: boolean;
  /**
   * Address linear memory through the %gs segment base ("Segue", x86-64 Linux, guard pages only). Default: the
   * runtime's choice per compiler (on with gcc, off with clang: docs/BUILD.md has the measurements).
   */
  readonly segue?: boolean;
  /** Parallel compiler processes (default: the number of CPUs). */
  readonly jobs?: number;
  /** Rebuild every step even when its inputs did not change. */
  readonly force?: boolean;
  /** Directory relative paths are resolved against (default: process.cwd()). */
  readonly cwd?: string;
  /** Progress of each step (start, then done / up to date / failed); render with formatProgress(). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Compiler warnings of successful steps; default: none. The CLI passes them to stderr. */
  readonly onWarnings?: (text: string) => void;
  /** Ask compilers for colored diagnostics (the CLI sets this when stderr is a terminal). */
  readonly color?: boolean;
  /** Environment for tool lookup (RLBOX_CLANG, RLBOX_WASI_SYSROOT, CC, AR, PATH); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export const DEFAULT_STACK_SIZE = 1024 * 1024;

export interface ResolvedOptions {
  readonly sources: readonly string[];
  readonly name: string;
  readonly outDir: string;
  readonly cflags: readonly string[];
  readonly includeDirs: readonly string[];
  readonly defines: readonly string[];
  readonly stackSize: number;
  readonly cc?: string;
  readonly split: number;
  readonly boundsChecks: boolean;
  readonly segue?: boolean;
  readonly jobs: number;
  readonly force: boolean;
  readonly cwd: string;
  readonly progress: (event: ProgressEvent) => void;
  readonly warnings: (text: string) => void;
  readonly color: boolean;
  readonly env: NodeJS.ProcessEnv;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function resolveOptions(o: BuildOptions): ResolvedOptions {
  const cwd = resolve(o.cwd ?? process.cwd());
  if (o.sources.length === 0) throw new BuildError('no C source given (usage: rlbox build mylib.c [more.c] ...)');
  const sources = o.sources.map((s) => resolve(cwd, s));
  for (const s of sources) {
    if (!existsSync(s)) throw new BuildError(`source file ${s} does not exist`);
    if (!statSync(s).isFile()) throw new BuildError(`${s} is not a file`);
  }
  const first = sources[0]!;
  const name = o.name ?? basename(first, extname(first));
  if (!NAME_RE.test(name)) {
    throw new BuildError(`library name '${name}' must start with a letter or '_' and use only letters, digits, '_', '.', '-' (use --name)`);
  }
  const stackSize = o.stackSize ?? DEFAULT_STACK_SIZE;
  if (!Number.isInteger(stackSize) || stackSize < 4096 || stackSize % 16 !== 0 || stackSize > 256 * 1024 * 1024) {
    throw new BuildError(`stack size ${stackSize} must be a multiple of 16 between 4096 and 256 MiB`);
  }
  const split = o.split ?? 1;
  if (!Number.isInteger(split) || split < 1 || split > 64) throw new BuildError(`--split must be a whole number from 1 to 64, got ${split}`);
  const jobs = o.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new BuildError(`--jobs must be a positive integer, got ${jobs}`);
  if (o.segue === true && o.boundsChecks === true) {
    throw new BuildError('--segue needs guard pages; it cannot be combined with --bounds-checks');
  }
  for (const d of o.defines ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(=.*)?$/.test(d)) throw new BuildError(`define '${d}' is not NAME or NAME=VALUE`);
  }
  return {
    sources,
    name,
    outDir: resolve(cwd, o.outDir ?? join(dirname(first), 'build')),
    cflags: [...(o.cflags ?? [])],
    includeDirs: (o.includeDirs ?? []).map((d) => resolve(cwd, d)),
    defines: [...(o.defines ?? [])],
    stackSize,
    ...(o.cc !== undefined ? { cc: o.cc } : {}),
    split,
    boundsChecks: o.boundsChecks ?? false,
    ...(o.segue !== undefined ? { segue: o.segue } : {}),
    jobs,
    force: o.force ?? false,
    cwd,
    progress: o.onProgress ?? (() => {}),
    warnings: o.onWarnings ?? (() => {}),
    color: o.color ?? false,
    env: o.env ?? process.env,
  };
}

/** The flags the library's own sources are compiled with, wasm and native alike: -O2, then the user's. */
export function userCompileFlags(o: ResolvedOptions): string[] {
  return ['-O2', ...o.includeDirs.map((d) => `-I${d}`), ...o.defines.map((d) => `-D${d}`), ...o.cflags];
}
