// Tool costs on SQLite: seconds to translate sqlite.wasm to C and seconds to compile the generated C (from the
// builds the benchmark just did). Both translators run as fresh processes, as a user runs them: rlbox-ts from
// the JavaScript tsc emits (compiled here into bench/.cache/dist, so a stale dist/ cannot skew it), Debian's
// wasm2c as it is.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { exec } from './exec.js';
import { median } from './measure.js';
import { lastBuildSeconds, type VariantId, type WorkloadBuild } from './variants.js';

export interface ToolCosts {
  readonly wasmBytes: number;
  /** rlbox-ts: a fresh `node` process decoding, validating, emitting and writing the C, median */
  readonly translateOursSeconds: number;
  /** Inside that process (median of each phase), ms */
  readonly oursPhasesMs: { decode: number; validate: number; emit: number; write: number };
  readonly oursCBytes: number;
  /** Debian's wasm2c 1.0.32 as a process, median */
  readonly translateWabtSeconds: number;
  readonly wabtCBytes: number;
  /** Seconds of the last full compile of the generated C + runtime (rlbox build step 3; WABT: gcc of its C + host) */
  readonly compileSeconds: Partial<Record<VariantId, number | null>>;
}

export interface ToolCostOptions {
  readonly benchDir: string;
  readonly cacheDir: string;
  readonly wasm: string;
  readonly build: WorkloadBuild;
  readonly rounds: number;
  readonly log: (line: string) => void;
}

export async function measureToolCosts(o: ToolCostOptions): Promise<ToolCosts> {
  const bytes = await readFile(o.wasm);
  const root = join(o.benchDir, '..');
  const dist = join(o.cacheDir, 'dist');
  await exec([join(root, 'node_modules', '.bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist]).catch(() => {
    // tsc exits 1 on type errors in files being edited elsewhere but still emits; a missing emit shows below.
  });
  const outDir = join(o.cacheDir, 'build', 'sqlite');
  const oursOut = join(outDir, 'translate-timing-ours.c');
  const wabtOut = join(outDir, 'translate-timing-wabt.c');
  const ours: number[] = [];
  const wabt: number[] = [];
  const phases: { decodeMs: number; validateMs: number; emitMs: number; writeMs: number }[] = [];
  for (let i = 0; i < o.rounds; i++) {
    const r = await exec([process.execPath, join(o.benchDir, 'hosts', 'translate-once.mjs'), dist, o.wasm, oursOut]);
    ours.push(r.seconds);
    phases.push(JSON.parse(r.stdout.trim()) as (typeof phases)[number]);
    const w = await exec(['wasm2c', '-n', 'bench', o.wasm, '-o', wabtOut]);
    wabt.push(w.seconds);
    o.log(`  round ${i + 1}: rlbox-ts ${r.seconds.toFixed(2)} s, WABT wasm2c ${w.seconds.toFixed(2)} s`);
  }
  const phase = (k: keyof (typeof phases)[number]) => Math.round(median(phases.map((p) => p[k])));
  const compileSeconds: Partial<Record<VariantId, number | null>> = {};
  for (const v of o.build.variants) {
    if (v.rlbox) compileSeconds[v.id] = v.rlbox.record.steps['sandbox']?.seconds ?? null;
    if (v.wabtExe) compileSeconds[v.id] = await lastBuildSeconds(v.wabtExe);
  }
  return {
    wasmBytes: bytes.length,
    translateOursSeconds: median(ours),
    oursPhasesMs: { decode: phase('decodeMs'), validate: phase('validateMs'), emit: phase('emitMs'), write: phase('writeMs') },
    oursCBytes: (await stat(oursOut)).size,
    translateWabtSeconds: median(wabt),
    wabtCBytes: (await stat(wabtOut)).size,
    compileSeconds,
  };
}

export function toolCostsMarkdown(t: ToolCosts): string {
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const compile = Object.entries(t.compileSeconds)
    .map(([id, s]) => `${id} ${s === null || s === undefined ? 'n/a' : `${s.toFixed(1)} s`}`)
    .join(', ');
  return [
    `Tool costs on SQLite (${mb(t.wasmBytes)} of wasm):`,
    '',
    '| | rlbox-ts wasm2c | WABT wasm2c 1.0.32 |',
    '| --- | ---: | ---: |',
    `| translate .wasm -> C, fresh process (median) | ${t.translateOursSeconds.toFixed(2)} s | ${t.translateWabtSeconds.toFixed(2)} s |`,
    `| of which decode / validate / emit / write | ${t.oursPhasesMs.decode} / ${t.oursPhasesMs.validate} / ${t.oursPhasesMs.emit} / ${t.oursPhasesMs.write} ms | |`,
    `| generated C | ${mb(t.oursCBytes)} | ${mb(t.wabtCBytes)} |`,
    '',
    `Compiling the generated C (+ runtime), last full build: ${compile}.`,
  ].join('\n');
}
