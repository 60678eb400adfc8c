// Child process of koffi.test.ts: loads the runtime probe (a shared object) into Node through koffi, makes it
// trap in every way, and checks that Node and V8's own WebAssembly trap handling survive.  Prints one JSON line.
import koffi from 'koffi';

// Neither the es2023 lib nor @types/node declare the WebAssembly JS API: the few members used here.
interface WasmJsApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
}
const WA = (globalThis as unknown as { WebAssembly: WasmJsApi }).WebAssembly;

// (module (memory 1) (func (export "load") (param i32) (result i32) local.get 0 i32.load))
const wasmBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01,
  0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x08, 0x01, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01,
  0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b,
]);

function wasmOutOfBounds(): string {
  const instance = new WA.Instance(new WA.Module(wasmBytes));
  const load = instance.exports.load as (addr: number) => number;
  if (load(8) !== 0) return 'in-bounds load broken';
  try {
    load(65536 + 100);
    return 'no trap';
  } catch (e) {
    return e instanceof WA.RuntimeError ? 'RuntimeError' : `other: ${String(e)}`;
  }
}

function jsDeepRecursion(): string {
  const f = (n: number): number => f(n + 1) + 1;
  try {
    f(0);
    return 'no error';
  } catch (e) {
    return e instanceof RangeError ? 'RangeError' : `other: ${String(e)}`;
  }
}

const lib = koffi.load(process.argv[2]!);
const probeInit = lib.func('int probe_init(void)');
const probeGuardPages = lib.func('int probe_guard_pages(void)');
const probeOob = lib.func('int probe_oob(unsigned int addr)');
const probeExhaustion = lib.func('int probe_exhaustion(void)');
const Callback = koffi.proto('int probe_callback_t(void)');
const probeNested = lib.func('int probe_nested(probe_callback_t *cb)');
const probeExit = lib.func('int probe_exit(void)');
const probeTryDepth = lib.func('int probe_try_depth(void)');

const result: Record<string, unknown> = {};
result.wasmBefore = wasmOutOfBounds();
result.init = probeInit();
result.guardPages = probeGuardPages();
result.inBounds = probeOob(100);
result.oob = [probeOob(65536 + 100), probeOob(0xfffffff0), probeOob(70000)];
result.exhaustion = [probeExhaustion(), probeExhaustion(), probeExhaustion()];
const innerOob = koffi.register(() => probeOob(70000), koffi.pointer(Callback));
const innerExhaustion = koffi.register(() => probeExhaustion(), koffi.pointer(Callback));
result.nestedOob = probeNested(innerOob);
result.nestedExhaustion = probeNested(innerExhaustion);
koffi.unregister(innerOob);
koffi.unregister(innerExhaustion);
result.exit = probeExit();
result.tryDepth = probeTryDepth();
result.wasmAfter = wasmOutOfBounds();
result.jsRecursion = jsDeepRecursion();
result.oobAfterWasm = probeOob(65536 + 8);

// koffi's async calls run on libuv worker threads with small (128 KiB) koffi stacks: set up lazily there.
type AsyncFn = { async: (...args: unknown[]) => void };
const callAsync = (fn: unknown, ...args: unknown[]): Promise<number> =>
  new Promise((resolve, reject) => {
    (fn as AsyncFn).async(...args, (err: unknown, value: number) => (err ? reject(err) : resolve(value)));
  });
result.asyncWorker = [
  await callAsync(probeExhaustion),
  await callAsync(probeOob, 65536 + 4),
  await callAsync(probeOob, 4),
  await callAsync(probeExhaustion),
];
console.log(JSON.stringify(result));
