// Step 2: <name>.wasm -> <name>.wasm.c + <name>.wasm.h with rlbox-ts's own compiler (decode, validate, emit),
// in this process. Also writes <name>.rlbox.c, the C glue the TypeScript wasm2c backend calls through, when
// the glue emitter is part of this rlbox-ts.
import { readFile, writeFile } from 'node:fs/promises';
import type { Module } from '../../wasm/ir.js';
import { WasmError } from '../../wasm/errors.js';
import { BuildError } from '../errors.js';
import type { ExportInfo, ImportInfo } from '../record.js';
import { loadStages } from '../stages.js';

export interface Wasm2cStepInput {
  readonly wasmPath: string;
  readonly moduleName: string;
  /** The .c files to write: one, or the parts of a split source (the first holds instantiate and the data). */
  readonly cPaths: readonly string[];
  readonly hPath: string;
  readonly headerName: string;
  readonly gluePath: string;
}

export interface Wasm2cStepResult {
  readonly module: Module;
  /** False when the glue emitter is not available (the glue file is then not written). */
  readonly glue: boolean;
}

export async function decodeWasmFile(wasmPath: string): Promise<Module> {
  const stages = await loadStages();
  const bytes = new Uint8Array(await readFile(wasmPath));
  try {
    const module = stages.decodeModule(bytes);
    stages.validateModule(module);
    return module;
  } catch (e) {
    if (e instanceof WasmError) {
      throw new BuildError(`${wasmPath} is not a valid WebAssembly module (${e.message}); please report this as a bug in rlbox-ts`);
    }
    throw e;
  }
}

export async function buildC(input: Wasm2cStepInput): Promise<Wasm2cStepResult> {
  const stages = await loadStages();
  const module = await decodeWasmFile(input.wasmPath);
  checkRlboxExports(module, input.wasmPath);
  const { header, sources } = stages.emitCSplit(module, {
    moduleName: input.moduleName,
    headerName: input.headerName,
    outputs: input.cPaths.length,
  });
  await writeFile(input.hPath, header);
  for (let i = 0; i < sources.length; i++) await writeFile(input.cPaths[i]!, sources[i]!);
  await writeFile(input.gluePath, stages.emitRlboxGlue(module, input.moduleName, input.headerName));
  return { module, glue: true };
}

/** RLBox passes data into the sandbox through the library's own allocator and adds callbacks to its table. */
export function checkRlboxExports(module: Module, wasmPath: string): void {
  const kinds = new Map(module.exports.map((e) => [e.name, e.kind]));
  const missing: string[] = [];
  if (kinds.get('malloc') !== 'func') missing.push('malloc (function)');
  if (kinds.get('free') !== 'func') missing.push('free (function)');
  if (kinds.get('memory') !== 'memory') missing.push('memory');
  if (kinds.get('__indirect_function_table') !== 'table') missing.push('__indirect_function_table');
  if (missing.length > 0) {
    throw new BuildError(
      `${wasmPath} does not export ${missing.join(', ')}; a sandboxed library needs them (was it linked with ` +
        `-Wl,--export-all against wasi-libc?)`,
    );
  }
}

export function describeExports(module: Module): ExportInfo[] {
  const funcTypes = [
    ...module.imports.flatMap((i) => (i.desc.kind === 'func' ? [i.desc.typeIndex] : [])),
    ...module.funcs.map((f) => f.typeIndex),
  ];
  const globalTypes = [
    ...module.imports.flatMap((i) => (i.desc.kind === 'global' ? [i.desc.type] : [])),
    ...module.globals.map((g) => g.type),
  ];
  return module.exports.map((e): ExportInfo => {
    if (e.kind === 'func') {
      const t = module.types[funcTypes[e.index]!]!;
      return { name: e.name, kind: 'func', params: [...t.params], results: [...t.results] };
    }
    if (e.kind === 'global') {
      const g = globalTypes[e.index]!;
      return { name: e.name, kind: 'global', type: g.type, mutable: g.mutable };
    }
    return { name: e.name, kind: e.kind };
  });
}

export function describeImports(module: Module): ImportInfo[] {
  return module.imports.map((i) => ({ module: i.module, name: i.name, kind: i.desc.kind }));
}
