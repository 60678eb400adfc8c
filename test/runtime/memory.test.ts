// Memories, tables, traps and nested tries, in guard-page and bounds-check mode, with gcc and clang.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { boundsCheckFlag, compile, compilers, passes, run, tempDir } from './toolchain.js';

const tmp = tempDir('memory');
after(() => tmp.dispose());

for (const cc of compilers) {
  for (const mode of ['guard-pages', 'bounds-check'] as const) {
    describe(`memory.c (${cc}, ${mode})`, () => {
      it('passes every check', () => {
        const bin = join(tmp.dir, `memory-${cc}-${mode}`);
        compile(cc, ['memory.c'], bin, mode === 'bounds-check' ? [boundsCheckFlag] : []);
        const r = run(bin);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(passes(r.stdout).length, 6, r.stdout);
        assert.match(r.stdout, new RegExp(`mode ${mode}`));
      });
    });
  }
}
