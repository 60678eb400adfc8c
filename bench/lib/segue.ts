// The 'rlbox-segue' experiment: rlbox-gcc's generated C with its load/store helpers rewritten to address linear
// memory through the %gs segment (gcc's __seg_gs address space; the host points the %gs base at memory 0 with
// arch_prctl before the call). It shows what "Segue" would buy the emitter: every access becomes one
// gs-relative instruction and the base no longer occupies a register. A prototype for measurements only: one
// instance per thread, guard-page mode, and the host sets the base (the real change belongs in the emitter and
// the runtime's entry paths, see bench/RESULTS.md).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BuildResult } from '../../src/build/index.js';
import { buildIfChanged, hostDir, type BuildContext, type BuiltVariant } from './variants.js';
import type { ResolvedWorkload } from './workloads.js';

const SEGUE_HELPERS = `/* Segue prototype (bench/lib/segue.ts): linear memory 0 addressed through %gs. */
#if W2C__BOUNDS_CHECK
#error "the Segue prototype is for guard-page mode"
#endif
#define W2C__DEFINE_LOAD(name, t) \\
  W2C__HELPER t name(const u8* mb, u64 ms, u64 a) { \\
    (void)mb; (void)ms; \\
    return *(const __seg_gs t*)(uintptr_t)a; \\
  }
#define W2C__DEFINE_STORE(name, t) \\
  W2C__HELPER void name(u8* mb, u64 ms, u64 a, t v) { \\
    (void)mb; (void)ms; \\
    *(__seg_gs t*)(uintptr_t)a = v; \\
  }
`;

/** Replaces the emitter's load/store helper macros; fails loudly when the emitter's prelude has changed shape. */
export function patchForSegue(source: string, file: string): string {
  const start = source.indexOf('#define W2C__DEFINE_LOAD(name, t)');
  const end = source.indexOf('W2C__DEFINE_LOAD(w2c__load_u8, u8)');
  if (start < 0 || end < start) {
    throw new Error(`${file}: the load/store helper macros were not found; update bench/lib/segue.ts to the emitter's prelude`);
  }
  return source.slice(0, start) + SEGUE_HELPERS + source.slice(end);
}

interface RuntimeManifestJson {
  readonly sources: readonly string[];
}

export async function buildSegue(ctx: BuildContext, w: ResolvedWorkload, seed: BuildResult): Promise<BuiltVariant> {
  const dir = join(ctx.workDir, 'rlbox-segue');
  await mkdir(dir, { recursive: true });
  const parts: string[] = [];
  for (const part of seed.files.wasmCParts) {
    const out = join(dir, basename(part));
    const patched = patchForSegue(await readFile(part, 'utf8'), part);
    const old = await readFile(out, 'utf8').catch(() => null);
    if (old !== patched) await writeFile(out, patched);
    parts.push(out);
  }
  const runtimeDir = join(ctx.benchDir, '..', 'runtime');
  const manifest = JSON.parse(await readFile(join(runtimeDir, 'manifest.json'), 'utf8')) as RuntimeManifestJson;
  const runtimeSources = manifest.sources.map((s) => join(runtimeDir, s));
  const host = join(hostDir(ctx), 'rlbox-host.c');
  const exe = join(dir, 'bench');
  const command = [
    'gcc', ...seed.record.sandboxCflags, `-I${seed.outDir}`, `-I${runtimeDir}`, `-I${hostDir(ctx)}`,
    `-DBENCH_MODULE=${w.workload.name}`, '-DBENCH_SEGUE',
    host, ...parts, ...runtimeSources, '-o', exe, ...seed.record.sandboxLibs,
  ];
  const seconds = await buildIfChanged(exe, command, [host, join(hostDir(ctx), 'host-main.h'), ...parts, ...runtimeSources]);
  return { id: 'rlbox-segue', command: [exe], buildSeconds: seconds };
}
