// Part of step 3: `<name>.wasm2c.node`, the sandboxed library once more as a Node addon: the objects of
// lib<name>_sandbox.a (generated code, runtime, RLBox glue) plus N-API entry points for every export
// (src/emit-c/napi-glue.ts), so that the TypeScript wasm2c backend calls exports without koffi's per-call
// cost while koffi, loading the same file, serves everything else. Needs Node's headers (node_api.h) next to
// the running node (or in RLBOX_NODE_HEADERS); where they are absent the addon is skipped and the backend
// calls through koffi.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitNapiGlue, type NapiExport } from '../../emit-c/napi-glue.js';
import type { ExportInfo } from '../record.js';
import type { Toolchain } from '../toolchain.js';
import { runChecked } from '../process.js';
import { compileObjects } from './compile.js';

/**
 * The directory holding node_api.h: `RLBOX_NODE_HEADERS` when set (`none` builds no addon), else the running
 * Node's own `<prefix>/include/node`; undefined when there is none.
 */
export function nodeHeaderDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env['RLBOX_NODE_HEADERS'];
  if (chosen === 'none') return undefined;
  const dir = chosen !== undefined && chosen !== '' ? chosen : join(dirname(process.execPath), '..', 'include', 'node');
  return existsSync(join(dir, 'node_api.h')) ? dir : undefined;
}

export interface AddonStepInput {
  readonly tools: Toolchain;
  readonly moduleName: string;
  readonly exports: readonly ExportInfo[];
  /** Where to write the generated N-API C (`<name>.napi.c`). */
  readonly sourcePath: string;
  /** The sandbox's static archive (its objects are linked in whole). */
  readonly archivePath: string;
  readonly addonPath: string;
  readonly nodeHeaders: string;
  /** The sandbox's compile flags (include directories of the runtime and the generated header among them). */
  readonly cflags: readonly string[];
  readonly libs: readonly string[];
  readonly colorFlags: readonly string[];
  readonly objDir: string;
  readonly onWarnings: (text: string) => void;
}

export async function buildAddon(input: AddonStepInput): Promise<void> {
  const exports: NapiExport[] = input.exports.flatMap((e) =>
    e.kind === 'func' ? [{ name: e.name, params: e.params ?? [], results: e.results ?? [] }] : [],
  );
  await writeFile(input.sourcePath, emitNapiGlue(input.moduleName, exports));
  const compiled = await compileObjects({
    what: 'compiling (N-API entry points)',
    compiler: [input.tools.cc, ...input.colorFlags, ...input.cflags, `-I${input.nodeHeaders}`],
    sources: [input.sourcePath],
    objDir: input.objDir,
    jobs: 1,
    onWarnings: input.onWarnings,
  });
  await runChecked(
    'linking (Node addon)',
    // No -z defs here: the napi_* functions come from the node executable that loads the addon.
    [
      input.tools.cc, '-shared', ...input.colorFlags, ...compiled.objects,
      '-Wl,--whole-archive', input.archivePath, '-Wl,--no-whole-archive',
      '-o', input.addonPath, ...input.libs,
    ],
    input.onWarnings,
  );
}

/** The files whose change must rebuild the addon even when the generated C did not change. */
export function addonGeneratorFiles(): string[] {
  const candidates = ['../../emit-c/napi-glue', './addon'].flatMap((base) => ['.ts', '.js'].map((ext) => new URL(base + ext, import.meta.url)));
  return candidates.map((u) => fileURLToPath(u)).filter((p) => existsSync(p));
}
