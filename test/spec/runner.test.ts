// The spec runner's own logic: value comparison, import matching, and recovery from a crashing harness.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mismatch } from './exec/linking.js';
import { loadBackEnd } from './exec/backend.js';
import { runHarness, runScript } from './exec/phase.js';
import type { PlannedCommand } from './exec/plan.js';
import { acceptableTraps, compareValue, TrapCode } from './exec/values.js';

test('NaN classes are checked on the bits', () => {
  const canonical = { type: 'f32', value: 'nan:canonical' };
  const arithmetic = { type: 'f32', value: 'nan:arithmetic' };
  assert.equal(compareValue(canonical, { type: 'f32', bits: 0xffc00000n }), undefined);
  assert.notEqual(compareValue(canonical, { type: 'f32', bits: 0x7fc00001n }), undefined);
  assert.equal(compareValue(arithmetic, { type: 'f32', bits: 0x7fc00001n }), undefined);
  assert.notEqual(compareValue(arithmetic, { type: 'f32', bits: 0x7fa00000n }), undefined, 'a signaling NaN is not arithmetic');
  assert.equal(compareValue({ type: 'f64', value: 'nan:canonical' }, { type: 'f64', bits: 0x7ff8000000000000n }), undefined);
});

test('externref N travels as pointer N+1, so ref.extern 0 differs from null', () => {
  assert.equal(compareValue({ type: 'externref', value: '0' }, { type: 'externref', bits: 1n }), undefined);
  assert.notEqual(compareValue({ type: 'externref', value: '0' }, { type: 'externref', bits: 0n }), undefined);
  assert.equal(compareValue({ type: 'externref', value: 'null' }, { type: 'externref', bits: 0n }), undefined);
  assert.equal(compareValue({ type: 'funcref' }, { type: 'funcref', bits: 1n }), undefined);
});

test('trap messages map to runtime trap codes', () => {
  assert.deepEqual(acceptableTraps('integer divide by zero'), [TrapCode.DIV_BY_ZERO]);
  assert.ok(acceptableTraps('uninitialized element 2')?.includes(TrapCode.CALL_INDIRECT));
  assert.equal(acceptableTraps('something new'), undefined);
});

test('import matching: memory max must be bounded by the import max; global mutability must match', () => {
  const mem = (min: number, max?: number) => ({ kind: 'memory', type: { limits: { min, max } } }) as const;
  assert.equal(mismatch(mem(1, 2), mem(1, 3)), undefined);
  assert.notEqual(mismatch(mem(1), mem(1, 3)), undefined);
  assert.notEqual(mismatch(mem(1, 4), mem(1, 3)), undefined);
  const g = (mutable: boolean) => ({ kind: 'global', type: { type: 'i32', mutable } }) as const;
  assert.notEqual(mismatch(g(true), g(false)), undefined);
});

test('a harness that crashes in one command is re-run without it; the rest still get results', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spec-harness-'));
  const program = join(dir, 'harness.sh');
  writeFileSync(
    program,
    [
      '#!/bin/sh',
      'echo "S 0"; echo "C 0 ok"',
      'case ",$1," in *,1,*) ;; *) echo "S 1"; kill -SEGV $$ ;; esac',
      'echo "S 2"; echo "C 2 vals i32:5"',
      'echo DONE',
    ].join('\n') + '\n',
  );
  chmodSync(program, 0o755);
  const commands = [0, 1, 2].map((index) => ({ index, line: index + 1, command: 'assert_return' }) as PlannedCommand);
  const results = await runHarness(program, commands);
  assert.deepEqual(results.get(0), { kind: 'ok' });
  assert.equal(results.get(1)?.kind, 'lost');
  assert.match((results.get(1) as { reason: string }).reason, /SIGSEGV/);
  assert.deepEqual(results.get(2), { kind: 'vals', tokens: ['i32:5'] });
});

test('harness linking: re-registered names, several providers, shared memories and globals, grown memories', async () => {
  const fixture = join(import.meta.dirname, 'fixtures', 'relink.wast');
  const r = await runScript(fixture, await loadBackEnd());
  const failures = r.outcomes.filter((o) => o.status !== 'pass');
  assert.deepEqual(failures, []);
  assert.equal(r.outcomes.length, 21);
});
