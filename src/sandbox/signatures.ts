// Function signatures of a sandboxed library: derived from the wasm types, refined by the ones the application
// declares (which must agree with the wasm types: a declared `u32` or `ptr` travels as a wasm i32).
import { SandboxLoadError } from './errors.js';
import { checkSignature, wasmTypeOf, type ParamType, type Signature } from './types.js';
import type { WasmFuncSig, WasmValType } from './wasm-exports.js';

function fromWasmType(t: WasmValType): ParamType | undefined {
  return t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64' ? t : undefined;
}

/** The signature of a wasm function, or undefined when it uses types the sandbox API cannot pass. */
export function signatureFromWasm(sig: WasmFuncSig): Signature | undefined {
  const params = sig.params.map(fromWasmType);
  if (params.some((p) => p === undefined) || sig.results.length > 1) return undefined;
  const result = sig.results.length === 0 ? 'void' : fromWasmType(sig.results[0]!);
  if (result === undefined) return undefined;
  return [result, params as ParamType[]];
}

function describe(sig: WasmFuncSig): string {
  return `(${sig.params.join(', ')}) -> ${sig.results.length ? sig.results.join(', ') : 'void'}`;
}

/** Why an exported function cannot be called from TypeScript, when it cannot. */
export function unsupportedReason(wasmSigs: ReadonlyMap<string, WasmFuncSig>, name: string): string | undefined {
  const ws = wasmSigs.get(name);
  if (!ws || signatureFromWasm(ws)) return undefined;
  return `'${name}' has the wasm type ${describe(ws)}; only numbers and at most one result can cross the sandbox boundary`;
}

/** Exported signatures with the declared ones applied; a declared function that is missing or disagrees is an error. */
export function resolveSignatures(
  wasmSigs: ReadonlyMap<string, WasmFuncSig>,
  declared: Readonly<Record<string, Signature>> | undefined,
  file: string,
): Map<string, Signature> {
  const out = new Map<string, Signature>();
  for (const [name, ws] of wasmSigs) {
    const s = signatureFromWasm(ws);
    if (s) out.set(name, s);
  }
  for (const [name, raw] of Object.entries(declared ?? {})) {
    const sig = checkSignature(raw, `declared function '${name}'`);
    const ws = wasmSigs.get(name);
    if (!ws) {
      throw new SandboxLoadError(`declared function '${name}' is not exported by ${file} (is it static, or was it inlined away?)`);
    }
    const [result, params] = sig;
    const agrees =
      params.length === ws.params.length &&
      params.every((p, i) => wasmTypeOf(p) === ws.params[i]) &&
      (result === 'void' ? ws.results.length === 0 : ws.results.length === 1 && wasmTypeOf(result) === ws.results[0]);
    if (!agrees) {
      throw new SandboxLoadError(
        `declared signature of '${name}' ${JSON.stringify(sig)} does not match its wasm type ${describe(ws)} in ${file}`,
      );
    }
    out.set(name, sig);
  }
  return out;
}
