import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDepfile } from '../../src/build/record.js';
import { objectNames } from '../../src/build/steps/compile.js';

test('depfiles: continuation lines, several targets, escaped spaces', () => {
  const text = 'obj/a.o: /src/a.c /src/a.h \\\n  /usr/include/stdio.h /src/with\\ space.h\nobj/b.o: /src/a.h\n';
  assert.deepEqual(parseDepfile(text), ['/src/a.c', '/src/a.h', '/usr/include/stdio.h', '/src/with space.h']);
});

test('object names stay unique when sources share a base name', () => {
  assert.deepEqual(objectNames(['/a/x.c', '/b/x.c', '/c/y.c']), ['x-0.o', 'x-1.o', 'y.o']);
});
