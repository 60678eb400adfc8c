// The compiler stages the execution phase drives: decode, validate, emit C; and the flags the emitter
// recommends for compiling its output. Loaded lazily so that a missing stage fails modules, not the runner.

import type { Module } from '../../../src/wasm/ir.js';
import { loadFrontEnd, type FrontEnd } from '../stages.js';
import { compilerIsGcc } from './toolchain.js';
import type { decodeModule } from '../../../src/decode/index.js';
import type { validateModule } from '../../../src/validate/index.js';
import type { emitC } from '../../../src/emit-c/index.js';

export type EmitC = (m: Module, opts: { moduleName: string; headerName?: string }) => { header: string; source: string };

export interface BackEnd extends FrontEnd {
  readonly emitC: EmitC;
  /** Extra cc flags for generated code (the emitter's recommendation). */
  readonly generatedCodeFlags: readonly string[];
}

export async function loadBackEnd(): Promise<BackEnd> {
  const front = await loadFrontEnd();
  const specifier: string = new URL('../../../src/emit-c/index.ts', import.meta.url).href;
  let emitC: EmitC;
  let generatedCodeFlags: readonly string[] = [];
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    if (typeof mod.emitC !== 'function') throw new Error('src/emit-c/index.ts has no export emitC');
    emitC = mod.emitC as EmitC;
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    generatedCodeFlags = [...strings(mod.GENERATED_C_FLAGS), ...(compilerIsGcc() ? strings(mod.GENERATED_C_FLAGS_GCC) : [])];
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    emitC = () => {
      throw new Error(`stage missing: emitC (${why})`);
    };
  }
  return { ...front, emitC, generatedCodeFlags };
}

// Compile-time check that the stages still have the signatures this runner calls them with (the imports above
// are type-only, so a stage that fails to load at run time still only fails its modules).
type Assignable<T, _U extends T> = true;
export type StageContracts = [
  Assignable<FrontEnd['decodeModule'], typeof decodeModule>,
  Assignable<FrontEnd['validateModule'], typeof validateModule>,
  Assignable<EmitC, typeof emitC>,
];
