// Just enough of the wasm binary format to learn the signatures of a module's exported functions: the type,
// import, function and export sections. The wasm2c and wasm backends use it to check arguments before a call.
import { SandboxLoadError } from './errors.js';

export type WasmValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

export interface WasmFuncSig {
  readonly params: readonly WasmValType[];
  readonly results: readonly WasmValType[];
}

const VALTYPES: Readonly<Record<number, WasmValType>> = {
  0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref',
};

/** Exported functions of a module and their wasm signatures. */
export function exportedFunctionSignatures(bytes: Uint8Array, file: string): Map<string, WasmFuncSig> {
  let pos = 8;
  const fail = (why: string): never => {
    throw new SandboxLoadError(`${file} is not a wasm module rlbox-ts can read (${why} at byte ${pos}); rebuild it`);
  };
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) fail('bad magic');
  const u8 = (): number => (pos < bytes.length ? bytes[pos++]! : fail('unexpected end'));
  const uleb = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = u8();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
  };
  const name = (): string => {
    const n = uleb();
    const s = Buffer.from(bytes.subarray(pos, pos + n)).toString('utf8');
    pos += n;
    return s;
  };
  const valtype = (): WasmValType => VALTYPES[u8()] ?? fail('unknown value type');
  const limits = (): void => {
    const flags = u8();
    uleb();
    if (flags & 1) uleb();
  };

  const types: WasmFuncSig[] = [];
  const funcTypes: number[] = [];
  const exports: Array<[string, number]> = [];
  while (pos < bytes.length) {
    const id = u8();
    const size = uleb();
    const end = pos + size;
    if (id === 1) {
      for (let n = uleb(); n > 0; n--) {
        if (u8() !== 0x60) fail('unsupported type form');
        const params = Array.from({ length: uleb() }, valtype);
        const results = Array.from({ length: uleb() }, valtype);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = uleb(); n > 0; n--) {
        name();
        name();
        const kind = u8();
        if (kind === 0) funcTypes.push(uleb());
        else if (kind === 1) { u8(); limits(); }
        else if (kind === 2) limits();
        else if (kind === 3) { u8(); u8(); }
        else fail('unknown import kind');
      }
    } else if (id === 3) {
      for (let n = uleb(); n > 0; n--) funcTypes.push(uleb());
    } else if (id === 7) {
      for (let n = uleb(); n > 0; n--) {
        const nm = name();
        const kind = u8();
        const index = uleb();
        if (kind === 0) exports.push([nm, index]);
      }
    }
    pos = end;
  }
  const out = new Map<string, WasmFuncSig>();
  for (const [nm, index] of exports) {
    const t = types[funcTypes[index] ?? -1];
    if (t) out.set(nm, t);
  }
  return out;
}
