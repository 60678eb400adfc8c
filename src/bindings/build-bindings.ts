// The bindings step of `rlbox build`: finds the library's header (given, or `<source>.h` next to a source) and
// writes `<out>/<name>.bindings.ts` from it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateBindings, type GenerateResult } from './generate.js';

/** A bindings request that cannot be met (a header that was named but does not exist). */
export class BindingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindingsError';
  }
}

export interface BuildBindingsOptions {
  readonly sources: readonly string[];
  readonly name: string;
  readonly outDir: string;
  /** The header; default: `<name>.h`, then `<source>.h`, next to the sources. */
  readonly header?: string;
  readonly includeDirs?: readonly string[];
  readonly defines?: readonly string[];
  readonly clang?: string;
  readonly cwd?: string;
}

/** The header to generate bindings from, or undefined when none is given and none sits next to the sources. */
export function findHeader(o: Pick<BuildBindingsOptions, 'sources' | 'name' | 'header' | 'cwd'>): string | undefined {
  const cwd = o.cwd ?? process.cwd();
  if (o.header !== undefined) return resolve(cwd, o.header);
  const dirs = [...new Set(o.sources.map((s) => dirname(resolve(cwd, s))))];
  const candidates = [
    ...dirs.map((d) => join(d, `${o.name}.h`)),
    ...o.sources.map((s) => resolve(cwd, s).replace(/\.[^./]+$/, '.h')),
  ];
  return candidates.find((c) => existsSync(c));
}

/**
 * Writes `<outDir>/<name>.bindings.ts`. Returns undefined when there is no header (nothing to do); throws when a
 * header was given but does not exist or does not parse.
 */
export async function writeBuildBindings(o: BuildBindingsOptions): Promise<GenerateResult | undefined> {
  const header = findHeader(o);
  if (header === undefined) return undefined;
  if (!existsSync(header)) throw new BindingsError(`the header ${header} does not exist`);
  const cwd = o.cwd ?? process.cwd();
  const flags = [...(o.includeDirs ?? []).map((d) => `-I${resolve(cwd, d)}`), ...(o.defines ?? []).map((d) => `-D${d}`)];
  return generateBindings({
    header,
    name: o.name,
    out: join(resolve(cwd, o.outDir), `${o.name}.bindings.ts`),
    flags,
    ...(o.clang !== undefined ? { clang: o.clang } : {}),
  });
}
