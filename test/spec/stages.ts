// The compiler stages the runner drives, loaded lazily so that the runner still reports (every module failing
// with "stage missing") while a stage is not written yet, instead of failing to load at all.

import type { Module } from '../../src/wasm/ir.js';

export type DecodeModule = (bytes: Uint8Array) => Module;
export type ValidateModule = (m: Module) => void;

export interface FrontEnd {
  readonly decodeModule: DecodeModule;
  readonly validateModule: ValidateModule;
}

async function importStage<T>(relativePath: string, exportName: string): Promise<T> {
  // A non-literal specifier: the type-checker does not resolve it, so a missing stage is a run-time error only.
  const specifier: string = new URL(relativePath, import.meta.url).href;
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    const fn = mod[exportName];
    if (typeof fn !== 'function') throw new Error(`${relativePath} has no export ${exportName}`);
    return fn as T;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return ((..._args: unknown[]) => {
      throw new Error(`stage missing: ${exportName} (${why.split('\n')[0]})`);
    }) as T;
  }
}

export async function loadFrontEnd(): Promise<FrontEnd> {
  return {
    decodeModule: await importStage<DecodeModule>('../../src/decode/index.ts', 'decodeModule'),
    validateModule: await importStage<ValidateModule>('../../src/validate/index.ts', 'validateModule'),
  };
}
