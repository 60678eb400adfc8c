// `generateBindings`: a C header -> `<name>.bindings.ts`, the typed TypeScript face of a sandboxed library.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitBindings } from './emit-ts.js';
import { readHeader, type Diagnostic, type HeaderModel } from './header.js';
import type { LibraryMeta } from '../sandbox/library.js';

export interface GenerateOptions {
  /** The library's header. */
  readonly header: string;
  /**
   * The file to write (default `<header dir>/<name>.bindings.ts`). A name ending in `.js` writes JavaScript and a
   * declaration file (`.d.ts`) beside it instead of TypeScript.
   */
  readonly out?: string;
  /** Library name (default: the header's base name): `loadMylib`, interface `Mylib`. */
  readonly name?: string;
  /** The clang to run (default $RLBOX_CLANG or `clang`). */
  readonly clang?: string;
  /** `-I`/`-D` flags the library is compiled with. */
  readonly flags?: readonly string[];
  /** Module specifier the generated file imports the run-time from (default: a relative path to this rlbox-ts). */
  readonly runtimeImport?: string;
}

export interface GenerateResult {
  readonly out: string;
  readonly source: string;
  /** False when the file(s) already had exactly this content (they are then not rewritten). */
  readonly written: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly model: HeaderModel;
  readonly meta: LibraryMeta;
}

/** The runtime module as seen from `outFile` (works from src/ through tsx and from dist/). */
export function defaultRuntimeImport(outFile: string): string {
  const runtime = fileURLToPath(new URL('../sandbox/library.js', import.meta.url));
  let rel = relative(dirname(outFile), runtime).split(sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/** Formats diagnostics as `file:line: message` lines. */
export function formatDiagnostics(header: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file ?? basename(header)}:${d.line}: ${d.message}`).join('\n');
}

/** Reads the header with clang (wasm32 and host) and writes the bindings module. */
export async function generateBindings(options: GenerateOptions): Promise<GenerateResult> {
  const header = resolve(options.header);
  const name = options.name ?? basename(header).replace(/\.[^.]*$/, '');
  const out = resolve(options.out ?? resolve(dirname(header), `${name}.bindings.ts`));
  const model = await readHeader({
    header,
    ...(options.clang !== undefined ? { clang: options.clang } : {}),
    ...(options.flags !== undefined ? { flags: options.flags } : {}),
  });
  const emitted = emitBindings(model, { name, runtimeImport: options.runtimeImport ?? defaultRuntimeImport(out) });
  const files: Array<[string, string]> = out.endsWith('.js')
    ? [[out, emitted.js], [out.replace(/\.js$/, '.d.ts'), emitted.dts]]
    : [[out, emitted.source]];
  let written = false;
  for (const [file, text] of files) written = (await writeIfChanged(file, text)) || written;
  return { out, source: files[0]![1], written, diagnostics: emitted.diagnostics, model, meta: emitted.meta };
}

async function writeIfChanged(file: string, text: string): Promise<boolean> {
  let old: string | undefined;
  try {
    old = await readFile(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return false;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return true;
}
