// The wasm -> C emitter: a validated module becomes `<name>.wasm.c` + `<name>.wasm.h` following the wasm2c ABI
// (shared/abi/WASM2C-ABI.md). Everything here is pure string building; files and compilers are elsewhere.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Module, ValType } from '../wasm/ir.js';
import { typeFunctionBody } from '../validate/index.js';
import { emitFunction, type BodyTyper, type FunctionContext } from './function.js';
import {
  checkNoSimd, emitForwardDeclarations, emitHeader, emitInstanceFunctions, emitStaticData, exportPrototype,
} from './module.js';
import { mangleName } from './mangle.js';
import { buildNames } from './names.js';
import { PRELUDE } from './prelude.js';
import { describeSegments } from './segments.js';

export { mangleModuleName, mangleName, externalSymbol } from './mangle.js';
export { UnsupportedFeatureError } from './errors.js';

/**
 * Flags the generated C should be compiled with (besides -O2 and the include path of runtime/): keep sibling
 * calls as calls so the stack check sees every frame, keep floating point bit-exact (no contraction into FMA,
 * no constant folding that assumes a rounding mode, signaling NaNs preserved), and link libm for the rounding
 * functions. The list lives in one place, runtime/manifest.json (`generatedCodeCflags`, what C hosts read);
 * these are views of it: the flags every compiler takes, and the ones only gcc or only clang know.
 */
function readGeneratedCodeCflags(): { common: string[]; gcc: string[]; clang: string[] } {
  // src/emit-c/ and dist/emit-c/ sit two levels below the package root; copies elsewhere find it further up.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'runtime', 'manifest.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { generatedCodeCflags?: Record<string, unknown> };
      const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      const g = json.generatedCodeCflags ?? {};
      const gcc = list(g['gcc']);
      const clang = list(g['clang']);
      const both = gcc.filter((f) => clang.includes(f));
      return {
        common: [...new Set([...list(g['common']), ...both])],
        gcc: gcc.filter((f) => !both.includes(f)),
        clang: clang.filter((f) => !both.includes(f)),
      };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('rlbox-ts: runtime/manifest.json (the generated code\'s compile flags) was not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
const generatedCodeCflags = readGeneratedCodeCflags();
/** For every compiler. */
export const GENERATED_C_FLAGS: readonly string[] = generatedCodeCflags.common;
/** Additional flags for gcc only (clang does not know -fsignaling-nans and warns about it). */
export const GENERATED_C_FLAGS_GCC: readonly string[] = generatedCodeCflags.gcc;
/** Additional flags for clang only. */
export const GENERATED_C_FLAGS_CLANG: readonly string[] = generatedCodeCflags.clang;
/** All flags for one kind of compiler. */
export function generatedCFlags(kind: 'gcc' | 'clang'): readonly string[] {
  return [...GENERATED_C_FLAGS, ...(kind === 'gcc' ? GENERATED_C_FLAGS_GCC : GENERATED_C_FLAGS_CLANG)];
}
export const GENERATED_C_LIBS: readonly string[] = ['-lm'];

export interface EmitCOptions {
  /** The module name of the ABI (unmangled), e.g. from defaultModuleName. */
  readonly moduleName: string;
  /** The file name the source includes; defaults to `${moduleName}.wasm.h`. */
  readonly headerName?: string;
  /** How function bodies are typed; defaults to the validator's typeFunctionBody. */
  readonly typer?: BodyTyper;
}

export interface EmittedC {
  readonly header: string;
  readonly source: string;
}

export interface EmitCSplitOptions extends EmitCOptions {
  /** How many .c files to produce (at least 1); functions are spread evenly by size. */
  readonly outputs: number;
}

export interface EmittedCSplit {
  readonly header: string;
  /** The .c files; the first one also holds instantiate, free, exports and the data segments. */
  readonly sources: readonly string[];
}

/** The module name of the ABI: the name section's module name with a leading `$`, else the file's base name. */
export function defaultModuleName(module: Module, fileName: string): string {
  if (module.names?.module !== undefined) return '$' + module.names.module;
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function translate(module: Module, options: EmitCOptions, outputs: number): { header: string; sources: string[] } {
  checkNoSimd(module);
  const split = outputs > 1;
  const names = buildNames(module, options.moduleName, split);
  const ctx: FunctionContext = { module, names, segments: describeSegments(module, names.internalPrefix) };
  const headerName = options.headerName ?? `${options.moduleName}.wasm.h`;
  const typer = options.typer ?? typeFunctionBody;

  const header = emitHeader(ctx);
  const preamble = [
    '/* Generated by rlbox-ts wasm2c. Do not edit. */',
    `#include "${headerName.replace(/["\\]/g, '_')}"`,
    PRELUDE,
  ].join('\n');
  const functions: string[] = [];
  for (let i = 0; i < module.funcs.length; i++) functions.push(emitFunction(ctx, i, typer));
  const declarations = emitForwardDeclarations(ctx);
  const moduleLevel = emitInstanceFunctions(ctx);
  const staticData = emitStaticData(ctx);
  if (!split) {
    // One join over the pieces and separators (the lines of [preamble, staticData, '', declarations, '', f + '\n'
    // for each function, moduleLevel]): the 8 MB of SQLite's source are copied once.
    const pieces: string[] = [preamble, '\n', staticData, '\n\n', declarations, '\n\n'];
    for (const f of functions) pieces.push(f, '\n\n');
    pieces.push(moduleLevel);
    return { header, sources: [pieces.join('')] };
  }
  // Spread functions over the files by text size, keeping their order (neighbours often call each other).
  const total = functions.reduce((n, f) => n + f.length, 0) + moduleLevel.length + staticData.length;
  const target = total / outputs;
  const files: string[][] = [[staticData, '', declarations, '', moduleLevel]];
  let size = moduleLevel.length + staticData.length;
  for (const f of functions) {
    if (size >= target && files.length < outputs) {
      files.push([declarations, '']);
      size = 0;
    }
    files[files.length - 1]!.push(f + '\n');
    size += f.length;
  }
  while (files.length < outputs) files.push([declarations]);
  return { header, sources: files.map((parts) => [preamble, ...parts].join('\n')) };
}

/** Translates a validated module to one .c file and its header. Throws UnsupportedFeatureError for SIMD. */
export function emitC(module: Module, options: EmitCOptions): EmittedC {
  const { header, sources } = translate(module, options, 1);
  return { header, source: sources[0]! };
}

/**
 * Translates a validated module to several .c files (compiled separately, e.g. in parallel, and linked together)
 * and one header. With `outputs: 1` it is emitC's single file.
 */
export function emitCSplit(module: Module, options: EmitCSplitOptions): EmittedCSplit {
  return translate(module, options, Math.max(1, Math.floor(options.outputs)));
}

export interface ExportedSymbol {
  /** The export's name in the module. */
  readonly name: string;
  readonly kind: 'func' | 'table' | 'memory' | 'global';
  /** The C function the header declares for it: `w2c_<mod>_<name>`. */
  readonly symbol: string;
  /** Functions: wasm parameter and result types (the C function takes the instance pointer first). */
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** The full C prototype as in the header, without the `;`. */
  readonly prototype: string;
}

/** What the generated header exports, for glue and binding generators that call the C symbols. */
export function describeExports(module: Module, moduleName: string): ExportedSymbol[] {
  const names = buildNames(module, moduleName);
  return module.exports.map((e) => {
    const type = e.kind === 'func' ? names.funcs[e.index]!.type : { params: [], results: [] };
    return {
      name: e.name,
      kind: e.kind,
      symbol: `w2c_${names.mod}_${mangleName(e.name)}`,
      params: type.params,
      results: type.results,
      prototype: exportPrototype(module, names, e),
    };
  });
}
