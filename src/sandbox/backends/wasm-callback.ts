// Host callbacks for the wasm backend. A JavaScript function can only enter a wasm table as a wasm function
// of a definite type; Node 20 has no WebAssembly.Function, so a tiny module is made per signature: it imports
// the JS function with that type and re-exports it, which yields a typed function the table accepts.
import type { Signature } from '../types.js';
import { wasmTypeOf } from '../types.js';
import { WA, type WasmModule } from './wasm-api.js';

const VALTYPE: Readonly<Record<string, number>> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

const str = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];

/** The binary of `(module (import "h" "f" (func (type sig))) (export "f" (func 0)))`. */
export function callbackModuleBytes(sig: Signature): Uint8Array {
  const [result, params] = sig;
  const ps = params.map((p) => VALTYPE[wasmTypeOf(p)]!);
  const rs = result === 'void' ? [] : [VALTYPE[wasmTypeOf(result)]!];
  const type = [...uleb(1), 0x60, ...uleb(ps.length), ...ps, ...uleb(rs.length), ...rs];
  const imports = [...uleb(1), ...str('h'), ...str('f'), 0x00, ...uleb(0)];
  const exports = [...uleb(1), ...str('f'), 0x00, ...uleb(0)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type),
    ...section(2, imports),
    ...section(7, exports),
  ]);
}

const compiled = new Map<string, WasmModule>();

/** A wasm function of type `sig` that calls `fn`; the compiled wrapper module is shared per wasm signature. */
export function wrapAsWasmFunction(fn: (...args: never[]) => unknown, sig: Signature): Function {
  const [result, params] = sig;
  const key = `${params.map(wasmTypeOf).join(',')}->${result === 'void' ? '' : wasmTypeOf(result)}`;
  let mod = compiled.get(key);
  if (!mod) {
    mod = new WA.Module(callbackModuleBytes(sig));
    compiled.set(key, mod);
  }
  const inst = new WA.Instance(mod, { h: { f: fn } });
  return inst.exports['f'] as Function;
}
