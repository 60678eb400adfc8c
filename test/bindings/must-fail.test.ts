// Type-level tests of the generated bindings: each file in must-fail/ misuses examples/structs' bindings once,
// after a line `// @expect TSnnnn`. Compiled with the project's options, every file must fail exactly there with
// that code, and nowhere else (so a file cannot pass by failing for an unrelated reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const failDir = join(here, 'must-fail');

test('every misuse of the generated bindings fails to compile with the error it names, on the line it names', () => {
  const expected = readdirSync(failDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((file) => {
      const lines = readFileSync(join(failDir, file), 'utf8').split('\n');
      const marks = lines.flatMap((l, i) => {
        const m = /\/\/ @expect (TS\d+)/.exec(l);
        return m ? [{ line: i + 2, code: m[1]! }] : [];
      });
      assert.equal(marks.length, 1, `${file} must have exactly one '// @expect TSnnnn' line`);
      return { file, ...marks[0]! };
    });
  assert.ok(expected.length >= 10, `only ${expected.length} must-fail files`);
  const cacheDir = join(here, '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const tsconfig = join(cacheDir, 'tsconfig.must-fail.json');
  writeFileSync(tsconfig, JSON.stringify({ extends: '../../../tsconfig.json', include: [], files: expected.map((e) => `../must-fail/${e.file}`) }));
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--pretty', 'false', '-p', tsconfig], { encoding: 'utf8', cwd: root });
  const out = r.stdout + r.stderr;
  const got = [...out.matchAll(/must-fail\/([\w.-]+)\((\d+),\d+\): error (TS\d+)/g)].map((m) => ({ file: m[1]!, line: Number(m[2]), code: m[3]! }));
  assert.ok(got.length > 0 || r.status === 0, `tsc failed without diagnostics in must-fail/:\n${out}`);
  for (const e of expected) {
    const mine = got.filter((d) => d.file === e.file);
    assert.ok(mine.length > 0, `${e.file} compiled, but it must fail with ${e.code}`);
    assert.deepEqual(mine.map((d) => `${d.line}:${d.code}`), [`${e.line}:${e.code}`], `${e.file}: expected only ${e.code} on line ${e.line}\n${out}`);
  }
  const elsewhere = out.split('\n').filter((l) => /error TS/.test(l) && !/must-fail\//.test(l));
  assert.deepEqual(elsewhere, [], 'errors outside the must-fail files (in the bindings or the API themselves)');
});
