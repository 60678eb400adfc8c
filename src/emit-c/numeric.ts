// C expressions for the instructions whose operand types are fixed by the opcode: numeric, comparison and
// conversion operators, and the memory access helpers of loads and stores. Integers are unsigned in C so that
// overflow wraps; signedness appears only in explicit casts.

import { allOps } from '../wasm/opcodes.js';

type Expr = (a: string, b: string) => string;

const unary = (f: (a: string) => string): Expr => (a) => f(a);

function intOps(w: 32 | 64): Record<string, Expr> {
  const p = `i${w}`;
  const s = `s${w}`;
  const u = `u${w}`;
  const mask = w - 1;
  return {
    [`${p}.eqz`]: unary((a) => `(u32)(${a} == 0)`),
    [`${p}.eq`]: (a, b) => `(u32)(${a} == ${b})`,
    [`${p}.ne`]: (a, b) => `(u32)(${a} != ${b})`,
    [`${p}.lt_s`]: (a, b) => `(u32)((${s})${a} < (${s})${b})`,
    [`${p}.lt_u`]: (a, b) => `(u32)(${a} < ${b})`,
    [`${p}.gt_s`]: (a, b) => `(u32)((${s})${a} > (${s})${b})`,
    [`${p}.gt_u`]: (a, b) => `(u32)(${a} > ${b})`,
    [`${p}.le_s`]: (a, b) => `(u32)((${s})${a} <= (${s})${b})`,
    [`${p}.le_u`]: (a, b) => `(u32)(${a} <= ${b})`,
    [`${p}.ge_s`]: (a, b) => `(u32)((${s})${a} >= (${s})${b})`,
    [`${p}.ge_u`]: (a, b) => `(u32)(${a} >= ${b})`,
    [`${p}.clz`]: unary((a) => `w2c__${p}_clz(${a})`),
    [`${p}.ctz`]: unary((a) => `w2c__${p}_ctz(${a})`),
    [`${p}.popcnt`]: unary((a) => `w2c__${p}_popcnt(${a})`),
    [`${p}.add`]: (a, b) => `${a} + ${b}`,
    [`${p}.sub`]: (a, b) => `${a} - ${b}`,
    [`${p}.mul`]: (a, b) => `${a} * ${b}`,
    [`${p}.div_s`]: (a, b) => `w2c__${p}_div_s(${a}, ${b})`,
    [`${p}.div_u`]: (a, b) => `w2c__${p}_div_u(${a}, ${b})`,
    [`${p}.rem_s`]: (a, b) => `w2c__${p}_rem_s(${a}, ${b})`,
    [`${p}.rem_u`]: (a, b) => `w2c__${p}_rem_u(${a}, ${b})`,
    [`${p}.and`]: (a, b) => `${a} & ${b}`,
    [`${p}.or`]: (a, b) => `${a} | ${b}`,
    [`${p}.xor`]: (a, b) => `${a} ^ ${b}`,
    [`${p}.shl`]: (a, b) => `${a} << (${b} & ${mask})`,
    [`${p}.shr_s`]: (a, b) => `(${u})((${s})${a} >> (${b} & ${mask}))`,
    [`${p}.shr_u`]: (a, b) => `${a} >> (${b} & ${mask})`,
    [`${p}.rotl`]: (a, b) => `w2c__${p}_rotl(${a}, ${b})`,
    [`${p}.rotr`]: (a, b) => `w2c__${p}_rotr(${a}, ${b})`,
    [`${p}.extend8_s`]: unary((a) => `(${u})(${s})(s8)${a}`),
    [`${p}.extend16_s`]: unary((a) => `(${u})(${s})(s16)${a}`),
  };
}

function floatOps(w: 32 | 64): Record<string, Expr> {
  const p = `f${w}`;
  const fs = w === 32 ? 'f' : '';
  return {
    [`${p}.eq`]: (a, b) => `(u32)(${a} == ${b})`,
    [`${p}.ne`]: (a, b) => `(u32)(${a} != ${b})`,
    [`${p}.lt`]: (a, b) => `(u32)(${a} < ${b})`,
    [`${p}.gt`]: (a, b) => `(u32)(${a} > ${b})`,
    [`${p}.le`]: (a, b) => `(u32)(${a} <= ${b})`,
    [`${p}.ge`]: (a, b) => `(u32)(${a} >= ${b})`,
    [`${p}.abs`]: unary((a) => `w2c__${p}_abs(${a})`),
    [`${p}.neg`]: unary((a) => `w2c__${p}_neg(${a})`),
    [`${p}.ceil`]: unary((a) => `w2c__${p}_ceil(${a})`),
    [`${p}.floor`]: unary((a) => `w2c__${p}_floor(${a})`),
    [`${p}.trunc`]: unary((a) => `w2c__${p}_trunc(${a})`),
    [`${p}.nearest`]: unary((a) => `w2c__${p}_nearest(${a})`),
    [`${p}.sqrt`]: unary((a) => `sqrt${fs}(${a})`),
    [`${p}.add`]: (a, b) => `${a} + ${b}`,
    [`${p}.sub`]: (a, b) => `${a} - ${b}`,
    [`${p}.mul`]: (a, b) => `${a} * ${b}`,
    [`${p}.div`]: (a, b) => `${a} / ${b}`,
    [`${p}.min`]: (a, b) => `w2c__${p}_min(${a}, ${b})`,
    [`${p}.max`]: (a, b) => `w2c__${p}_max(${a}, ${b})`,
    [`${p}.copysign`]: (a, b) => `w2c__${p}_copysign(${a}, ${b})`,
  };
}

const helper = (name: string): Expr => unary((a) => `w2c__${name}(${a})`);

const conversions: Record<string, Expr> = {
  'i32.wrap_i64': unary((a) => `(u32)${a}`),
  'i64.extend_i32_s': unary((a) => `(u64)(s64)(s32)${a}`),
  'i64.extend_i32_u': unary((a) => `(u64)${a}`),
  'i64.extend32_s': unary((a) => `(u64)(s64)(s32)${a}`),
  'f32.convert_i32_s': unary((a) => `(f32)(s32)${a}`),
  'f32.convert_i32_u': unary((a) => `(f32)${a}`),
  'f32.convert_i64_s': unary((a) => `(f32)(s64)${a}`),
  'f32.convert_i64_u': unary((a) => `(f32)${a}`),
  'f32.demote_f64': unary((a) => `w2c__f32_demote_f64(${a})`),
  'f64.convert_i32_s': unary((a) => `(f64)(s32)${a}`),
  'f64.convert_i32_u': unary((a) => `(f64)${a}`),
  'f64.convert_i64_s': unary((a) => `(f64)(s64)${a}`),
  'f64.convert_i64_u': unary((a) => `(f64)${a}`),
  'f64.promote_f32': unary((a) => `w2c__f64_promote_f32(${a})`),
  'i32.reinterpret_f32': unary((a) => `f32_bits(${a})`),
  'i64.reinterpret_f64': unary((a) => `f64_bits(${a})`),
  'f32.reinterpret_i32': unary((a) => `f32_from_bits(${a})`),
  'f64.reinterpret_i64': unary((a) => `f64_from_bits(${a})`),
};
for (const r of ['i32', 'i64']) {
  for (const f of ['f32', 'f64']) {
    for (const sign of ['s', 'u']) {
      conversions[`${r}.trunc_${f}_${sign}`] = helper(`${r}_trunc_${f}_${sign}`);
      conversions[`${r}.trunc_sat_${f}_${sign}`] = helper(`${r}_trunc_sat_${f}_${sign}`);
    }
  }
}

/** Operators by text name (see src/wasm/opcodes.ts), each giving the C expression of its result. */
export const NUMERIC_OPS: ReadonlyMap<string, Expr> = new Map(
  Object.entries({ ...intOps(32), ...intOps(64), ...floatOps(32), ...floatOps(64), ...conversions }),
);

/** Loads: the helper that reads the bytes, and the cast that extends them to the result type. */
export const LOADS: ReadonlyMap<string, { readonly helper: string; readonly cast: string }> = new Map([
  ['i32.load', { helper: 'u32', cast: '' }],
  ['i64.load', { helper: 'u64', cast: '' }],
  ['f32.load', { helper: 'f32', cast: '' }],
  ['f64.load', { helper: 'f64', cast: '' }],
  ['i32.load8_s', { helper: 'u8', cast: '(u32)(s32)(s8)' }],
  ['i32.load8_u', { helper: 'u8', cast: '(u32)' }],
  ['i32.load16_s', { helper: 'u16', cast: '(u32)(s32)(s16)' }],
  ['i32.load16_u', { helper: 'u16', cast: '(u32)' }],
  ['i64.load8_s', { helper: 'u8', cast: '(u64)(s64)(s8)' }],
  ['i64.load8_u', { helper: 'u8', cast: '(u64)' }],
  ['i64.load16_s', { helper: 'u16', cast: '(u64)(s64)(s16)' }],
  ['i64.load16_u', { helper: 'u16', cast: '(u64)' }],
  ['i64.load32_s', { helper: 'u32', cast: '(u64)(s64)(s32)' }],
  ['i64.load32_u', { helper: 'u32', cast: '(u64)' }],
].map(([k, v]) => [k as string, v as { helper: string; cast: string }]));

/** Stores: the helper that writes the bytes, and the truncating cast of the value. */
export const STORES: ReadonlyMap<string, { readonly helper: string; readonly cast: string }> = new Map([
  ['i32.store', { helper: 'u32', cast: '' }],
  ['i64.store', { helper: 'u64', cast: '' }],
  ['f32.store', { helper: 'f32', cast: '' }],
  ['f64.store', { helper: 'f64', cast: '' }],
  ['i32.store8', { helper: 'u8', cast: '(u8)' }],
  ['i32.store16', { helper: 'u16', cast: '(u16)' }],
  ['i64.store8', { helper: 'u8', cast: '(u8)' }],
  ['i64.store16', { helper: 'u16', cast: '(u16)' }],
  ['i64.store32', { helper: 'u32', cast: '(u32)' }],
].map(([k, v]) => [k as string, v as { helper: string; cast: string }]));

/** What the emitter does with an opcode that has a fixed signature, found by opcode instead of by name. */
export interface OpTranslation {
  readonly numeric?: Expr;
  /** Division and trapping float->int conversions: their result is never deferred into a later expression. */
  readonly mayTrap: boolean;
  /** Loads: the C text before the address, `<cast>w2c__load_<helper>(mb, ms, (u64)`. */
  readonly load?: { readonly prefix: string };
  /** Stores: the C text before the address and what separates the address from the value. */
  readonly store?: { readonly prefix: string; readonly separator: string };
}

const MAY_TRAP = /\.(div_[su]|rem_[su]|trunc_f(32|64)_[su])$/;
const byteTranslations: (OpTranslation | undefined)[] = new Array(256).fill(undefined);
const prefixedTranslations = new Map<number, OpTranslation>();
for (const info of allOps()) {
  const numeric = NUMERIC_OPS.get(info.name);
  const load = LOADS.get(info.name);
  const store = STORES.get(info.name);
  if (!numeric && !load && !store) continue;
  const t: OpTranslation = {
    numeric,
    mayTrap: MAY_TRAP.test(info.name),
    load: load && { prefix: `${load.cast}w2c__load_${load.helper}(mb, ms, (u64)` },
    store: store && { prefix: `w2c__store_${store.helper}(mb, ms, (u64)`, separator: `, ${store.cast}` },
  };
  if (info.op < 256) byteTranslations[info.op] = t;
  else prefixedTranslations.set(info.op, t);
}

/** The numeric, load or store translation of an opcode, if it is one of those. */
export function opTranslation(op: number): OpTranslation | undefined {
  return op < 256 ? byteTranslations[op] : prefixedTranslations.get(op);
}
