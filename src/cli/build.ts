// `rlbox build`: argument parsing and printing over buildLibrary().
import { relative } from 'node:path';
import {
  buildLibrary,
  BuildError,
  CommandError,
  formatCommand,
  progressPrefix,
  progressSuffix,
  resolveOptions,
  DEFAULT_STACK_SIZE,
  type BuildOptions,
  type ProgressEvent,
} from '../build/index.js';
import { BindingsError, ClangError, formatDiagnostics, writeBuildBindings } from '../bindings/index.js';
import { parseArgs, parsePositiveInt, parseSize, splitFlags, UsageError, type OptionSpec } from './args.js';

export const BUILD_USAGE = `usage: rlbox build <file.c> [more.c ...] [options]

Builds a sandboxed library from C sources, in four steps:
  1. C -> <name>.wasm                 clang --target=wasm32-wasi, wasi-libc
  2. <name>.wasm -> <name>.wasm.c/.h  rlbox-ts's wasm2c (+ <name>.rlbox.c glue)
  3. generated C + runtime -> lib<name>_sandbox.a, lib<name>_sandbox.so
  4. C -> lib<name>_native.so         native build for the noop backend
Steps whose inputs did not change are reused. Then <name>.bindings.ts, typed TypeScript bindings, is
generated from the library's header (clang's parse of it for wasm32 and the host; see docs/BINDINGS.md).

options:
  --name NAME         library name (default: the first source's base name)
  --out DIR           output directory (default: build/ next to the first source)
  --cflags "FLAGS"    extra flags for compiling the sources (after the default -O2)
  -I DIR              include directory (repeatable)
  -D NAME[=VALUE]     preprocessor define (repeatable)
  --header FILE       the library's header, for <name>.bindings.ts (default: <name>.h or <source>.h
                      next to the sources; no bindings when there is none)
  --no-bindings       do not generate <name>.bindings.ts
  --stack-size N      wasm stack size in bytes, K/M suffixes allowed (default ${DEFAULT_STACK_SIZE / 1024 / 1024}M)
  --cc CC             host C compiler (default: $CC, clang, gcc, cc)
  --bounds-checks     check memory accesses explicitly instead of relying on guard pages
  --segue, --no-segue address linear memory through %gs (x86-64 Linux, guard pages; default: on with
                      gcc, off with clang, as measured in docs/BUILD.md)
  --split N           split the generated C into N files compiled in parallel (default 1)
  -j, --jobs N        parallel compiler processes (default: number of CPUs)
  -q, --quiet         print only errors
  --force             rebuild every step
  -h, --help          show this help

environment: RLBOX_CLANG (clang for wasm32-wasi), RLBOX_WASI_SYSROOT (wasi-libc sysroot), CC, AR`;

const SPECS: readonly OptionSpec[] = [
  { name: 'name', value: true },
  { name: 'out', short: 'o', value: true },
  { name: 'cflags', value: true, repeat: true },
  { name: 'include', short: 'I', value: true, repeat: true },
  { name: 'define', short: 'D', value: true, repeat: true },
  { name: 'header', value: true },
  { name: 'no-bindings' },
  { name: 'stack-size', value: true },
  { name: 'cc', value: true },
  { name: 'bounds-checks' },
  { name: 'segue' },
  { name: 'no-segue' },
  { name: 'split', value: true },
  { name: 'jobs', short: 'j', value: true },
  { name: 'quiet', short: 'q' },
  { name: 'force' },
  { name: 'help', short: 'h' },
];

export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
}

const defaultIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY && process.stdout.isTTY),
};

/** Build options plus what the bindings step needs. */
export type BuildCommandOptions = BuildOptions & { readonly header?: string; readonly bindings?: boolean };

/** Parses `rlbox build` arguments into build options (throws UsageError). `undefined` means --help. */
export function parseBuildArgs(argv: readonly string[]): BuildCommandOptions | undefined {
  const a = parseArgs(argv, SPECS);
  if (a.single.has('help')) return undefined;
  const str = (k: string) => {
    const v = a.single.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const bad = a.positionals.filter((p) => !/\.(c|cc|cpp|cxx|C)$/.test(p));
  if (bad.length > 0) throw new UsageError(`'${bad[0]}' is not a C source file (expected *.c)`);
  if (a.positionals.length === 0) throw new UsageError('no C source given');
  const stack = str('stack-size');
  const jobs = str('jobs');
  const split = str('split');
  return {
    sources: a.positionals,
    ...(str('name') !== undefined ? { name: str('name')! } : {}),
    ...(str('out') !== undefined ? { outDir: str('out')! } : {}),
    cflags: (a.multi.get('cflags') ?? []).flatMap(splitFlags),
    includeDirs: a.multi.get('include') ?? [],
    defines: a.multi.get('define') ?? [],
    ...(stack !== undefined ? { stackSize: parseSize(stack, '--stack-size') } : {}),
    ...(str('cc') !== undefined ? { cc: str('cc')! } : {}),
    ...(split !== undefined ? { split: parsePositiveInt(split, '--split') } : {}),
    boundsChecks: a.single.has('bounds-checks'),
    ...(a.single.has('segue') ? { segue: true } : a.single.has('no-segue') ? { segue: false } : {}),
    ...(jobs !== undefined ? { jobs: parsePositiveInt(jobs, '--jobs') } : {}),
    force: a.single.has('force'),
    ...(str('header') !== undefined ? { header: str('header')! } : {}),
    ...(a.single.has('no-bindings') ? { bindings: false } : {}),
  };
}

export async function runBuild(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let options: BuildCommandOptions | undefined;
  try {
    options = parseBuildArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rlbox build: ${e.message} (see rlbox build --help)\n`);
      return 2;
    }
    throw e;
  }
  if (!options) {
    io.out(BUILD_USAGE + '\n');
    return 0;
  }
  const quiet = argv.includes('-q') || argv.includes('--quiet');
  const cwd = process.cwd();
  // On a terminal the step's line is started before it runs and finished after; elsewhere written once.
  const onProgress = (e: ProgressEvent) => {
    if (quiet) return;
    if (e.status === 'start') {
      if (io.isTTY) io.out(`${progressPrefix(e)} `);
      return;
    }
    const finishing = io.isTTY && e.status !== 'up-to-date';
    io.out(`${finishing ? '' : progressPrefix(e) + ' '}${progressSuffix(e)}\n`);
  };
  try {
    const resolved = resolveOptions(options);
    const relPath = relative(cwd, resolved.outDir);
    const rel = relPath === '' ? '.' : relPath.startsWith('..') ? resolved.outDir : relPath;
    if (!quiet) io.out(`rlbox build: ${resolved.name} -> ${rel}/\n`);
    const t0 = performance.now();
    const { header, bindings: wantBindings, ...buildOptions } = options;
    const result = await buildLibrary({
      ...buildOptions,
      onProgress,
      onWarnings: (text) => io.err(text),
      color: io.isTTY,
    });
    const bindings =
      wantBindings === false
        ? undefined
        : await writeBuildBindings({
            sources: options.sources,
            name: result.name,
            outDir: result.outDir,
            ...(header !== undefined ? { header } : {}),
            ...(options.includeDirs ? { includeDirs: options.includeDirs } : {}),
            ...(options.defines ? { defines: options.defines } : {}),
            ...(options.force ? { force: true } : {}),
          });
    if (bindings && bindings.diagnostics.length > 0) {
      const text = formatDiagnostics(bindings.header, bindings.diagnostics);
      io.err(`${text.split('\n').map((l) => `rlbox build: bindings: ${l}`).join('\n')}\n`);
    }
    if (!quiet) {
      const f = result.files;
      const outputs = [f.wasm, ...f.wasmCParts, f.wasmH, ...(f.glue ? [f.glue] : []), f.staticLib, f.sharedLib, f.nativeLib, f.record, ...(bindings ? [bindings.out] : [])];
      io.out(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${outputs.map((p) => relative(resolved.outDir, p)).join(' ')}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof CommandError) {
      if (e.diagnostics) io.err(e.diagnostics.endsWith('\n') ? e.diagnostics : e.diagnostics + '\n');
      io.err(`rlbox build: ${e.message}\n  command: ${formatCommand(e.command)}\n`);
      return 1;
    }
    if (e instanceof BuildError) {
      io.err(`rlbox build: ${e.message}\n`);
      return 1;
    }
    if (e instanceof ClangError) {
      if (e.diagnostics) io.err(e.diagnostics.endsWith('\n') ? e.diagnostics : e.diagnostics + '\n');
      io.err(`rlbox build: bindings: ${e.message}\n`);
      return 1;
    }
    if (e instanceof BindingsError) {
      io.err(`rlbox build: bindings: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
