// The compiler stages the build drives in-process: decoder, validator, C emitter and RLBox glue emitter.
// Loaded on first use so `rlbox build --help` and the toolchain checks do not pay for the compiler.
import type { Module } from '../wasm/ir.js';
import { BuildError } from './errors.js';

export interface EmitCOptions {
  readonly moduleName: string;
  readonly headerName?: string;
}

export interface Stages {
  decodeModule(bytes: Uint8Array): Module;
  validateModule(module: Module): unknown;
  emitC(module: Module, options: EmitCOptions): { header: string; source: string };
  /** Flags recommended for compiling the generated C, when the emitter says; by compiler kind. */
  generatedCflags(kind: 'gcc' | 'clang'): readonly string[];
  /** Absent until this rlbox-ts has the glue emitter. */
  emitRlboxGlue?: (module: Module, moduleName: string, headerName: string) => string;
}

// Specifiers held in variables: modules written in parallel by other parts of the project are looked up at
// run time, so this file type-checks whether or not they exist yet.
const DECODE = '../decode/index.js';
const VALIDATE = '../validate/index.js';
const EMIT = '../emit-c/index.js';
const GLUE = '../emit-c/rlbox-glue.js';

async function tryImport(spec: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(spec)) as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(spec.slice(3, -3))) {
      return undefined;
    }
    throw e;
  }
}

function fn<T>(mod: Record<string, unknown> | undefined, name: string, where: string): T {
  const f = mod?.[name];
  if (typeof f !== 'function') throw new BuildError(`this rlbox-ts has no ${name} in ${where} yet`);
  return f as T;
}

/** Upstream wasm2c's advice for -O2 builds of generated code (NaN bits and stack-exhaustion per the spec). */
const FALLBACK_FLAGS = { clang: ['-fno-optimize-sibling-calls', '-frounding-math'], gcc: ['-fno-optimize-sibling-calls', '-frounding-math', '-fsignaling-nans'] };

function emitterFlags(mod: Record<string, unknown>): (kind: 'gcc' | 'clang') => readonly string[] {
  for (const [key, value] of Object.entries(mod)) {
    if (!/FLAGS/i.test(key) || typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return () => value as string[];
    const byKind = value as Record<string, unknown>;
    if (Array.isArray(byKind['gcc']) || Array.isArray(byKind['clang'])) {
      return (kind) => ((byKind[kind] ?? byKind['gcc'] ?? byKind['clang']) as string[]);
    }
  }
  return (kind) => FALLBACK_FLAGS[kind];
}

let loaded: Promise<Stages> | undefined;

export function loadStages(): Promise<Stages> {
  loaded ??= (async () => {
    const [decode, validate, emit, glue] = await Promise.all([tryImport(DECODE), tryImport(VALIDATE), tryImport(EMIT), tryImport(GLUE)]);
    const emitRlboxGlue = glue?.['emitRlboxGlue'];
    return {
      decodeModule: fn(decode, 'decodeModule', 'src/decode'),
      validateModule: fn(validate, 'validateModule', 'src/validate'),
      emitC: fn(emit, 'emitC', 'src/emit-c'),
      generatedCflags: emitterFlags(emit ?? {}),
      ...(typeof emitRlboxGlue === 'function' ? { emitRlboxGlue: emitRlboxGlue as Stages['emitRlboxGlue'] } : {}),
    } satisfies Stages;
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
