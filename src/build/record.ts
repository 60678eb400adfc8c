// Content hashing and the build record `<out>/rlbox-build.json`. The record tells the backends what was built
// (file names, the module's exports with their wasm signatures) and tells the next build which steps are still
// up to date: each step stores the hash of everything it read (tool versions, flags, file contents).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ExportInfo {
  readonly name: string;
  readonly kind: 'func' | 'table' | 'memory' | 'global';
  /** Functions: parameter and result types as wasm value types (`i32`, `i64`, `f32`, `f64`, ...). */
  readonly params?: readonly string[];
  readonly results?: readonly string[];
  /** Globals: value type and mutability. */
  readonly type?: string;
  readonly mutable?: boolean;
}

export interface ImportInfo {
  readonly module: string;
  readonly name: string;
  readonly kind: 'func' | 'table' | 'memory' | 'global';
}

export interface StepRecord {
  readonly key: string;
  /** Files the step's compiler read besides the listed sources (headers, from its depfiles). */
  readonly deps?: readonly string[];
  readonly seconds?: number;
}

/** The outputs of a build; the record stores them relative to its directory, BuildResult as absolute paths. */
export interface OutputFiles {
  readonly wasm: string;
  readonly wasmC: string;
  /** Every generated .c file: `[wasmC]`, or with --split N also `<name>_1.wasm.c` ... `<name>_<N-1>.wasm.c`. */
  readonly wasmCParts: readonly string[];
  readonly wasmH: string;
  /** `<name>.rlbox.c`, or null when this rlbox-ts has no glue emitter. */
  readonly glue: string | null;
  readonly staticLib: string;
  readonly sharedLib: string;
  readonly nativeLib: string;
  /**
   * `<name>.wasm2c.node`: lib<name>_sandbox.so's code plus N-API entry points (the wasm2c backend's fast call
   * path), or null when Node's headers were not available to the build.
   */
  readonly addon: string | null;
  /** `rlbox-build.mk`: RLBOX_CFLAGS / RLBOX_SANDBOX_LIB / RLBOX_LIBS for Makefiles of C and C++ hosts. */
  readonly makeFragment: string;
  /** Runtime headers copied into the output directory. */
  readonly headers: readonly string[];
}

export interface BuildRecord {
  readonly format: 'rlbox-build/1';
  readonly name: string;
  /** The C module name used for the generated symbols (`w2c_<moduleName>_...`). */
  readonly moduleName: string;
  readonly rlboxVersion: string;
  /** Output file names, relative to the directory holding the record. */
  readonly files: OutputFiles;
  readonly sources: readonly string[];
  readonly exports: readonly ExportInfo[];
  readonly imports: readonly ImportInfo[];
  readonly options: {
    readonly cflags: readonly string[];
    readonly includeDirs: readonly string[];
    readonly defines: readonly string[];
    readonly stackSize: number;
    readonly boundsChecks: boolean;
    /** Absent: the runtime's default for the compiler. */
    readonly segue?: boolean;
    readonly split: number;
  };
  /** Flags the sandboxed library was compiled with (C hosts compiling against the header should match them). */
  readonly sandboxCflags: readonly string[];
  /** Libraries a host linking the static archive needs. */
  readonly sandboxLibs: readonly string[];
  readonly tools: { readonly clang: string; readonly cc: string; readonly ccVersion: string; readonly ar: string; readonly clangVersion: string };
  readonly steps: Readonly<Record<string, StepRecord>>;
}

export const RECORD_FILE = 'rlbox-build.json';

export function readRecord(path: string): Partial<BuildRecord> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Partial<BuildRecord>;
    return r.format === 'rlbox-build/1' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Hashes a description (anything JSON) together with the contents of files; a missing file hashes as such. */
export async function hashInputs(description: unknown, files: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify(description));
  for (const f of files) {
    h.update(`\0${f}\0`);
    try {
      h.update(await readFile(f));
    } catch {
      h.update('\0missing');
    }
  }
  return h.digest('hex');
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Parses a Make-style dependency file as written by `cc -MD -MF`: every prerequisite of every target. */
export function parseDepfile(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const deps: string[] = [];
  for (const line of joined.split(/\r?\n/)) {
    const colon = line.search(/:(\s|$)/);
    if (colon < 0) continue;
    const rest = line.slice(colon + 1);
    // Split on unescaped whitespace; `\ ` is a space inside a path.
    for (const m of rest.matchAll(/(?:\\.|[^\s\\])+/g)) deps.push(m[0].replace(/\\(.)/g, '$1'));
  }
  return [...new Set(deps)];
}
