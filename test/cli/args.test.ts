import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, parseSize, splitFlags, UsageError } from '../../src/cli/args.js';
import { parseBuildArgs } from '../../src/cli/build.js';

test('parseArgs: long/short forms, inline values, repeats, positionals', () => {
  const a = parseArgs(['a.c', '--out=dir', '-Iinc', '-I', 'inc2', '--force', '--', '-weird.c'], [
    { name: 'out', value: true },
    { name: 'include', short: 'I', value: true, repeat: true },
    { name: 'force' },
  ]);
  assert.deepEqual(a.positionals, ['a.c', '-weird.c']);
  assert.equal(a.single.get('out'), 'dir');
  assert.equal(a.single.get('force'), true);
  assert.deepEqual(a.multi.get('include'), ['inc', 'inc2']);
});

test('parseArgs: unknown option, missing value and value on a flag are usage errors', () => {
  assert.throws(() => parseArgs(['--nope'], []), UsageError);
  assert.throws(() => parseArgs(['--out'], [{ name: 'out', value: true }]), /needs a value/);
  assert.throws(() => parseArgs(['--force=1'], [{ name: 'force' }]), /takes no value/);
});

test('sizes and flag strings', () => {
  assert.equal(parseSize('1048576', 'x'), 1048576);
  assert.equal(parseSize('512K', 'x'), 512 * 1024);
  assert.equal(parseSize('2MiB', 'x'), 2 * 1024 * 1024);
  assert.throws(() => parseSize('lots', 'x'), UsageError);
  assert.deepEqual(splitFlags(`-O3  -DNAME='a b' -g`), ['-O3', '-DNAME=a b', '-g']);
});

test('parseBuildArgs maps every option', () => {
  const o = parseBuildArgs([
    'a.c', 'b.c', '--name', 'lib', '--out', 'o', '--cflags', '-O1 -g', '-I', 'inc', '-DX=1', '--stack-size', '64K',
    '--cc', 'clang', '--bounds-checks', '-j', '3', '--force', '-q',
  ]);
  assert.ok(o);
  assert.deepEqual(o.sources, ['a.c', 'b.c']);
  assert.equal(o.name, 'lib');
  assert.equal(o.outDir, 'o');
  assert.deepEqual(o.cflags, ['-O1', '-g']);
  assert.deepEqual(o.includeDirs, ['inc']);
  assert.deepEqual(o.defines, ['X=1']);
  assert.equal(o.stackSize, 65536);
  assert.equal(o.cc, 'clang');
  assert.equal(o.boundsChecks, true);
  assert.equal(o.jobs, 3);
  assert.equal(o.force, true);
  assert.equal(parseBuildArgs(['--help']), undefined);
});

test('--segue / --no-segue set the option; neither leaves the runtime default', () => {
  assert.equal(parseBuildArgs(['a.c', '--segue'])?.segue, true);
  assert.equal(parseBuildArgs(['a.c', '--no-segue'])?.segue, false);
  assert.equal(parseBuildArgs(['a.c'])?.segue, undefined);
});
