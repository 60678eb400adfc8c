// The compiler stages the build drives in-process: decoder, validator, C emitter and RLBox glue emitter.
// Loaded on first use so `rlbox build --help` and the toolchain checks do not pay for loading the compiler.
import type { Module } from '../wasm/ir.js';

export interface EmitCOptions {
  readonly moduleName: string;
  readonly headerName?: string;
}

export interface Stages {
  decodeModule(bytes: Uint8Array): Module;
  validateModule(module: Module): unknown;
  emitC(module: Module, options: EmitCOptions): { header: string; source: string };
  emitCSplit(module: Module, options: EmitCOptions & { outputs: number }): { header: string; sources: readonly string[] };
  /** Libraries the generated code needs (libm). */
  generatedLibs: readonly string[];
  emitRlboxGlue(module: Module, moduleName: string, headerName: string): string;
}

let loaded: Promise<Stages> | undefined;

export function loadStages(): Promise<Stages> {
  loaded ??= (async () => {
    const [decode, validate, emit, glue] = await Promise.all([
      import('../decode/index.js'),
      import('../validate/index.js'),
      import('../emit-c/index.js'),
      import('../emit-c/rlbox-glue.js'),
    ]);
    return {
      decodeModule: decode.decodeModule,
      validateModule: validate.validateModule,
      emitC: emit.emitC,
      emitCSplit: emit.emitCSplit,
      // A view of runtime/manifest.json's generatedCodeCflags, the one list C hosts read as well.
      generatedLibs: emit.GENERATED_C_LIBS,
      emitRlboxGlue: glue.emitRlboxGlue,
    } satisfies Stages;
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
