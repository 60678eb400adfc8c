// Compiles and runs the runtime's C test programs (test/runtime/c) against runtime/ with gcc and clang.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const runtimeDir = join(repoRoot, 'runtime');
export const cDir = join(repoRoot, 'test', 'runtime', 'c');
export const compilers = ['gcc', 'clang'] as const;
export type Compiler = (typeof compilers)[number];
/** The flags every test program must pass with, on both compilers. */
export const strictFlags = ['-O2', '-Wall', '-Wextra', '-Werror'];
export const boundsCheckFlag = '-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1';

interface Manifest {
  includeDir: string;
  sources: string[];
  headers: string[];
  cflags: string[];
  ldflags: string[];
}

export function manifest(): Manifest {
  return JSON.parse(readFileSync(join(runtimeDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** The runtime's .c files, as the build driver compiles them. */
export function runtimeSources(): string[] {
  return manifest().sources.map((s) => join(runtimeDir, s));
}

export function tempDir(label: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), `rlbox-rt-${label}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Compiles `programs` (files in test/runtime/c) with the whole runtime into `out`; throws with the diagnostics. */
export function compile(cc: Compiler, programs: string[], out: string, extra: string[] = []): void {
  const m = manifest();
  const args = [
    ...strictFlags,
    ...m.cflags,
    ...extra,
    `-I${join(runtimeDir, m.includeDir)}`,
    ...programs.map((p) => join(cDir, p)),
    ...runtimeSources(),
    '-o',
    out,
    ...m.ldflags,
  ];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cc} ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function run(bin: string, args: string[] = []): RunResult {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Lines "ok ..." a test program printed. */
export function passes(out: string): string[] {
  return out.split('\n').filter((l) => l.startsWith('ok '));
}
