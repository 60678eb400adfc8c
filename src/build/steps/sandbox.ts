// Step 3: the generated C + the C runtime (memory, tables, traps, minimal WASI) + the RLBox glue, compiled by
// the host C compiler into lib<name>_sandbox.a (for C/C++ hosts) and lib<name>_sandbox.so (for the
// TypeScript wasm2c backend and dlopen-ing hosts).
import { copyFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Toolchain } from '../toolchain.js';
import { runChecked } from '../process.js';
import type { RuntimeManifest } from '../runtime-manifest.js';
import { compileObjects } from './compile.js';

export interface SandboxStepInput {
  readonly tools: Toolchain;
  readonly runtime: RuntimeManifest;
  /** The generated module, the glue when there is one. */
  readonly generated: readonly string[];
  /** Every flag but the compiler: -O2 -fPIC, the emitter's, the runtime's, include dirs. */
  readonly cflags: readonly string[];
  /** Libraries of the runtime and the generated code (-lm, -pthread). */
  readonly libs: readonly string[];
  readonly colorFlags: readonly string[];
  readonly objDir: string;
  readonly archivePath: string;
  readonly soPath: string;
  readonly jobs: number;
  readonly onWarnings: (text: string) => void;
}

export async function buildSandbox(input: SandboxStepInput): Promise<void> {
  // The big generated file first, so the runtime's small files compile beside it on a second core.
  const compiled = await compileObjects({
    what: 'compiling (sandbox)',
    compiler: [input.tools.cc, ...input.colorFlags, ...input.cflags],
    sources: [...input.generated, ...input.runtime.sources],
    objDir: input.objDir,
    jobs: input.jobs,
    onWarnings: input.onWarnings,
  });
  // `ar r` adds to an existing archive: start from nothing so removed objects do not linger.
  await rm(input.archivePath, { force: true });
  await runChecked('archiving (ar)', [input.tools.ar, 'rcs', input.archivePath, ...compiled.objects], input.onWarnings);
  await runChecked(
    'linking (sandbox shared object)',
    // -z defs: an import the runtime does not provide (a WASI call, say) fails here, not at dlopen time.
    [input.tools.cc, '-shared', '-Wl,-z,defs', ...input.colorFlags, ...compiled.objects, '-o', input.soPath, ...input.libs],
    input.onWarnings,
  );
}

/** Copies the runtime's public headers next to the outputs, so a host needs one include directory. */
export async function copyRuntimeHeaders(runtime: RuntimeManifest, outDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const h of runtime.headers) {
    await copyFile(h, join(outDir, basename(h)));
    names.push(basename(h));
  }
  return names;
}
