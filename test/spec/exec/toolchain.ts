// Compiling and running harness programs: cc with at most N jobs at a time, objects cached by content hash under
// test/spec/.out/obj (so re-runs only link and run), and a run with a timeout whose output is kept even when the
// program crashes.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadRuntimeManifest, type RuntimeManifest } from '../../../src/build/runtime-manifest.js';
import { outDir, repoRoot, specDir } from '../wast.js';

export const execDir = join(specDir, 'exec');
const objDir = join(outDir, 'obj');
export const runtimeDir = join(repoRoot, 'runtime');

/** Limits concurrent child processes (the machine is shared: at most 2 by default). */
export class JobLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

export const jobs = new JobLimiter(Math.max(1, Math.min(2, availableParallelism())));

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a program; ETXTBSY (a just-written executable still open for writing in some forked child) is retried. */
export async function runProcess(file: string, args: readonly string[], timeoutMs: number): Promise<ProcessResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await runProcessOnce(file, args, timeoutMs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ETXTBSY' || attempt >= 20) {
        return { code: null, signal: null, stdout: '', stderr: `cannot run ${file}: ${String(e)}`, timedOut: false };
      }
      await sleep(50 * (attempt + 1));
    }
  }
}

function runProcessOnce(file: string, args: readonly string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(e);
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let errBytes = 0;
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      // Keep the start of stderr only: a runaway program must not fill the runner's memory.
      if (errBytes < 1 << 16) err.push(b);
      errBytes += b.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      if ((e as NodeJS.ErrnoException).code === 'ETXTBSY') reject(e);
      else resolve({ code: null, signal: null, stdout: '', stderr: String(e), timedOut: false });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), timedOut });
    });
  });
}

/** gcc needs -fsignaling-nans on top of the emitter's common flags (clang rejects it). */
let isGcc: boolean | undefined;
export function compilerIsGcc(): boolean {
  if (isGcc !== undefined) return isGcc;
  const cc = process.env.CC ?? 'cc';
  try {
    const version = execFileSync(cc, ['--version'], { encoding: 'utf8' });
    isGcc = /Free Software Foundation|gcc/i.test(version) && !/clang/i.test(version);
  } catch {
    isGcc = false;
  }
  return isGcc;
}

/** The parts of the runtime manifest the runner uses. */
type RuntimeBuild = Pick<RuntimeManifest, 'sources' | 'includeDirs' | 'cflags' | 'libs'> & {
  /** The runtime's recommended flags for generated code, for this compiler. */
  readonly generatedCflags: readonly string[];
};

export interface Toolchain {
  readonly cc: string;
  readonly runtime: RuntimeBuild;
  /** Hash of everything outside a source that changes its object: compiler, headers. */
  readonly fingerprint: string;
  /** '' for the default configuration, else a short hash of $CC and $RLBOX_SPEC_CFLAGS (keeps programs apart). */
  readonly configTag: string;
  /** $RLBOX_SPEC_CFLAGS, already part of runtime.cflags. */
  readonly extraCflags: readonly string[];
}

let toolchain: Toolchain | undefined;

function fallbackManifest(): RuntimeBuild {
  const sources = readdirSync(runtimeDir)
    .filter((f) => f.endsWith('.c'))
    .map((f) => join(runtimeDir, f));
  return { sources, includeDirs: [runtimeDir], cflags: [], libs: ['-lm'], generatedCflags: [] };
}

export function getToolchain(): Toolchain {
  if (toolchain !== undefined) return toolchain;
  const cc = process.env.CC ?? 'cc';
  let runtime: RuntimeBuild;
  try {
    const m = loadRuntimeManifest(runtimeDir);
    const gen = typeof m.generatedCflags === 'function' ? m.generatedCflags(compilerIsGcc() ? 'gcc' : 'clang') : [];
    runtime = { sources: m.sources, includeDirs: m.includeDirs, cflags: m.cflags, libs: m.libs, generatedCflags: gen };
  } catch {
    runtime = fallbackManifest();
  }
  // Extra flags for every compile (runtime, generated code, harness), e.g. -DWASM_RT_MEMCHECK_BOUNDS_CHECK=1 to
  // run the suite in the other memory-check mode.
  const extra = (process.env.RLBOX_SPEC_CFLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  runtime = { ...runtime, cflags: [...runtime.cflags, ...extra] };
  const configTag =
    extra.length === 0 && cc === 'cc' ? '' : createHash('sha256').update(`${cc}\0${extra.join(' ')}`).digest('hex').slice(0, 8);
  const h = createHash('sha256');
  h.update(cc);
  const headerDirs = [...new Set([...runtime.includeDirs, runtimeDir, execDir])];
  for (const d of headerDirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (f.endsWith('.h')) h.update(f).update(readFileSync(join(d, f)));
    }
  }
  toolchain = { cc, runtime, fingerprint: h.digest('hex'), configTag, extraCflags: extra };
  return toolchain;
}

export function includeFlags(tc: Toolchain, extraDirs: readonly string[]): string[] {
  return [...tc.runtime.includeDirs, runtimeDir, execDir, ...extraDirs].map((d) => `-I${d}`);
}

export type CompileResult =
  | { readonly ok: true; readonly object: string }
  | { readonly ok: false; readonly error: string; readonly stderr?: string };

/**
 * Compiles `sourcePath` to an object cached under a hash of its content, `extraContent` (the headers it includes
 * that are not the runtime's), the flags and the toolchain fingerprint.
 */
export async function compileCached(sourcePath: string, flags: readonly string[], extraContent: string): Promise<CompileResult> {
  const tc = getToolchain();
  const key = createHash('sha256')
    .update(tc.fingerprint)
    .update(flags.join('\0'))
    .update(readFileSync(sourcePath))
    .update(extraContent)
    .digest('hex');
  const object = join(objDir, `${key.slice(0, 32)}.o`);
  usedObjects.add(object);
  if (existsSync(object)) {
    touch(object);
    return { ok: true, object };
  }
  mkdirSync(objDir, { recursive: true });
  const tmp = `${object}.${process.pid}.tmp.o`;
  const r = await jobs.run(() => runProcess(tc.cc, [...flags, '-c', sourcePath, '-o', tmp], 600_000));
  if (r.code !== 0) {
    const errors = r.stderr.split('\n').filter((l) => /error|undefined|fatal/i.test(l));
    return {
      ok: false,
      error: (errors.length > 0 ? errors : r.stderr.split('\n')).slice(0, 3).join(' | ') || `cc exited ${r.code ?? r.signal}`,
      stderr: r.stderr,
    };
  }
  renameSync(tmp, object);
  return { ok: true, object };
}

const usedObjects = new Set<string>();

function touch(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    // pruned by a concurrent run: it is recompiled next time
  }
}

/**
 * Deletes cached objects this run did not use and nobody used for `maxAgeMs` (old emitter output piles up
 * otherwise; the age limit keeps objects of a concurrent run with another configuration).
 */
export function pruneObjectCache(maxAgeMs: number): number {
  if (!existsSync(objDir)) return 0;
  let removed = 0;
  const cutoff = Date.now() - maxAgeMs;
  for (const f of readdirSync(objDir)) {
    const p = join(objDir, f);
    if (usedObjects.has(p)) continue;
    try {
      if (statSync(p).mtimeMs < cutoff) {
        rmSync(p, { force: true });
        removed++;
      }
    } catch {
      // already gone
    }
  }
  return removed;
}

/** The runtime's and spectest's objects, compiled once (cached like everything else). */
export async function supportObjects(): Promise<CompileResult> {
  const tc = getToolchain();
  const flags = ['-O2', '-g0', ...tc.runtime.cflags, ...includeFlags(tc, [])];
  const results = await Promise.all([...tc.runtime.sources, join(execDir, 'spectest.c')].map((s) => compileCached(s, flags, '')));
  const failed = results.find((r) => !r.ok);
  if (failed !== undefined) return failed;
  return { ok: true, object: results.map((r) => (r as { object: string }).object).join('\n') };
}

export async function link(objects: readonly string[], output: string): Promise<CompileResult> {
  const tc = getToolchain();
  const libs = tc.runtime.libs.length > 0 ? tc.runtime.libs : ['-lm'];
  const tmp = `${output}.${process.pid}.tmp`;
  // The extra flags go to the link too (sanitizers need their runtime there; -D flags are ignored).
  const r = await jobs.run(() => runProcess(tc.cc, ['-o', tmp, ...tc.extraCflags, ...objects, ...libs, '-lm', '-lpthread'], 120_000));
  if (r.code !== 0) return { ok: false, error: r.stderr.split('\n').slice(0, 4).join(' | '), stderr: r.stderr };
  renameSync(tmp, output);
  return { ok: true, object: output };
}

/** Writes through a temporary file and a rename, so a concurrent run never compiles half a file. */
export function writeIfChanged(path: string, text: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding `<dir>.lock`: two runs (say `npm test` of two people) building the same script would
 * otherwise overwrite each other's sources between hashing and compiling. A lock whose owner died is taken over.
 */
export async function withDirLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(lock, 'utf8'));
      } catch {
        continue;
      }
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !processAlive(owner)) {
        rmSync(lock, { force: true });
        continue;
      }
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
