// The minimal WASI host: output sink, refusals, args/environ, clocks, randomness, proc_exit.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { boundsCheckFlag, compile, compilers, passes, run, tempDir } from './toolchain.js';

const tmp = tempDir('wasi');
after(() => tmp.dispose());

for (const cc of compilers) {
  for (const mode of ['guard-pages', 'bounds-check'] as const) {
    describe(`wasi.c (${cc}, ${mode})`, () => {
      it('behaves as docs/WASI.md says', () => {
        const bin = join(tmp.dir, `wasi-${cc}-${mode}`);
        compile(cc, ['wasi.c'], bin, mode === 'bounds-check' ? [boundsCheckFlag] : []);
        const r = run(bin);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(passes(r.stdout).length, 7, r.stdout);
        assert.match(r.stdout, /^hello from the sandbox$/m, 'the default sink writes to the host stdout');
      });
    });
  }
}
