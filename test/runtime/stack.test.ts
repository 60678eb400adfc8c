// Stack exhaustion: main thread, small pthread stacks, a foreign (koffi-like) stack, unchecked overflow.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { boundsCheckFlag, compile, compilers, passes, run, tempDir } from './toolchain.js';

const tmp = tempDir('stack');
after(() => tmp.dispose());

for (const cc of compilers) {
  for (const mode of ['guard-pages', 'bounds-check'] as const) {
    describe(`stack.c (${cc}, ${mode})`, () => {
      it('traps EXHAUSTION instead of crashing', () => {
        const bin = join(tmp.dir, `stack-${cc}-${mode}`);
        compile(cc, ['stack.c'], bin, mode === 'bounds-check' ? [boundsCheckFlag] : []);
        const r = run(bin);
        assert.equal(r.status, 0, r.stderr);
        // guard-page mode adds the unchecked-overflow case (caught by the signal handler)
        assert.equal(passes(r.stdout).length, mode === 'guard-pages' ? 4 : 3, r.stdout);
      });
    });
  }
}
