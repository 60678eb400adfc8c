// Step 4: the same C sources compiled natively into lib<name>_native.so, for the `noop` backend (no sandbox:
// useful to compare behaviour and speed, and to develop against before the sandbox is in place).
import { join } from 'node:path';
import type { Toolchain } from '../toolchain.js';
import { runChecked } from '../process.js';
import { compileObjects } from './compile.js';

export interface NativeStepInput {
  readonly tools: Toolchain;
  readonly sources: readonly string[];
  readonly userFlags: readonly string[];
  readonly linkCflags: readonly string[];
  readonly colorFlags: readonly string[];
  readonly objDir: string;
  readonly soPath: string;
  readonly jobs: number;
  readonly onWarnings: (text: string) => void;
}

export async function buildNative(input: NativeStepInput): Promise<readonly string[]> {
  const compiled = await compileObjects({
    what: 'compiling (native)',
    compiler: [input.tools.cc, '-fPIC', ...input.colorFlags, ...input.userFlags],
    sources: input.sources,
    objDir: join(input.objDir),
    jobs: input.jobs,
    onWarnings: input.onWarnings,
  });
  await runChecked(
    'linking (native shared object)',
    [input.tools.cc, '-shared', ...input.colorFlags, ...input.linkCflags, ...compiled.objects, '-o', input.soPath, '-lm'],
    input.onWarnings,
  );
  return compiled.deps;
}
