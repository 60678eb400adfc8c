// Type-level tests: each file in must-fail/ holds one misuse of the sandbox API, preceded by a line
// `// @expect TSnnnn`. The whole set is compiled with the project's compiler options; every file must fail
// exactly where and how it says, and nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const failDir = join(here, 'must-fail');

interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function expectations(): Expectation[] {
  const out: Expectation[] = [];
  for (const file of readdirSync(failDir).filter((f) => f.endsWith('.ts')).sort()) {
    const lines = readFileSync(join(failDir, file), 'utf8').split('\n');
    const marks = lines.flatMap((l, i) => {
      const m = /\/\/ @expect (TS\d+)/.exec(l);
      return m ? [{ file, line: i + 2, code: m[1]! }] : [];
    });
    assert.equal(marks.length, 1, `${file} must have exactly one '// @expect TSnnnn' line`);
    out.push(marks[0]!);
  }
  return out;
}

test('every must-fail file fails to compile with the error it names, on the line it names', () => {
  const exp = expectations();
  assert.ok(exp.length >= 10, `only ${exp.length} must-fail files`);
  const cacheDir = join(here, '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const tsconfig = join(cacheDir, 'tsconfig.must-fail.json');
  writeFileSync(tsconfig, JSON.stringify({ extends: '../../../tsconfig.json', include: [], files: exp.map((e) => `../must-fail/${e.file}`) }));
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['--noEmit', '--pretty', 'false', '-p', tsconfig], { encoding: 'utf8', cwd: root });
  const diagnostics = [...(r.stdout + r.stderr).matchAll(/must-fail\/([\w.-]+)\((\d+),\d+\): error (TS\d+)/g)].map((m) => ({
    file: m[1]!,
    line: Number(m[2]),
    code: m[3]!,
  }));
  for (const e of exp) {
    const got = diagnostics.filter((d) => d.file === e.file);
    assert.ok(got.length > 0, `${e.file} compiled, but it must fail with ${e.code}`);
    assert.deepEqual(
      got.map((d) => `${d.line}:${d.code}`),
      [`${e.line}:${e.code}`],
      `${e.file}: expected only ${e.code} on line ${e.line}`,
    );
  }
  const stray = diagnostics.filter((d) => !exp.some((e) => e.file === d.file));
  assert.deepEqual(stray, []);
});
