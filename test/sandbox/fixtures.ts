// Builds the libraries the sandbox tests load: the .wasm (for wasm and wasm2c), the native shared object (for
// noop) and, when the project's build driver can make it, the sandboxed shared object (for wasm2c). Outputs are
// cached by content in the system temp directory, so only the first run pays for the compilers.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Signature } from '../../src/sandbox/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');

export const FIXTURES = {
  hello: join(repoRoot, 'examples', 'hello', 'mylib.c'),
  testlib: join(here, 'lib', 'testlib.c'),
} as const;

export type FixtureName = keyof typeof FIXTURES;

const WASM_FLAGS = [
  '--target=wasm32-wasi', '-O2',
  '-Wl,--export-all', '-Wl,--no-entry', '-Wl,--growable-table', '-Wl,--stack-first', '-Wl,-z,stack-size=1048576',
  '-Wl,--export=malloc', '-Wl,--export=free',
];

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr ?? ''}${r.error?.message ?? ''}`);
}

/**
 * Builds (or reuses) the .wasm and the native .so of a fixture library; returns its build directory. Test files
 * may run in parallel processes: each builds in a private directory and renames it into place, so a loaded
 * library is never rewritten and a half-built directory is never seen.
 */
export function buildFixture(name: FixtureName): string {
  const src = FIXTURES[name];
  const hash = createHash('sha256').update(readFileSync(src)).update(JSON.stringify(WASM_FLAGS)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'rlbox-ts-sandbox-fixtures', `${name}-${hash}`);
  if (existsSync(join(dir, 'rlbox-build.json'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const dummyMain = join(tmp, 'dummy-main.c');
  writeFileSync(dummyMain, 'int main(void) { return 0; }\n');
  run('clang', [...WASM_FLAGS, src, dummyMain, '-o', join(tmp, `${name}.wasm`)]);
  run('gcc', ['-shared', '-fPIC', '-O2', src, '-o', join(tmp, `lib${name}_native.so`)]);
  writeFileSync(
    join(tmp, 'rlbox-build.json'),
    JSON.stringify({
      format: 'rlbox-build/1',
      name,
      moduleName: name,
      files: { wasm: `${name}.wasm`, nativeLib: `lib${name}_native.so`, sharedLib: `lib${name}_sandbox.so` },
    }),
  );
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process won the race: use its build
  }
  return dir;
}

/** Signatures of testlib's functions (needed by noop; they refine the wasm types elsewhere). */
export const TESTLIB_FUNCTIONS = {
  add: ['u32', ['u32', 'u32']],
  negate: ['i32', ['i32']],
  mul64: ['i64', ['i64', 'i64']],
  max_u64: ['u64', []],
  fadd: ['f32', ['f32', 'f32']],
  half: ['f64', ['f64']],
  big_u32: ['u32', []],
  str_len: ['u32', ['ptr']],
  greeting: ['ptr', []],
  not_terminated: ['ptr', []],
  to_upper: ['void', ['ptr']],
  sum_array: ['i32', ['ptr', 'i32']],
  fill_squares: ['void', ['ptr', 'i32']],
  dup_string: ['ptr', ['ptr']],
  print_line: ['i32', ['ptr']],
  print_err: ['i32', ['ptr']],
  call_int_cb: ['i32', ['ptr', 'i32']],
  call_twice: ['i32', ['ptr', 'i32']],
  call_str_cb: ['void', ['ptr']],
  call_i64_cb: ['i64', ['ptr', 'i64']],
  call_ptr_cb: ['ptr', ['ptr']],
  depth_sum: ['i32', ['i32']],
  oob_write: ['void', []],
  oob_read_far: ['void', []],
  recurse: ['i32', ['i32']],
  do_exit: ['void', ['i32']],
  do_abort: ['void', []],
  call_null: ['i32', []],
  div_by: ['i32', ['i32', 'i32']],
  open_passwd: ['i32', []],
} as const satisfies Record<string, Signature>;

/** Signatures of the hello example's functions. */
export const HELLO_FUNCTIONS = {
  hello: ['void', []],
  add: ['u32', ['u32', 'u32']],
  echo: ['void', ['ptr']],
  call_cb: ['void', ['ptr']],
} as const satisfies Record<string, Signature>;

/** Runs `body` holding a lock directory (parallel test processes build the same fixture). */
async function withLock<T>(lock: string, body: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60 * 1000) rmSync(lock, { recursive: true, force: true }); // stale
      } catch {
        /* released meanwhile */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds a fixture with the project's build driver (`rlbox build`), which makes the sandboxed shared object the
 * wasm2c backend needs. Returns the build directory, or why it cannot be built (the test is then skipped).
 */
export async function buildSandboxedFixture(name: FixtureName): Promise<{ dir: string } | { skip: string }> {
  const outDir = join(tmpdir(), 'rlbox-ts-sandbox-fixtures', `${name}-rlbox-build`);
  try {
    const { buildLibrary } = await import('../../src/build/index.js');
    const r = await withLock(`${outDir}.lock`, () => buildLibrary({ sources: [FIXTURES[name]], name, outDir, jobs: 1 }));
    return { dir: r.outDir };
  } catch (e) {
    const msg = (e as Error).message.split('\n').slice(0, 3).join(' | ');
    return { skip: `rlbox build cannot build ${name} yet: ${msg}` };
  }
}
