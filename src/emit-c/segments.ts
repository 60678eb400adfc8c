// How element and data segments exist at run time. Active and declarative segments are dropped once
// instantiation has applied them, so later table.init/memory.init see them as empty and only passive segments
// need state in the instance: a "dropped" flag, and for element segments the references evaluated at
// instantiation.

import type { Module } from '../wasm/ir.js';

export interface DataSegmentInfo {
  /** The static array holding the bytes. */
  readonly symbol: string;
  readonly length: number;
  /** The segment's current length inside a function (0 once dropped). */
  readonly lengthExpr: string;
  /** Instance field of the dropped flag (passive segments only). */
  readonly droppedField?: string;
}

export interface ElemSegmentInfo {
  readonly length: number;
  /** A `const wasm_rt_<kind>_t*` expression of the items, or NULL. */
  readonly itemsExpr: string;
  readonly lengthExpr: string;
  /** Instance field holding the evaluated items (passive, non-empty segments only). */
  readonly itemsField?: string;
  readonly droppedField?: string;
}

export interface SegmentInfo {
  readonly data: readonly DataSegmentInfo[];
  readonly elem: readonly ElemSegmentInfo[];
}

export function describeSegments(module: Module, internalPrefix = 'w2c__'): SegmentInfo {
  const data = module.datas.map((d, i): DataSegmentInfo => {
    const symbol = `${internalPrefix}data${i}`;
    if (d.mode !== 'passive') return { symbol, length: d.bytes.length, lengthExpr: '0' };
    const droppedField = `w2c_data_dropped${i}`;
    return {
      symbol,
      length: d.bytes.length,
      lengthExpr: `(inst->${droppedField} ? 0u : ${d.bytes.length}u)`,
      droppedField,
    };
  });
  const elem = module.elems.map((e, i): ElemSegmentInfo => {
    const n = e.items.length;
    if (e.mode !== 'passive') return { length: n, itemsExpr: 'NULL', lengthExpr: '0' };
    const droppedField = `w2c_elem_dropped${i}`;
    if (n === 0) return { length: 0, itemsExpr: 'NULL', lengthExpr: '0', droppedField };
    const itemsField = `w2c_elem${i}`;
    return {
      length: n,
      itemsExpr: `inst->${itemsField}`,
      lengthExpr: `(inst->${droppedField} ? 0u : ${n}u)`,
      itemsField,
      droppedField,
    };
  });
  return { data, elem };
}
