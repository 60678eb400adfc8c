// The structs example: a library whose header has structs (nested, with fixed arrays), an enum, #define
// constants, a uint64_t, a double, a `long` (4 bytes in the sandbox, 8 natively) and a callback taking a struct
// pointer, used through the bindings generated from shapes.h, on any of the three backends.
//   npx tsx examples/structs/main.ts --backend wasm2c      (or noop, or wasm; default wasm2c)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, formatProgress } from '../../src/build/index.js';
import { noop, wasm, wasm2c } from '../../src/sandbox/index.js';
import { loadShapes, SHAPE_POLYGON, SHAPES_FLAG_CLOSED, SHAPES_MAGIC, SHAPES_MAX_POINTS, type Shapes } from './shapes.bindings.js';

const here = dirname(fileURLToPath(import.meta.url));
const BACKENDS = { noop, wasm2c, wasm } as const;
type BackendName = keyof typeof BACKENDS;

function parseArgs(argv: readonly string[]): BackendName {
  let backend: BackendName = 'wasm2c';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const b = a === '--backend' ? argv[++i] : a.startsWith('--backend=') ? a.slice('--backend='.length) : undefined;
    if (b === undefined || !(b in BACKENDS)) {
      console.error(`usage: tsx examples/structs/main.ts [--backend noop|wasm2c|wasm]`);
      process.exit(2);
    }
    backend = b as BackendName;
  }
  return backend;
}

/** A verifier for small integers the library reports (counts, indices). */
const small = (max: number) => (v: number): number => {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`the library returned ${v}, expected 0..${max}`);
  return v;
};

function run(lib: Shapes): void {
  const { sandbox, structs } = lib;
  const name = sandbox.newString('triangle');
  const shape = lib.shape_new(SHAPE_POLYGON, name, 42n);
  sandbox.freeInSandbox(name);
  const s = shape.copyAndVerify((p) => {
    if (p === 0) throw new Error('shape_new failed');
    return p;
  });
  for (const [x, y] of [[0, 0], [3, 0], [0, 4]] as const) lib.shape_add_point(s, x, y).copyAndVerify(small(SHAPES_MAX_POINTS));

  // Read the whole struct out (one bounds-checked copy), then check what we use.
  const copy = structs.shape.read(s).copyAndVerify((v) => {
    if (v.npoints > SHAPES_MAX_POINTS) throw new RangeError(`npoints ${v.npoints}`);
    return v;
  });
  console.log(`shape '${copy.name}' kind ${copy.kind} id ${copy.id} with ${copy.npoints} points: ` +
    copy.points.slice(0, copy.npoints).map((p) => `(${p.x},${p.y})`).join(' ') +
    `, style rgb(${copy.style.r},${copy.style.g},${copy.style.b}) width ${copy.style.width}`);
  console.log(`sizeof(struct shape) = ${structs.shape.size} here (${sandbox.kind}), offsetof(points) = ${structs.shape.offsetOf('points')}`);

  // Or read single fields through a view.
  const view = structs.shape.view(s);
  const scale = view.scale.copyAndVerify((v) => (Number.isFinite(v) ? v : 1));
  const x1 = view.points.copyAndVerify((ps) => ps[1]!.x);
  console.log(`view: scale ${scale}, points[1].x ${x1}, style.width ${view.style.width.unverifiedSafeBecause('only printed')}`);

  // Write a modified struct back: a double, a long, flags, and the name (char[16]).
  structs.shape.write(s, { ...copy, scale: 2.5, area_hint: 1000, flags: SHAPES_FLAG_CLOSED, name: 'tri' });
  const perimeter = lib.shape_perimeter(s).copyAndVerify((v) => v);
  const area = lib.shape_area_hint(s, 5).copyAndVerify((v) => v);
  const checksum = lib.shape_checksum(s).copyAndVerify((v) => v);
  const magic = lib.shapes_magic().copyAndVerify((v) => {
    if (v !== SHAPES_MAGIC) throw new Error('wrong magic');
    return v;
  });
  console.log(`perimeter ${perimeter}, area hint ${area}, checksum 0x${checksum.toString(16)}, magic 0x${magic.toString(16)}`);

  // A callback taking a struct pointer: the point is read through the generated struct type.
  const seen: string[] = [];
  const visitor = lib.callbacks.point_visitor((p) => {
    const pt = structs.point_t.read(p).copyAndVerify((v) => v);
    seen.push(`(${pt.x},${pt.y})`);
  });
  const visited = lib.shape_visit(s, visitor, null).copyAndVerify(small(SHAPES_MAX_POINTS));
  console.log(`visited ${visited} points: ${seen.join(' ')}`);

  // The same callback stored in a struct (a function-pointer field takes a registered callback of its type).
  const hooks = structs.shape_hooks.alloc({ on_point: visitor, user: null });
  seen.length = 0;
  lib.shape_visit_hooks(s, hooks).copyAndVerify(small(SHAPES_MAX_POINTS));
  console.log(`visited through struct shape_hooks: ${seen.join(' ')}`);
  sandbox.freeInSandbox(hooks);
  visitor.unregister();

  // A struct written by the host for an argument.
  const mine = structs.shape.alloc({
    kind: SHAPE_POLYGON, name: 'host-made', flags: 0, id: 7n, scale: 1, area_hint: -3, npoints: 2,
    points: [{ x: 10, y: 20 }, { x: 30, y: 40 }], style: { r: 1, g: 2, b: 3, width: 0.5 }, next: s,
  });
  const buf = sandbox.mallocInSandbox<'char'>(128);
  lib.shape_describe(mine, buf, 128).copyAndVerify(small(127));
  const text = sandbox.readBytes(buf, 128).copyAndVerify((b) => new TextDecoder().decode(b.subarray(0, b.indexOf(0))));
  console.log(`describe: ${text}`);
  console.log(`perimeter of the host-made shape: ${lib.shape_perimeter(mine).copyAndVerify((v) => v)}`);
  sandbox.freeInSandbox(buf);
  sandbox.freeInSandbox(mine);
  lib.shape_free(s);
}

async function main(): Promise<void> {
  const backend = parseArgs(process.argv.slice(2));
  const r = await buildLibrary({
    sources: [join(here, 'shapes.c')],
    name: 'shapes',
    outDir: join(here, 'build'),
    onProgress: (event) => console.error(formatProgress(event)),
  });
  const lib = await loadShapes(BACKENDS[backend], r.outDir);
  try {
    run(lib);
  } finally {
    lib.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exit(1);
});
