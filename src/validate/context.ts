// Module-wide facts that function-body checking needs, computed once per module.

import type { ConstExpr, Module } from '../wasm/ir.js';
import { indexSpaces, type IndexSpaces } from '../wasm/module-info.js';
import { Op } from '../wasm/opcodes.js';

export interface ValidationContext {
  readonly module: Module;
  readonly spaces: IndexSpaces;
  /**
   * Functions that may be named by ref.func inside function bodies: those referenced anywhere outside the
   * code and start sections (exports, global initializers, element segments), per the spec's C.refs.
   */
  readonly declaredRefs: ReadonlySet<number>;
}

const cache = new WeakMap<Module, ValidationContext>();

export function validationContext(module: Module): ValidationContext {
  let ctx = cache.get(module);
  if (ctx) return ctx;
  const refs = new Set<number>();
  const scan = (expr: ConstExpr | undefined) => {
    if (!expr) return;
    for (const i of expr) if (i.op === Op.ref_func && i.index !== undefined) refs.add(i.index);
  };
  for (const e of module.exports) if (e.kind === 'func') refs.add(e.index);
  for (const g of module.globals) scan(g.init);
  for (const e of module.elems) {
    scan(e.offsetExpr);
    for (const item of e.items) scan(item);
  }
  for (const d of module.datas) scan(d.offsetExpr);
  ctx = { module, spaces: indexSpaces(module), declaredRefs: refs };
  cache.set(module, ctx);
  return ctx;
}
