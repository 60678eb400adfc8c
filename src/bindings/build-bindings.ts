// The bindings step of `rlbox build`: finds the library's header (given, or `<name>.h` / `<source>.h` next to
// the sources) and writes `<out>/<name>.bindings.ts` from it. Like the build's own steps it is skipped when its
// inputs (the header and the local headers it read, the flags, this generator) did not change.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBindings } from './generate.js';
import type { Diagnostic } from './header.js';

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
  /** Regenerate even when the inputs did not change. */
  readonly force?: boolean;
}

export interface BuildBindingsResult {
  /** The bindings module written (or found up to date). */
  readonly out: string;
  readonly header: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly upToDate: boolean;
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

interface CacheRecord {
  readonly key: string;
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

let generatorHash: string | undefined;
/** A hash of this generator's own code, so that a new rlbox-ts regenerates bindings. */
function generatorVersion(): string {
  if (generatorHash === undefined) {
    const h = createHash('sha256');
    for (const dir of ['.', '../sandbox']) {
      const d = fileURLToPath(new URL(`${dir}/`, import.meta.url));
      for (const f of readdirSync(d).filter((x) => /\.(ts|js)$/.test(x) && !x.endsWith('.d.ts')).sort()) h.update(f).update(readFileSync(join(d, f)));
    }
    generatorHash = h.digest('hex');
  }
  return generatorHash;
}

function inputKey(files: readonly string[], flags: readonly string[], out: string, clang: string | undefined): string | undefined {
  const h = createHash('sha256').update(generatorVersion()).update(JSON.stringify({ flags, out, clang: clang ?? process.env['RLBOX_CLANG'] ?? '' }));
  for (const f of files) {
    if (!existsSync(f)) return undefined;
    h.update(f).update(readFileSync(f));
  }
  return h.digest('hex');
}

/**
 * Writes `<outDir>/<name>.bindings.ts`. Returns undefined when there is no header (nothing to do); throws
 * BindingsError when a header was named but does not exist, ClangError when clang cannot parse it.
 */
export async function writeBuildBindings(o: BuildBindingsOptions): Promise<BuildBindingsResult | undefined> {
  const header = findHeader(o);
  if (header === undefined) return undefined;
  if (!existsSync(header)) throw new BindingsError(`the header ${header} does not exist`);
  const cwd = o.cwd ?? process.cwd();
  const flags = [...(o.includeDirs ?? []).map((d) => `-I${resolve(cwd, d)}`), ...(o.defines ?? []).map((d) => `-D${d}`)];
  const out = join(resolve(cwd, o.outDir), `${o.name}.bindings.ts`);
  const cacheFile = `${out}.key`;
  if (!o.force && existsSync(out)) {
    try {
      const rec = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheRecord;
      if (rec.files[0] === header && inputKey(rec.files, flags, out, o.clang) === rec.key) {
        return { out, header, diagnostics: rec.diagnostics, upToDate: true };
      }
    } catch {
      /* no usable record: generate */
    }
  }
  const r = await generateBindings({ header, name: o.name, out, flags, ...(o.clang !== undefined ? { clang: o.clang } : {}) });
  const files = [header, ...new Set(r.model.localFiles.filter((f) => f !== header))];
  const key = inputKey(files, flags, out, o.clang);
  if (key !== undefined) {
    const rec: CacheRecord = { key, files, diagnostics: r.diagnostics };
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, JSON.stringify(rec));
  }
  return { out, header, diagnostics: r.diagnostics, upToDate: false };
}
