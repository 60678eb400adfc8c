// Finding the tools the four build steps need, and saying exactly which Debian package provides a missing one.
//   step 1: clang with the wasm32-wasi target, the wasi-libc sysroot, wasm-ld, compiler-rt builtins for wasm32
//   steps 3-4: a host C compiler and `ar`
// Detection works by running the tools (a version query, then compiling and linking a tiny WASI program) rather
// than by looking for files, so whatever clang itself would find is what counts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolchainError } from './errors.js';
import { run } from './process.js';

export interface Toolchain {
  /** clang able to target wasm32-wasi, e.g. `clang` or `/usr/bin/clang-14`. */
  readonly clang: string;
  readonly clangVersion: string;
  readonly clangMajor: number;
  /** Extra flags every wasm compile needs (`--sysroot=...` when RLBOX_WASI_SYSROOT is set). */
  readonly wasmFlags: readonly string[];
  readonly cc: string;
  readonly ccVersion: string;
  readonly ccKind: 'gcc' | 'clang';
  readonly ar: string;
}

export interface ToolchainOptions {
  /** Host C compiler chosen by the user (`--cc`); otherwise $CC, then HOST_COMPILER_CANDIDATES. */
  readonly cc?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** The Debian packages of the whole wasm toolchain, for when we cannot even ask clang which part is missing. */
const FALLBACK_CLANG_MAJOR = 14;
function wasmToolchainPackages(major: number): string {
  return `clang lld wasi-libc libclang-rt-${major}-dev-wasm32`;
}

const CLANG_CANDIDATES = ['clang', 'clang-19', 'clang-18', 'clang-17', 'clang-16', 'clang-15', 'clang-14'];

async function versionOf(tool: string): Promise<string | undefined> {
  const r = await run([tool, '--version']);
  if (r.spawnError || r.code !== 0) return undefined;
  return (r.stdout.split('\n')[0] ?? '').trim();
}

async function findClang(env: NodeJS.ProcessEnv): Promise<{ clang: string; version: string }> {
  const chosen = env['RLBOX_CLANG'];
  const candidates = chosen ? [chosen] : CLANG_CANDIDATES;
  for (const c of candidates) {
    const version = await versionOf(c);
    if (version !== undefined) return { clang: c, version };
  }
  const tried = chosen ? `RLBOX_CLANG=${chosen} does not run` : `tried ${CLANG_CANDIDATES.join(', ')}`;
  throw new ToolchainError(
    'clang',
    `clang with the wasm32-wasi target was not found (${tried})`,
    `apt-get install ${wasmToolchainPackages(FALLBACK_CLANG_MAJOR)}`,
  );
}

function clangMajorOf(version: string): number {
  const m = /clang version (\d+)/.exec(version);
  return m ? Number(m[1]) : FALLBACK_CLANG_MAJOR;
}

const PROBE_SOURCE = `#include <stdio.h>
#include <stdlib.h>
int main(void) {
  volatile long double x = 1.5L;
  char* p = malloc(16);
  snprintf(p, 16, "%d", (int)(x * x));
  free(p);
  return 0;
}
`;

/**
 * Maps the diagnostics of a failed probe compile+link to the missing piece. Exported for tests: each message
 * here is what clang 14-19 and wasm-ld print when the corresponding Debian package is absent.
 */
export function classifyProbeFailure(stderr: string, clang: string, major: number, sysroot?: string): ToolchainError {
  if (/unknown target|no available targets|unable to create target|unsupported option.*wasm32/i.test(stderr)) {
    return new ToolchainError(
      'wasm32-target',
      `${clang} cannot target wasm32-wasi (it was built without the WebAssembly backend)`,
      `apt-get install clang-${major}`,
    );
  }
  if (/libclang_rt\.builtins-wasm32\.a/.test(stderr)) {
    return new ToolchainError(
      'compiler-rt',
      'the compiler-rt builtins for wasm32 (libclang_rt.builtins-wasm32.a) were not found',
      `apt-get install libclang-rt-${major}-dev-wasm32`,
    );
  }
  // Only the driver failing to start the linker; "wasm-ld: error: cannot open ..." is the linker running.
  if (/(unable to execute command|Executable)[^\n]*wasm-ld|wasm-ld[-\d]*: (command )?not found|invalid linker name/.test(stderr)) {
    return new ToolchainError(
      'wasm-ld',
      'the WebAssembly linker wasm-ld was not found',
      `apt-get install lld-${major}`,
    );
  }
  if (/(stdio\.h|stdlib\.h)' file not found|crt1[-\w]*\.o|-lc\b|libc\.a/.test(stderr)) {
    const where = sysroot ? `in RLBOX_WASI_SYSROOT=${sysroot}` : 'where clang looks (/usr/include/wasm32-wasi, /usr/lib/wasm32-wasi)';
    return new ToolchainError(
      'wasi-libc',
      `the wasi-libc sysroot was not found ${where}`,
      sysroot ? 'point RLBOX_WASI_SYSROOT at a wasi-sysroot, or unset it and apt-get install wasi-libc' : 'apt-get install wasi-libc',
    );
  }
  return new ToolchainError(
    'wasm-toolchain',
    `${clang} failed to build a tiny wasm32-wasi program:\n${stderr.trim()}\n`,
    `check the installation of apt-get install ${wasmToolchainPackages(major)}`,
  );
}

async function probeWasm(clang: string, major: number, wasmFlags: readonly string[], sysroot?: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rlbox-probe-'));
  try {
    await writeFile(join(dir, 'probe.c'), PROBE_SOURCE);
    const r = await run([clang, '--target=wasm32-wasi', ...wasmFlags, '-O2', 'probe.c', '-o', 'probe.wasm'], { cwd: dir });
    if (r.spawnError) throw classifyProbeFailure(r.spawnError.message, clang, major, sysroot);
    if (r.code !== 0) throw classifyProbeFailure(r.stderr, clang, major, sysroot);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The host compilers tried when neither --cc nor $CC chooses one, best first. clang 14 makes the fastest code of
 * wasm2c output on x86-64 in every measurement so far: without Segue it beats gcc 12 (1.26x vs 1.30x native
 * geomean), and it still beats gcc with Segue, which the generated code uses with gcc only (wasm-rt.h), although
 * gcc + Segue executes the fewest instructions (docs/BUILD.md has the figures). It is installed for the wasm step
 * anyway.
 */
export const HOST_COMPILER_CANDIDATES: readonly string[] = ['clang', 'gcc', 'cc'];

async function findHostCC(options: ToolchainOptions, env: NodeJS.ProcessEnv): Promise<{ cc: string; version: string }> {
  const chosen = options.cc ?? env['CC'];
  const candidates = chosen ? [chosen] : HOST_COMPILER_CANDIDATES;
  for (const c of candidates) {
    const version = await versionOf(c);
    if (version !== undefined) return { cc: c, version };
  }
  const tried = chosen ? `'${chosen}' does not run` : `tried ${candidates.join(', ')}`;
  // clang is needed for the wasm step anyway, and works as the host compiler everywhere.
  throw new ToolchainError('cc', `no host C compiler was found (${tried})`, 'apt-get install clang');
}

async function findAr(env: NodeJS.ProcessEnv): Promise<string> {
  const candidates = env['AR'] ? [env['AR']] : ['ar', 'llvm-ar'];
  for (const c of candidates) {
    // `ar --version` is GNU and LLVM; both exit 0.
    if ((await versionOf(c)) !== undefined) return c;
  }
  throw new ToolchainError('ar', `the archiver was not found (tried ${candidates.join(', ')})`, 'apt-get install binutils');
}

const cache = new Map<string, Promise<Toolchain>>();

/** Finds (once per process and configuration) every tool of the build, or throws a ToolchainError with the fix. */
export function findToolchain(options: ToolchainOptions = {}): Promise<Toolchain> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([options.cc, env['CC'], env['AR'], env['RLBOX_CLANG'], env['RLBOX_WASI_SYSROOT'], env['PATH']]);
  let found = cache.get(key);
  if (!found) {
    found = detect(options, env);
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

async function detect(options: ToolchainOptions, env: NodeJS.ProcessEnv): Promise<Toolchain> {
  const { clang, version: clangVersion } = await findClang(env);
  const clangMajor = clangMajorOf(clangVersion);
  const sysroot = env['RLBOX_WASI_SYSROOT'] || undefined;
  // -mbulk-memory: memcpy/memset/memmove the compiler inlines become memory.copy/memory.fill, which our wasm2c,
  // WABT's and V8 all turn into one host memmove/memset instead of a byte loop in wasm (SQLite: -6% instructions,
  // bench/RESULTS.md). Every engine rlbox-ts targets implements WebAssembly 2.0, which includes bulk memory.
  const wasmFlags = [...(sysroot ? [`--sysroot=${sysroot}`] : []), '-mbulk-memory'];
  const [, host, ar] = await Promise.all([
    probeWasm(clang, clangMajor, wasmFlags, sysroot),
    findHostCC(options, env),
    findAr(env),
  ]);
  const ccKind = /clang/i.test(host.version) ? 'clang' : 'gcc';
  return { clang, clangVersion, clangMajor, wasmFlags, cc: host.cc, ccVersion: host.version, ccKind, ar };
}
