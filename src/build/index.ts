// The build driver behind `rlbox build`: C sources -> sandboxed library, in four steps
//   1. C -> <name>.wasm                        clang --target=wasm32-wasi + wasi-libc
//   2. <name>.wasm -> <name>.wasm.c/.h         rlbox-ts's own wasm2c (in process), + <name>.rlbox.c glue
//   3. generated C + runtime -> lib<name>_sandbox.a/.so     host cc
//   4. C -> lib<name>_native.so                host cc, for the `noop` backend
// Each step is skipped when the hash of everything it reads matches the one stored in rlbox-build.json.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError } from './errors.js';
import { resolveOptions, userCompileFlags, type BuildOptions, type ResolvedOptions } from './options.js';
import { packageVersion } from './package-files.js';
import type { ProgressEvent } from './progress.js';
import { hashInputs, readRecord, RECORD_FILE, type BuildRecord, type ExportInfo, type ImportInfo, type StepRecord } from './record.js';
import { loadRuntimeManifest, type RuntimeManifest } from './runtime-manifest.js';
import { loadStages } from './stages.js';
import { buildNative } from './steps/native.js';
import { buildSandbox, copyRuntimeHeaders } from './steps/sandbox.js';
import { buildWasm, SUPPORT_SOURCE, wasmLinkFlags } from './steps/wasm.js';
import { buildC, describeExports, describeImports } from './steps/wasm2c.js';
import { findToolchain } from './toolchain.js';

export { BuildError, CommandError, ToolchainError, formatCommand } from './errors.js';
export { findToolchain, classifyProbeFailure, type Toolchain } from './toolchain.js';
export { resolveOptions, DEFAULT_STACK_SIZE, type BuildOptions } from './options.js';
export { formatProgress, progressPrefix, progressSuffix, type ProgressEvent } from './progress.js';
export { RECORD_FILE, readRecord, type BuildRecord, type ExportInfo, type ImportInfo } from './record.js';

export interface BuildFiles {
  readonly wasm: string;
  readonly wasmC: string;
  readonly wasmH: string;
  /** `<name>.rlbox.c`, or null when this rlbox-ts has no glue emitter. */
  readonly glue: string | null;
  readonly staticLib: string;
  readonly sharedLib: string;
  readonly nativeLib: string;
  readonly record: string;
  /** Runtime headers copied into the output directory. */
  readonly headers: readonly string[];
}

export interface StepOutcome {
  readonly id: 'wasm' | 'wasm2c' | 'sandbox' | 'native';
  readonly label: string;
  readonly upToDate: boolean;
  readonly seconds: number;
}

export interface BuildResult {
  readonly name: string;
  readonly moduleName: string;
  readonly outDir: string;
  /** Absolute paths. */
  readonly files: BuildFiles;
  readonly exports: readonly ExportInfo[];
  readonly steps: readonly StepOutcome[];
  readonly record: BuildRecord;
}

const TOTAL_STEPS = 4;

function filesOf(o: ResolvedOptions): Omit<BuildFiles, 'glue' | 'headers'> & { glue: string } {
  const out = (f: string) => join(o.outDir, f);
  return {
    wasm: out(`${o.name}.wasm`),
    wasmC: out(`${o.name}.wasm.c`),
    wasmH: out(`${o.name}.wasm.h`),
    glue: out(`${o.name}.rlbox.c`),
    staticLib: out(`lib${o.name}_sandbox.a`),
    sharedLib: out(`lib${o.name}_sandbox.so`),
    nativeLib: out(`lib${o.name}_native.so`),
    record: out(RECORD_FILE),
  };
}

/** Every file of the in-process compiler, so that a changed rlbox-ts regenerates the C. */
async function compilerFiles(): Promise<string[]> {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const files: string[] = [];
  for (const dir of ['wasm', 'decode', 'validate', 'emit-c']) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const f of (await readdir(abs, { recursive: true })).sort()) {
      if (/\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')) files.push(join(abs, f));
    }
  }
  return files;
}

async function runtimeFiles(runtime: RuntimeManifest): Promise<string[]> {
  const files = new Set(runtime.sources);
  for (const d of runtime.includeDirs) {
    if (!existsSync(d)) continue;
    for (const f of await readdir(d)) if (/\.(h|c)$/.test(f)) files.add(join(d, f));
  }
  return [...files].sort();
}

/** Builds a sandboxed library (and its native twin) from C sources. Throws BuildError and its subclasses. */
export async function buildLibrary(options: BuildOptions): Promise<BuildResult> {
  const o = resolveOptions(options);
  const tools = await findToolchain({ ...(o.cc !== undefined ? { cc: o.cc } : {}), env: o.env });
  const files = filesOf(o);
  const objDir = join(o.outDir, 'obj');
  await mkdir(objDir, { recursive: true });
  const prev = readRecord(files.record);
  const prevSteps: Record<string, StepRecord> = o.force ? {} : { ...(prev?.steps ?? {}) };
  const steps: Record<string, StepRecord> = {};
  const outcomes: StepOutcome[] = [];
  let failed: string | undefined;
  const colorFlags = o.color ? ['-fdiagnostics-color=always'] : [];
  const userFlags = userCompileFlags(o);
  const srcNames = o.sources.map((s) => basename(s)).join(' ');

  let exportsInfo: readonly ExportInfo[] = prev?.exports ?? [];
  let importsInfo: readonly ImportInfo[] = prev?.imports ?? [];
  let glue: string | null = prev?.files?.glue ? files.glue : null;
  let headers: string[] = (prev?.files?.headers ?? []).map((h) => join(o.outDir, h));
  let sandboxCflags: readonly string[] = prev?.sandboxCflags ?? [];
  let sandboxLibs: readonly string[] = prev?.sandboxLibs ?? [];

  /**
   * Runs one step unless its inputs hash to the stored key and its outputs exist. `inputs` may depend on what
   * the previous run recorded (headers from depfiles); `run` returns the files it actually read, and the key
   * is stored over those, so the next run checks exactly what this compile depended on.
   */
  async function step(
    index: number,
    id: StepOutcome['id'],
    label: string,
    description: unknown,
    inputs: readonly string[],
    outputs: readonly string[],
    run: () => Promise<readonly string[] | undefined>,
  ): Promise<boolean> {
    const event = (status: ProgressEvent['status'], seconds?: number): ProgressEvent => ({
      step: index,
      total: TOTAL_STEPS,
      label,
      status,
      ...(seconds !== undefined ? { seconds } : {}),
    });
    const before = prevSteps[id];
    const deps = before?.deps ?? [];
    const key = await hashInputs(description, [...inputs, ...deps]);
    if (before?.key === key && outputs.every((f) => existsSync(f))) {
      steps[id] = before;
      outcomes.push({ id, label, upToDate: true, seconds: 0 });
      o.progress(event('up-to-date'));
      return false;
    }
    o.progress(event('start'));
    const t0 = performance.now();
    let read: readonly string[] | undefined;
    try {
      read = await run();
    } catch (e) {
      failed = id;
      o.progress(event('failed', (performance.now() - t0) / 1000));
      throw e;
    }
    const seconds = (performance.now() - t0) / 1000;
    const newDeps = read ? read.filter((f) => !inputs.includes(f)) : [];
    steps[id] = {
      key: await hashInputs(description, [...inputs, ...newDeps]),
      ...(read ? { deps: newDeps } : {}),
      seconds: Math.round(seconds * 1000) / 1000,
    };
    outcomes.push({ id, label, upToDate: false, seconds });
    o.progress(event('done', seconds));
    return true;
  }

  const record = (): BuildRecord => ({
    format: 'rlbox-build/1',
    name: o.name,
    moduleName: o.name,
    rlboxVersion: packageVersion,
    files: {
      wasm: basename(files.wasm),
      wasmC: basename(files.wasmC),
      wasmH: basename(files.wasmH),
      glue: glue ? basename(glue) : null,
      staticLib: basename(files.staticLib),
      sharedLib: basename(files.sharedLib),
      nativeLib: basename(files.nativeLib),
      headers: headers.map((h) => basename(h)),
    },
    sources: o.sources,
    exports: exportsInfo,
    imports: importsInfo,
    options: { cflags: o.cflags, includeDirs: o.includeDirs, defines: o.defines, stackSize: o.stackSize, boundsChecks: o.boundsChecks },
    sandboxCflags,
    sandboxLibs,
    tools: { clang: tools.clang, clangVersion: tools.clangVersion, cc: tools.cc, ccVersion: tools.ccVersion, ar: tools.ar },
    steps,
  });

  try {
    const linkCflags = o.cflags;
    await step(
      1,
      'wasm',
      `compile ${srcNames} -> ${basename(files.wasm)} (clang wasm32-wasi)`,
      { tool: tools.clangVersion, clang: tools.clang, wasmFlags: tools.wasmFlags, userFlags, link: wasmLinkFlags(o.stackSize), support: SUPPORT_SOURCE },
      o.sources,
      [files.wasm],
      () => buildWasm({ tools, sources: o.sources, userFlags, linkCflags, colorFlags, stackSize: o.stackSize, objDir: join(objDir, 'wasm'), wasmPath: files.wasm, jobs: o.jobs, onWarnings: o.warnings }),
    );

    const stages = await loadStages();
    const hasGlue = stages.emitRlboxGlue !== undefined;
    const generatedOutputs = [files.wasmC, files.wasmH, ...(hasGlue ? [files.glue] : [])];
    await step(
      2,
      'wasm2c',
      `translate ${basename(files.wasm)} -> ${basename(files.wasmC)}/.h (rlbox-ts wasm2c)`,
      { rlbox: packageVersion, moduleName: o.name, glue: hasGlue },
      [files.wasm, ...(await compilerFiles())],
      generatedOutputs,
      async () => {
        const r = await buildC({
          wasmPath: files.wasm,
          moduleName: o.name,
          cPath: files.wasmC,
          hPath: files.wasmH,
          headerName: basename(files.wasmH),
          gluePath: files.glue,
        });
        exportsInfo = describeExports(r.module);
        importsInfo = describeImports(r.module);
        return undefined;
      },
    );
    glue = hasGlue ? files.glue : null;

    const runtime = loadRuntimeManifest();
    headers = (await copyRuntimeHeaders(runtime, o.outDir)).map((h) => join(o.outDir, h));
    sandboxCflags = [
      '-O2',
      '-fPIC',
      ...stages.generatedCflags(tools.ccKind),
      ...runtime.cflags,
      ...(o.boundsChecks ? ['-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1'] : []),
    ];
    sandboxLibs = runtime.libs;
    const sandboxFlags = [...sandboxCflags, `-I${o.outDir}`, ...runtime.includeDirs.map((d) => `-I${d}`)];
    await step(
      3,
      'sandbox',
      `compile ${basename(files.wasmC)} + runtime -> ${basename(files.staticLib)}, ${basename(files.sharedLib)} (${tools.cc})`,
      { tool: tools.ccVersion, cc: tools.cc, ar: tools.ar, flags: sandboxCflags, libs: runtime.libs, runtime: runtime.sources.map((s) => basename(s)) },
      [...generatedOutputs, ...(await runtimeFiles(runtime))],
      [files.staticLib, files.sharedLib],
      async () => {
        await buildSandbox({
          tools,
          runtime,
          generated: [files.wasmC, ...(glue ? [glue] : [])],
          cflags: sandboxFlags,
          colorFlags,
          objDir: join(objDir, 'sandbox'),
          archivePath: files.staticLib,
          soPath: files.sharedLib,
          jobs: o.jobs,
          onWarnings: o.warnings,
        });
        return undefined;
      },
    );

    await step(
      4,
      'native',
      `compile ${srcNames} -> ${basename(files.nativeLib)} (${tools.cc})`,
      { tool: tools.ccVersion, cc: tools.cc, userFlags, linkCflags },
      o.sources,
      [files.nativeLib],
      () => buildNative({ tools, sources: o.sources, userFlags, linkCflags, colorFlags, objDir: join(objDir, 'native'), soPath: files.nativeLib, jobs: o.jobs, onWarnings: o.warnings }),
    );
  } finally {
    // Keep what succeeded (and what was not reached), so the next run resumes at the step that failed.
    for (const [id, r] of Object.entries(prevSteps)) if (id !== failed && !(id in steps)) steps[id] = r;
    await writeFile(files.record, JSON.stringify(record(), null, 2) + '\n').catch(() => {});
  }

  if (exportsInfo.length === 0) throw new BuildError(`${files.record}: no export information (rebuild with --force)`);
  return {
    name: o.name,
    moduleName: o.name,
    outDir: o.outDir,
    files: { ...files, glue, headers },
    exports: exportsInfo,
    steps: outcomes,
    record: record(),
  };
}
