// The other half of the type-level tests: correct uses of the sandbox API that must compile (this file is part
// of the main type-check; it is never run).
import {
  createSandbox,
  ptrAdd,
  wasm,
  type SandboxPtr,
  type Tainted,
} from '../../src/sandbox/index.js';

export async function correctUse(): Promise<void> {
  const sb = await createSandbox(wasm('build/', { functions: { add: ['u32', ['u32', 'u32']] } }));
  const sum: number = sb.invoke('add', 3, 4).copyAndVerify((v) => {
    if (v >= 10) throw new RangeError('add returned an out-of-range value');
    return v;
  });
  const wide: bigint = sb.invoke<bigint>('mul64', 1n, 2n).copyAndVerify((v) => v);
  const str: SandboxPtr<'char'> = sb.newString('hi');
  const next: SandboxPtr<'char'> = ptrAdd(str, 1);
  sb.invoke('echo', next);
  const cb = sb.registerCallback((s: Tainted<SandboxPtr>, n: Tainted<number>) => {
    const text: string = s.copyAndVerifyString((v) => v, 100);
    return text.length + n.copyAndVerify((v) => v);
  }, ['i32', ['ptr', 'i32']]);
  const big = sb.registerCallback((x) => x.copyAndVerify((v: bigint) => v + 1n), ['i64', ['i64']]);
  sb.invoke('call_cb', cb);
  sb.invoke('call_cb', big);
  const arr: Int32Array = sb.invoke('numbers').copyAndVerifyRange((a) => a.slice(), 4, 'i32');
  const byte: number = sb.read(str, 'u8').copyAndVerify((v) => v);
  const p: SandboxPtr = sb.read(str, 'ptr').unverifiedSafeBecause('only passed back into the same sandbox');
  sb.freeInSandbox(p);
  void [sum, wide, arr, byte];
  cb.unregister();
  sb.destroy();
}

export async function boundUse(): Promise<void> {
  const sb = await createSandbox(wasm('build/'));
  const lib = sb.bind({ add: ['u32', ['u32', 'u32']], echo: ['void', ['ptr']], wide: ['i64', ['i64']], cb: ['void', ['ptr']] });
  const n: Tainted<number> = lib.add(3, 4);
  const viaTainted: Tainted<number> = lib.add(n, 1);
  const w: Tainted<bigint> = lib.wide(5n);
  const v: Tainted<undefined> = lib.echo(sb.newString('x'));
  lib.cb(sb.registerCallback(() => {}, ['void', []]));
  void [viaTainted, w, v];
}
