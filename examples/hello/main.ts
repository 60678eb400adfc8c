// The hello example on the TypeScript side: the same untrusted library (mylib.c) on any of the three backends.
//   npm run example -- --backend wasm2c      (or noop, or wasm; default wasm2c)
//   npm run example -- --backend wasm --build-dir some/build/dir
// Prints:
//   Hello from mylib
//   Got array value 7
//   echo: hi hi!
//   hello_cb: hi again!
// Everything the library returns is Tainted and is checked before use; the string the library hands to the
// callback is a sandbox pointer, copied out with a bounds check and a length limit.
// The library's functions come typed from mylib.bindings.ts, generated from mylib.h (`rlbox build` writes it;
// this committed copy is checked against the generator by test/bindings).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, formatProgress } from '../../src/build/index.js';
import { noop, wasm, wasm2c } from '../../src/sandbox/index.js';
import { loadMylib } from './mylib.bindings.js';

const here = dirname(fileURLToPath(import.meta.url));
const BACKENDS = { noop, wasm2c, wasm } as const;
type BackendName = keyof typeof BACKENDS;

function usage(message: string): never {
  console.error(`${message}\nusage: npm run example -- [--backend noop|wasm2c|wasm] [--build-dir DIR]`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { backend: BackendName; buildDir?: string } {
  let backend: BackendName = 'wasm2c';
  let buildDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--backend') {
      const b = value();
      if (!(b in BACKENDS)) usage(`unknown backend '${b}'`);
      backend = b as BackendName;
    } else if (a.startsWith('--backend=')) {
      const b = a.slice('--backend='.length);
      if (!(b in BACKENDS)) usage(`unknown backend '${b}'`);
      backend = b as BackendName;
    } else if (a === '--build-dir') buildDir = value();
    else usage(`unknown argument '${a}'`);
  }
  return buildDir === undefined ? { backend } : { backend, buildDir };
}

/** Builds mylib with `rlbox build` (a no-op when up to date); progress goes to stderr. */
async function build(): Promise<string> {
  const r = await buildLibrary({
    sources: [join(here, 'mylib.c')],
    name: 'mylib',
    outDir: join(here, 'build'),
    onProgress: (event) => console.error(formatProgress(event)),
  });
  return r.outDir;
}

async function main(): Promise<void> {
  const { backend, buildDir } = parseArgs(process.argv.slice(2));
  const dir = buildDir ?? (await build());
  const lib = await loadMylib(BACKENDS[backend], dir);
  try {
    lib.hello();

    const sum = lib.add(3, 4).copyAndVerify((v) => {
      if (v >= 10) throw new RangeError(`add(3, 4) returned ${v}: the library is misbehaving`);
      return v;
    });
    console.log(`Got array value ${sum}`);

    const message = lib.sandbox.newString('hi hi!');
    lib.echo(message);
    lib.sandbox.freeInSandbox(message);

    // The callback's type comes from call_cb's parameter, void (*)(const char *): `str` is a TaintedPtr<'char'>.
    const onHello = lib.callbacks.call_cb_cb((str) => {
      const text = str.copyAndVerifyString((s) => {
        if (!/^[\x20-\x7e]*$/.test(s)) throw new Error('hello_cb: the library passed a non-printable string');
        return s;
      }, 64);
      console.log(`hello_cb: ${text}`);
    });
    lib.call_cb(onHello);
    onHello.unregister();
  } finally {
    lib.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exit(1);
});
