// The spec testsuite executed through our wasm2c (decoder, validator, C emitter, C runtime): every command of
// every core (non-SIMD) script. The full table is printed every time; 100% is asserted for every core script
// except those listed in NOT_YET_PASSING, so the tree stays green while the emitter/runtime catch up and turns
// red on any regression elsewhere. To require all files: empty NOT_YET_PASSING.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runExecPhase } from './exec/phase.js';
import { allPassed, formatFailures, formatTable, tally } from './report.js';
import { isSimdFile, listWastFiles, repoRoot } from './wast.js';

/** Core scripts with known failures (see the report in the test output); remove a file as soon as it passes. */
const NOT_YET_PASSING: ReadonlySet<string> = new Set<string>([
  // e.g. 'address.wast', // why it fails
]);

const stagesPresent = ['decode', 'validate', 'emit-c'].every((d) => existsSync(join(repoRoot, 'src', d, 'index.ts')));

test('spec testsuite executed through our wasm2c: core scripts pass 100%', { skip: !stagesPresent && 'a compiler stage is not written yet' }, async () => {
  const files = listWastFiles().filter((f) => !isSimdFile(f));
  const results = await runExecPhase(files, { progress: (line) => console.log(line) });
  console.log(formatTable('execution (core scripts)', results));
  const mustPass = results.filter((r) => !NOT_YET_PASSING.has(r.file));
  const nowPassing = results.filter((r) => NOT_YET_PASSING.has(r.file) && allPassed(tally(r.outcomes)));
  if (nowPassing.length > 0) {
    console.log(`now passing, remove from NOT_YET_PASSING in test/spec/exec.test.ts: ${nowPassing.map((r) => r.file).join(', ')}`);
  }
  const failing = mustPass.filter((r) => !allPassed(tally(r.outcomes)));
  assert.deepEqual(
    failing.map((r) => r.file),
    [],
    `scripts that must pass have failures:\n${formatFailures(failing).split('\n').slice(0, 40).join('\n')}`,
  );
});
