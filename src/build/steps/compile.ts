// Compiling a list of C files to objects, in parallel, each with a depfile so the next build knows which
// headers it read.
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { runChecked, runPool } from '../process.js';
import { parseDepfile } from '../record.js';

export interface CompileRequest {
  /** What the user sees if it fails, e.g. `compiling for wasm32-wasi`. */
  readonly what: string;
  /** Compiler and flags put before `-c file -o obj`. */
  readonly compiler: readonly string[];
  readonly sources: readonly string[];
  readonly objDir: string;
  readonly jobs: number;
  readonly onWarnings: (text: string) => void;
}

export interface CompileResult {
  readonly objects: readonly string[];
  /** Every file the compiler read, sources included (from the depfiles). */
  readonly deps: readonly string[];
}

/** Object file names: the source's base name, made unique with an index when two sources share it. */
export function objectNames(sources: readonly string[]): string[] {
  const bases = sources.map((s) => basename(s, extname(s)));
  return bases.map((b, i) => (bases.indexOf(b) !== bases.lastIndexOf(b) ? `${b}-${i}` : b) + '.o');
}

export async function compileObjects(req: CompileRequest): Promise<CompileResult> {
  await mkdir(req.objDir, { recursive: true });
  const objects = objectNames(req.sources).map((o) => join(req.objDir, o));
  const depLists = await runPool(
    req.jobs,
    req.sources.map((src, i) => async () => {
      const obj = objects[i]!;
      const depfile = obj.replace(/\.o$/, '.d');
      await runChecked(`${req.what} ${src}`, [...req.compiler, '-MD', '-MF', depfile, '-c', src, '-o', obj], req.onWarnings);
      try {
        return parseDepfile(await readFile(depfile, 'utf8'));
      } catch {
        return [src];
      }
    }),
  );
  return { objects, deps: [...new Set(depLists.flat())].sort() };
}
