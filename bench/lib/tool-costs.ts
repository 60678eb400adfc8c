// Tool costs on SQLite: seconds to translate sqlite.wasm to C (rlbox-ts in process vs Debian's wasm2c
// process) and seconds to compile the generated C (from the builds the benchmark just did).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeModule } from '../../src/decode/index.js';
import { emitC } from '../../src/emit-c/index.js';
import { validateModule } from '../../src/validate/index.js';
import { exec } from './exec.js';
import { median } from './measure.js';
import { lastBuildSeconds, type VariantId, type WorkloadBuild } from './variants.js';

export interface ToolCosts {
  readonly wasmBytes: number;
  /** rlbox-ts: decode + validate + emit, in process (no Node start-up), median */
  readonly translateOursSeconds: number;
  readonly oursCBytes: number;
  /** Debian's wasm2c 1.0.32 as a process, median */
  readonly translateWabtSeconds: number;
  readonly wabtCBytes: number;
  /** Seconds of the last full compile of the generated C + runtime (rlbox build step 3; WABT: gcc of its C + host) */
  readonly compileSeconds: Partial<Record<VariantId, number | null>>;
}

export interface ToolCostOptions {
  readonly cacheDir: string;
  readonly wasm: string;
  readonly build: WorkloadBuild;
  readonly rounds: number;
  readonly log: (line: string) => void;
}

export async function measureToolCosts(o: ToolCostOptions): Promise<ToolCosts> {
  const bytes = await readFile(o.wasm);
  const ours: number[] = [];
  const wabt: number[] = [];
  let oursCBytes = 0;
  const wabtOut = join(o.cacheDir, 'build', 'sqlite', 'wabt', 'translate-timing.c');
  for (let i = 0; i < o.rounds; i++) {
    const t0 = performance.now();
    const module = decodeModule(new Uint8Array(bytes));
    validateModule(module);
    const c = emitC(module, { moduleName: 'sqlite' });
    ours.push((performance.now() - t0) / 1000);
    oursCBytes = c.source.length;
    const r = await exec(['wasm2c', '-n', 'bench', o.wasm, '-o', wabtOut]);
    wabt.push(r.seconds);
    o.log(`  round ${i + 1}: rlbox-ts ${ours[i]!.toFixed(2)} s, WABT wasm2c ${r.seconds.toFixed(2)} s`);
  }
  const compileSeconds: Partial<Record<VariantId, number | null>> = {};
  for (const v of o.build.variants) {
    if (v.rlbox) compileSeconds[v.id] = v.rlbox.record.steps['sandbox']?.seconds ?? null;
    if (v.wabtExe) compileSeconds[v.id] = await lastBuildSeconds(v.wabtExe);
  }
  return {
    wasmBytes: bytes.length,
    translateOursSeconds: median(ours),
    oursCBytes,
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
    `| translate .wasm -> C (median) | ${t.translateOursSeconds.toFixed(2)} s (in process) | ${t.translateWabtSeconds.toFixed(2)} s |`,
    `| generated C | ${mb(t.oursCBytes)} | ${mb(t.wabtCBytes)} |`,
    '',
    `Compiling the generated C (+ runtime), last full build: ${compile}.`,
  ].join('\n');
}
