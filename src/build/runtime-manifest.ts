// The C runtime's own description of how to compile it (runtime/manifest.json, written with the runtime):
// which .c files, which include directory, which flags. Read, never hard-coded, so the runtime can change
// without touching the build driver.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { BuildError } from './errors.js';
import { runtimeDir } from './package-files.js';

export interface RuntimeManifest {
  /** Absolute paths of the runtime's C sources. */
  readonly sources: readonly string[];
  /** Absolute include directories (holding wasm-rt.h and the WASI header). */
  readonly includeDirs: readonly string[];
  /** Absolute paths of the public headers copied next to the build outputs for C/C++ hosts. */
  readonly headers: readonly string[];
  /** Flags for compiling the runtime and the generated code (macros selecting the memory-check strategy, ...). */
  readonly cflags: readonly string[];
  /** Libraries hosts link with (`-lm`, `-pthread`, ...). */
  readonly libs: readonly string[];
  /** Extra flags for the generated code only, by host compiler kind (`common` applies to both). */
  readonly generatedCflags: (kind: 'gcc' | 'clang') => readonly string[];
}

type Json = Record<string, unknown>;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function firstOf(o: Json, keys: readonly string[]): string[] {
  for (const k of keys) if (o[k] !== undefined) return strings(o[k]);
  return [];
}

/** Parses a manifest (several spellings accepted so the reader does not break on a renamed key). */
export function parseRuntimeManifest(json: unknown, dir: string): RuntimeManifest {
  if (typeof json !== 'object' || json === null) throw new BuildError(`${join(dir, 'manifest.json')}: not a JSON object`);
  const o = json as Json;
  const abs = (p: string) => (isAbsolute(p) ? p : join(dir, p));
  const sources = firstOf(o, ['sources', 'files', 'c', 'srcs']).map(abs);
  const includeList = firstOf(o, ['includeDirs', 'include_dirs', 'includeDir', 'include', 'includes']);
  const includeDirs = (includeList.length > 0 ? includeList : ['.']).map(abs);
  let headers = firstOf(o, ['headers', 'publicHeaders', 'public_headers']).map(abs);
  if (headers.length === 0) {
    headers = includeDirs.flatMap((d) =>
      existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.h')).map((f) => join(d, f)) : [],
    );
  }
  const cflags = [...firstOf(o, ['cflags', 'flags', 'cFlags', 'compileFlags']), ...firstOf(o, ['defines']).map((d) => (d.startsWith('-D') ? d : `-D${d}`))];
  const libs = firstOf(o, ['libs', 'ldflags', 'ldlibs', 'linkFlags']);
  const gen = typeof o['generatedCodeCflags'] === 'object' && o['generatedCodeCflags'] !== null ? (o['generatedCodeCflags'] as Json) : {};
  const generatedCflags = (kind: 'gcc' | 'clang') => [...strings(gen['common']), ...strings(gen[kind])];
  if (sources.length === 0) throw new BuildError(`${join(dir, 'manifest.json')}: lists no runtime C sources`);
  return { sources, includeDirs, headers, cflags, libs, generatedCflags };
}

export function loadRuntimeManifest(dir: string = runtimeDir): RuntimeManifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    throw new BuildError(`the C runtime's manifest ${file} is missing (is the rlbox-ts package complete?)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BuildError(`${file}: ${(e as Error).message}`);
  }
  const m = parseRuntimeManifest(json, dir);
  for (const s of m.sources) if (!existsSync(s)) throw new BuildError(`${file} lists ${s}, which does not exist`);
  return m;
}
