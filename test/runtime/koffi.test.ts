// The runtime inside Node: a shared object loaded with koffi traps (guard-page OOB, stack exhaustion on koffi's
// call stack, nested entries through JavaScript callbacks) and Node's WebAssembly keeps its own trap handling.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { boundsCheckFlag, compile, compilers, repoRoot, tempDir } from './toolchain.js';

const tmp = tempDir('koffi');
after(() => tmp.dispose());

for (const cc of compilers) {
  for (const mode of ['guard-pages', 'bounds-check'] as const) {
    describe(`runtime in Node via koffi (${cc}, ${mode})`, () => {
      it('traps, survives, and leaves V8 trap handling intact', () => {
        const so = join(tmp.dir, `probe-${cc}-${mode}.so`);
        compile(cc, ['koffi_probe.c'], so, ['-shared', ...(mode === 'bounds-check' ? [boundsCheckFlag] : [])]);
        const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/runtime/koffi-host.ts'), so], {
          cwd: repoRoot,
          encoding: 'utf8',
          timeout: 60_000,
        });
        assert.equal(r.status, 0, `signal ${r.signal}\n${r.stderr}`);
        const got = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
        assert.deepEqual(got, {
          wasmBefore: 'RuntimeError',
          init: 1,
          guardPages: mode === 'guard-pages' ? 1 : 0,
          inBounds: 0,
          oob: [1, 1, 1],
          exhaustion: [10, 10, 10],
          nestedOob: 100, // inner try caught OOB (1), outer untouched (0)
          nestedExhaustion: 1000,
          exit: 1107, // WASM_RT_TRAP_EXIT (11), exit code 7
          tryDepth: 0,
          wasmAfter: 'RuntimeError',
          jsRecursion: 'RangeError',
          oobAfterWasm: 1,
          asyncWorker: [10, 1, 0, 10],
        });
      });
    });
  }
}
