// Building each variant of a workload into something the harness can run as `<command...> <size> <warmup>`:
//   native-gcc / native-clang   the driver + library compiled directly (-O2), linked with hosts/native-host.c
//   rlbox-clang                 `rlbox build` (guard pages) with clang, its default host compiler (no Segue)
//   rlbox-gcc                   the same with gcc, where Segue (%gs-based memory access) is on by default
//   rlbox-bounds                `rlbox build --bounds-checks` (clang)
//   wabt                        Debian's wasm2c 1.0.32 on the same .wasm, its own runtime, hosts/wabt-host.c
//   node                        Node's WebAssembly on the same .wasm, hosts/node-host.mjs
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLibrary, type BuildResult } from '../../src/build/index.js';
import { exec, pool } from './exec.js';
import { writeWabtImportStubs } from './wabt-stubs.js';
import type { ResolvedWorkload } from './workloads.js';

export const VARIANTS = ['native-gcc', 'native-clang', 'rlbox-gcc', 'rlbox-clang', 'rlbox-bounds', 'wabt', 'node'] as const;
/** Opt-in experiments behind the findings in bench/RESULTS.md (`--variants ...,rlbox-clang-segue`). */
export const EXPERIMENTS = ['rlbox-clang-segue', 'rlbox-gcc-nosegue', 'rlbox-split', 'rlbox-bounds-gcc'] as const;
export type VariantId = (typeof VARIANTS)[number] | (typeof EXPERIMENTS)[number];

export const VARIANT_LABELS: Record<VariantId, string> = {
  'native-gcc': 'native gcc',
  'native-clang': 'native clang',
  'rlbox-gcc': 'rlbox-ts gcc + Segue (guard pages)',
  'rlbox-clang': 'rlbox-ts clang (guard pages, default)',
  'rlbox-bounds': 'rlbox-ts clang (bounds checks)',
  wabt: 'WABT wasm2c 1.0.32 (gcc)',
  node: `Node ${process.version} WebAssembly`,
  'rlbox-clang-segue': 'rlbox-ts clang + Segue (--segue)',
  'rlbox-gcc-nosegue': 'rlbox-ts gcc, no Segue (--no-segue)',
  'rlbox-split': 'rlbox-ts gcc, --split 4',
  'rlbox-bounds-gcc': 'rlbox-ts gcc (bounds checks)',
};

/** Flags upstream WABT recommends for its generated C (the same ones rlbox-ts uses for its own), gcc. */
const WABT_GCC_FLAGS = ['-O2', '-fno-optimize-sibling-calls', '-frounding-math', '-fsignaling-nans', '-fno-strict-aliasing'];
const WABT_RUNTIME_DIR = '/usr/src/wasm2c';

export interface BuiltVariant {
  readonly id: VariantId;
  /** Run as [...command, String(size), String(warmup)]. */
  readonly command: readonly string[];
  /** Seconds spent building, null when it was up to date. */
  readonly buildSeconds: number | null;
  /** For rlbox variants: the build result (step timings, files). */
  readonly rlbox?: BuildResult;
  /** For the WABT variant: its generated C and executable. */
  readonly wabtC?: string;
  readonly wabtExe?: string;
  readonly translateSeconds?: number | null;
}

export interface BuildContext {
  readonly benchDir: string;
  /** bench/.cache/build/<workload> */
  readonly workDir: string;
  readonly jobs: number;
  readonly log: (line: string) => void;
}

export const hostDir = (ctx: BuildContext) => join(ctx.benchDir, 'hosts');

/** Hash of a command and the files it reads: an executable is rebuilt only when this changes. */
async function stampOf(command: readonly string[], files: readonly string[]): Promise<string> {
  const h = createHash('sha256').update(JSON.stringify(command));
  for (const f of files) h.update(f).update(await readFile(f));
  return h.digest('hex');
}

export async function buildIfChanged(exe: string, command: readonly string[], inputs: readonly string[]): Promise<number | null> {
  const stampFile = `${exe}.stamp`;
  const stamp = await stampOf(command, inputs);
  if (existsSync(exe) && existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) return null;
  const r = await exec(command);
  await writeFile(stampFile, stamp);
  await writeFile(`${exe}.seconds`, String(r.seconds));
  return r.seconds;
}

/** How long the last real build of `exe` took (kept beside it), or null. */
export async function lastBuildSeconds(exe: string): Promise<number | null> {
  try {
    const x = Number(await readFile(`${exe}.seconds`, 'utf8'));
    return Number.isFinite(x) ? x : null;
  } catch {
    return null;
  }
}

async function buildNative(ctx: BuildContext, w: ResolvedWorkload, cc: 'gcc' | 'clang'): Promise<BuiltVariant> {
  const dir = join(ctx.workDir, `native-${cc}`);
  await mkdir(dir, { recursive: true });
  const exe = join(dir, 'bench');
  const host = join(hostDir(ctx), 'native-host.c');
  const command = [
    cc, '-O2', `-I${hostDir(ctx)}`, ...w.includeDirs.map((d) => `-I${d}`), ...w.defines.map((d) => `-D${d}`),
    host, ...w.sources, '-o', exe, '-lm',
  ];
  const seconds = await buildIfChanged(exe, command, [host, join(hostDir(ctx), 'host-main.h'), ...w.sources]);
  return { id: `native-${cc}`, command: [exe], buildSeconds: seconds };
}

type RlboxId = 'rlbox-gcc' | 'rlbox-clang' | 'rlbox-bounds' | 'rlbox-bounds-gcc' | 'rlbox-clang-segue' | 'rlbox-gcc-nosegue' | 'rlbox-split';

async function buildRlbox(ctx: BuildContext, w: ResolvedWorkload, id: RlboxId): Promise<BuiltVariant> {
  // Bounds-check mode has no Segue, and there clang's code is faster (bench/RESULTS.md).
  const cc = id === 'rlbox-clang' || id === 'rlbox-bounds' || id === 'rlbox-clang-segue' ? 'clang' : 'gcc';
  const segue = id === 'rlbox-clang-segue' ? true : id === 'rlbox-gcc-nosegue' ? false : undefined;
  const bounds = id === 'rlbox-bounds' || id === 'rlbox-bounds-gcc';
  const outDir = join(ctx.workDir, id);
  // The three rlbox variants share steps 1-2 (same sources, same .wasm): start from the first one's outputs so
  // `rlbox build`'s content-hash reuse skips them instead of compiling SQLite to wasm three times.
  const seed = join(ctx.workDir, 'rlbox-gcc');
  if (id !== 'rlbox-gcc' && !existsSync(join(outDir, 'rlbox-build.json')) && existsSync(join(seed, 'rlbox-build.json'))) {
    await cp(seed, outDir, { recursive: true, filter: (src) => !src.endsWith('.lock') && !src.endsWith('bench') });
  }
  const t0 = performance.now();
  const result = await buildLibrary({
    sources: w.sources,
    name: w.workload.name,
    outDir,
    includeDirs: w.includeDirs,
    defines: w.defines,
    cc,
    boundsChecks: bounds,
    ...(id === 'rlbox-split' ? { split: 4 } : {}),
    ...(segue !== undefined ? { segue } : {}),
    jobs: ctx.jobs,
    onProgress: (e) => {
      if (e.status === 'done') ctx.log(`  ${w.workload.name}/${id}: [${e.step}/${e.total}] ${e.label} ... ${e.seconds?.toFixed(1)} s`);
    },
  });
  const host = join(hostDir(ctx), 'rlbox-host.c');
  const exe = join(outDir, 'bench');
  const command = [
    cc, '-O2', `-DBENCH_MODULE=${w.workload.name}`, `-I${outDir}`, `-I${hostDir(ctx)}`,
    // The host includes wasm-rt.h too: it sees the same configuration macros as the sandbox.
    ...result.record.sandboxCflags.filter((f) => f.startsWith('-DWASM_RT_')),
    host, result.files.staticLib, '-o', exe, ...result.record.sandboxLibs,
  ];
  const hostSeconds = await buildIfChanged(exe, command, [host, join(hostDir(ctx), 'host-main.h'), result.files.staticLib]);
  const built = result.steps.some((s) => !s.upToDate) || hostSeconds !== null;
  return { id, command: [exe], buildSeconds: built ? (performance.now() - t0) / 1000 : null, rlbox: result };
}

async function buildWabt(ctx: BuildContext, wasm: string): Promise<BuiltVariant> {
  const dir = join(ctx.workDir, 'wabt');
  await mkdir(dir, { recursive: true });
  const c = join(dir, 'bench.c');
  const translate = ['wasm2c', '-n', 'bench', wasm, '-o', c];
  const translateSeconds = await buildIfChanged(c, translate, [wasm]);
  const stubs = join(dir, 'wabt-imports.c');
  await writeWabtImportStubs(join(dir, 'bench.h'), join(hostDir(ctx), 'wabt-host.c'), stubs);
  const exe = join(dir, 'bench-exe');
  const host = join(hostDir(ctx), 'wabt-host.c');
  const command = [
    'gcc', ...WABT_GCC_FLAGS, `-I${dir}`, `-I${WABT_RUNTIME_DIR}`, `-I${hostDir(ctx)}`,
    host, c, stubs, join(WABT_RUNTIME_DIR, 'wasm-rt-impl.c'), '-o', exe, '-lm',
  ];
  const seconds = await buildIfChanged(exe, command, [host, join(hostDir(ctx), 'host-main.h'), c, stubs]);
  const total = seconds === null && translateSeconds === null ? null : (seconds ?? 0) + (translateSeconds ?? 0);
  return { id: 'wabt', command: [exe], buildSeconds: total, translateSeconds, wabtC: c, wabtExe: exe };
}

function buildOne(ctx: BuildContext, w: ResolvedWorkload, id: VariantId, wasm: string): Promise<BuiltVariant> {
  switch (id) {
    case 'native-gcc': return buildNative(ctx, w, 'gcc');
    case 'native-clang': return buildNative(ctx, w, 'clang');
    case 'rlbox-gcc':
    case 'rlbox-clang':
    case 'rlbox-bounds':
    case 'rlbox-bounds-gcc':
    case 'rlbox-clang-segue':
    case 'rlbox-gcc-nosegue':
    case 'rlbox-split': return buildRlbox(ctx, w, id);
    case 'wabt': return buildWabt(ctx, wasm);
    case 'node': return Promise.resolve({ id, command: [process.execPath, join(hostDir(ctx), 'node-host.mjs'), wasm], buildSeconds: null });
  }
}

export interface WorkloadBuild {
  readonly variants: readonly BuiltVariant[];
  readonly wasm: string;
}

/** Builds every requested variant of one workload: rlbox-gcc first (it makes the .wasm the others reuse). */
export async function buildVariants(ctx: BuildContext, w: ResolvedWorkload, ids: readonly VariantId[], fresh: boolean): Promise<WorkloadBuild> {
  if (fresh) await rm(ctx.workDir, { recursive: true, force: true });
  await mkdir(ctx.workDir, { recursive: true });
  const built = new Map<VariantId, BuiltVariant>();
  const first = await buildRlbox(ctx, w, 'rlbox-gcc');
  built.set('rlbox-gcc', first);
  const wasm = first.rlbox!.files.wasm;
  // The remaining variants are independent: build them side by side, one compiler process each per core.
  const rest = ids.filter((id) => !built.has(id));
  const made = await pool(ctx.jobs, rest.map((id) => async (): Promise<BuiltVariant> => {
    const v = await buildOne(ctx, w, id, wasm);
    if (v.buildSeconds !== null) ctx.log(`  ${w.workload.name}/${id}: built in ${v.buildSeconds.toFixed(1)} s`);
    return v;
  }));
  for (const v of made) built.set(v.id, v);
  return { variants: ids.map((id) => built.get(id)!), wasm };
}
