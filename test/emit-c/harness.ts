// Test support: wat text -> wasm (wat2wasm) -> our decoder/validator/emitter -> gcc with the runtime and a small
// C main -> the program's output. Built programs are cached by content under the OS temp directory.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModule } from '../../src/decode/index.js';
import { validateModule } from '../../src/validate/index.js';
import { emitCSplit, GENERATED_C_FLAGS, GENERATED_C_FLAGS_GCC } from '../../src/emit-c/index.js';
import type { Module } from '../../src/wasm/ir.js';

export const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const RUNTIME = join(ROOT, 'runtime');
const WORK = join(tmpdir(), 'rlbox-emit-c-tests');

export function runtimeSources(): string[] {
  const manifest = join(RUNTIME, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { sources?: string[]; core?: string[] };
    const list = m.core ?? m.sources;
    if (Array.isArray(list)) return list.map((f) => join(RUNTIME, f)).filter((f) => !/minwasi/.test(f));
  }
  return readdirSync(RUNTIME).filter((f) => f.endsWith('.c') && !f.includes('minwasi')).map((f) => join(RUNTIME, f));
}

export function watToModule(wat: string, features: string[] = []): { module: Module; wasm: Uint8Array } {
  mkdirSync(WORK, { recursive: true });
  const hash = createHash('sha256').update(wat).digest('hex').slice(0, 16);
  const watFile = join(WORK, `${hash}.wat`);
  const wasmFile = join(WORK, `${hash}.wasm`);
  writeFileSync(watFile, wat);
  execFileSync('wat2wasm', [...features, watFile, '-o', wasmFile], { stdio: 'pipe' });
  const wasm = readFileSync(wasmFile);
  const module = decodeModule(wasm);
  validateModule(module);
  return { module, wasm };
}

export interface BuildOptions {
  readonly compiler?: 'gcc' | 'clang';
  readonly boundsCheck?: boolean;
  readonly extraC?: string;
  /** Split the generated source into this many .c files. */
  readonly outputs?: number;
}

/** Builds the module with a C main and returns the program's stdout (throws with stderr on failure). */
export function buildAndRun(wat: string, moduleName: string, mainC: string, opts: BuildOptions = {}): string {
  const { module } = watToModule(wat);
  const { header, sources } = emitCSplit(module, { moduleName, outputs: opts.outputs ?? 1 });
  const source = sources.join('\n/* next file */\n');
  const cc = opts.compiler ?? 'gcc';
  const key = createHash('sha256').update(source + header + mainC + cc + String(opts.boundsCheck) + (opts.extraC ?? '')).digest('hex').slice(0, 16);
  const dir = join(WORK, key);
  mkdirSync(dir, { recursive: true });
  const hName = `${moduleName}.wasm.h`;
  writeFileSync(join(dir, hName), header);
  const generated = sources.map((s, i) => {
    const file = join(dir, `${moduleName}_${i}.wasm.c`);
    writeFileSync(file, s);
    return file;
  });
  writeFileSync(join(dir, 'main.c'), `#include <stdio.h>\n#include <inttypes.h>\n#include "${hName}"\n${opts.extraC ?? ''}\n${mainC}`);
  const exe = join(dir, 'prog');
  if (!existsSync(exe)) {
    const flags = ['-O2', '-Wall', '-Wextra', '-Werror', ...GENERATED_C_FLAGS, ...(cc === 'gcc' ? GENERATED_C_FLAGS_GCC : [])];
    if (opts.boundsCheck) flags.push('-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1');
    // Only the generated code and the test's main are held to -Werror; the runtime has its own tests.
    const objects: string[] = [];
    for (const [src, strict] of [[join(dir, 'main.c'), true], ...generated.map((f) => [f, true] as const), ...runtimeSources().map((f) => [f, false] as const)] as const) {
      const obj = join(dir, `${objects.length}.o`);
      const r = spawnSync(cc, [...(strict ? flags : flags.filter((f) => f !== '-Werror')), '-c', '-I', RUNTIME, '-I', dir, src, '-o', obj], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${cc} failed on ${src} in ${dir}:\n${r.stderr}`);
      objects.push(obj);
    }
    const r = spawnSync(cc, [...objects, '-lm', '-o', exe], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cc} failed to link in ${dir}:\n${r.stderr}`);
  }
  const run = spawnSync(exe, [], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`program failed (${run.status} ${run.signal}) in ${dir}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** C snippet: `TRY(expr)` prints the trap name or nothing. */
export const TRY_MACRO = `
#define TRY(stmt) do { wasm_rt_try_frame_t f_; int c_ = WASM_RT_TRY(f_); if (c_ == 0) { stmt; } wasm_rt_try_end(&f_); if (c_) printf("trap %d\\n", c_); } while (0)
`;
