// Code generated per signature for the two hot paths of the boundary: a call into the sandbox and a callback
// out of it. Generic code (loops over a parameter list, checks looked up per parameter, spread calls) costs
// more than the FFI call itself; a function written out for one signature checks its arguments inline,
// passes them as separate parameters and allocates nothing but the Tainted results.
//
// Only the fast, common case is generated: valid plain arguments. Anything else (a Tainted value, a callback
// handle, a number where a bigint goes, a wrong argument count) goes to a careful path written once in the
// Sandbox, which either converts it or throws the precise error.
import type { RawCaller, RawValue } from './backend.js';
import type { ParamType, ResultType } from './types.js';

export type { RawCaller };

/** Bookkeeping shared by a Sandbox and its generated functions (plain fields: read on every call). */
export interface CallState {
  /** Destroyed or poisoned: every entry must go to `refuse`. */
  unusable: boolean;
  /** Sandbox calls running right now (a callback calling back in nests them). */
  depth: number;
}

/** What a generated caller needs from its Sandbox. */
export interface CallerEnv {
  /**
   * Code is compiled once per signature and `family` (the backend kind): the functions it calls then stay
   * monomorphic per family, which lets the JIT inline the backend's raw caller into it.
   */
  readonly family: string;
  readonly st: CallState;
  readonly call: RawCaller;
  /** Wraps a result (the Sandbox's taint with itself as origin). */
  readonly wrap: (v: unknown) => unknown;
  /** Throws the error for a call on an unusable sandbox. */
  readonly refuse: () => never;
  /** The careful path: `count` arguments were given, the first ones in `args`. */
  readonly slow: (count: number, args: unknown[]) => unknown;
  /** Turns what the backend threw into the error to throw (a trap poisons the sandbox). */
  readonly fail: (e: unknown) => unknown;
}

/** What a generated callback wrapper needs from its Sandbox. */
export interface CallbackEnv {
  /** As CallerEnv.family. */
  readonly family: string;
  readonly st: CallState;
  /** The application's callback. */
  readonly fn: (...args: unknown[]) => unknown;
  readonly wrap: (v: unknown) => unknown;
  /** Records and throws the error for a callback on an unusable sandbox. */
  readonly refuse: () => never;
  /** Records a callback's failure (the running call then ends with callback_error); returns it to rethrow. */
  readonly failed: (e: unknown) => unknown;
  /** Converts a result the fast check did not accept, or throws. */
  readonly result: (v: unknown) => RawValue;
}

/** The JS expression accepting argument `a` of `type` without any conversion. */
function argCheck(type: ParamType, a: string): string {
  switch (type) {
    case 'i32':
    case 'u32':
      return `(typeof ${a} === 'number' && ((${a} | 0) === ${a} || (${a} >>> 0) === ${a}))`;
    case 'ptr':
      return `(typeof ${a} === 'number' && (${a} >>> 0) === ${a})`;
    case 'f32':
    case 'f64':
      return `(typeof ${a} === 'number')`;
    case 'i64':
      return `(typeof ${a} === 'bigint' && ${a} >= -9223372036854775808n && ${a} <= 18446744073709551615n)`;
    case 'u64':
      return `(typeof ${a} === 'bigint' && ${a} >= 0n && ${a} <= 18446744073709551615n)`;
  }
}

/** The JS expression turning raw value `r` of `type` into the value an application sees. */
export function decodeExpr(type: ResultType, r: string, pointerSize: 4 | 8): string {
  switch (type) {
    case 'void': return 'undefined';
    case 'i32': return `(${r} | 0)`;
    case 'u32': return `(${r} >>> 0)`;
    case 'ptr': return pointerSize === 4 ? `(${r} >>> 0)` : `Number(${r})`;
    case 'f32':
    case 'f64': return `Number(${r})`;
    case 'i64': return `BigInt.asIntN(64, BigInt(${r}))`;
    case 'u64': return `BigInt.asUintN(64, BigInt(${r}))`;
  }
}

type CallerFactory = (env: CallerEnv) => (...args: unknown[]) => unknown;
type CallbackFactory = (env: CallbackEnv) => (...raw: RawValue[]) => RawValue | undefined;

const callerFactories = new Map<string, CallerFactory>();
const callbackFactories = new Map<string, CallbackFactory>();

const argNames = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/**
 * A function calling a sandboxed function of this signature: `(a0, a1, ...) => Tainted`. Compiled once per
 * signature and pointer size; each Sandbox instantiates it with its own env.
 */
export function specialisedCaller(result: ResultType, params: readonly ParamType[], pointerSize: 4 | 8, env: CallerEnv): (...args: unknown[]) => unknown {
  const key = `${env.family}:${pointerSize}:${result}(${params.join(',')})`;
  let factory = callerFactories.get(key);
  if (factory === undefined) {
    const a = argNames(params.length, 'a');
    const checks = params.map((p, i) => argCheck(p, a[i]!));
    const body = [
      `'use strict';`,
      `const st = env.st, call = env.call, wrap = env.wrap, refuse = env.refuse, slow = env.slow, fail = env.fail;`,
      `return function (${a.join(', ')}) {`,
      `  if (st.unusable) refuse();`,
      `  if (arguments.length !== ${params.length}${checks.map((c) => ` || !${c}`).join('')}) return slow(arguments.length, [${a.join(', ')}]);`,
      `  st.depth++;`,
      `  let r;`,
      `  try { r = call(${a.join(', ')}); } catch (e) { throw fail(e); } finally { st.depth--; }`,
      `  return wrap(${decodeExpr(result, 'r', pointerSize)});`,
      `};`,
    ].join('\n');
    factory = new Function('env', body) as CallerFactory;
    callerFactories.set(key, factory);
  }
  return factory(env);
}

/** The JS expression accepting a callback's result `v` of `type` as its raw value without conversion. */
function resultCheck(type: ParamType, v: string): string {
  return argCheck(type, v);
}

/**
 * The function a backend calls when the sandbox calls a callback of this signature: raw arguments as separate
 * parameters, raw result. Compiled once per signature and pointer size.
 */
export function specialisedCallback(result: ResultType, params: readonly ParamType[], pointerSize: 4 | 8, env: CallbackEnv): (...raw: RawValue[]) => RawValue | undefined {
  const key = `${env.family}:${pointerSize}:${result}(${params.join(',')})`;
  let factory = callbackFactories.get(key);
  if (factory === undefined) {
    const r = argNames(params.length, 'r');
    const wrapped = params.map((p, i) => `wrap(${decodeExpr(p, r[i]!, pointerSize)})`);
    const ret =
      result === 'void'
        ? [`    return undefined;`]
        : [`    return ${resultCheck(result, 'out')} ? out : convert(out);`];
    const body = [
      `'use strict';`,
      `const st = env.st, fn = env.fn, wrap = env.wrap, refuse = env.refuse, failed = env.failed, convert = env.result;`,
      `return function (${r.join(', ')}) {`,
      `  if (st.unusable) refuse();`,
      `  try {`,
      `    const out = fn(${wrapped.join(', ')});`,
      // A re-entrant call that trapped poisons the sandbox even when the callback caught the error.
      `    if (st.unusable) refuse();`,
      ...ret,
      `  } catch (e) { throw failed(e); }`,
      `};`,
    ].join('\n');
    factory = new Function('env', body) as CallbackFactory;
    callbackFactories.set(key, factory);
  }
  return factory(env);
}
