// Signal routing: faults that are not ours reach the previous handler or kill the process as before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { compile, compilers, run, tempDir } from './toolchain.js';

const tmp = tempDir('faults');
after(() => tmp.dispose());

for (const cc of compilers) {
  describe(`faults.c (${cc})`, () => {
    const bin = join(tmp.dir, `faults-${cc}`);
    before(() => compile(cc, ['faults.c'], bin));

    it('forwards a fault outside our reservations to a previous SA_SIGINFO handler', () => {
      const r = run(bin, ['forward']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /ok .*SA_SIGINFO/);
    });

    it('forwards to a previous plain handler', () => {
      const r = run(bin, ['forward-plain']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /ok .*plain/);
    });

    it('lets a foreign fault kill the process when the previous action was SIG_DFL', () => {
      const r = run(bin, ['default']);
      assert.equal(r.signal, 'SIGSEGV', `status ${r.status} ${r.stdout}`);
    });

    it('does not recover an access to our memory outside any try', () => {
      const r = run(bin, ['ours-without-try']);
      assert.equal(r.signal, 'SIGSEGV', `status ${r.status} ${r.stdout}`);
    });

    it('aborts with the reason when a trap has no try', () => {
      const r = run(bin, ['trap-without-try']);
      assert.equal(r.signal, 'SIGABRT');
      assert.match(r.stderr, /wasm trap with no handler: unreachable executed/);
    });
  });
}
