// Module-wide facts that function-body checking needs, computed once per module.

import type { Module } from '../wasm/ir.js';
import { declaredFuncRefs, indexSpaces, type IndexSpaces } from '../wasm/module-info.js';

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
  ctx = { module, spaces: indexSpaces(module), declaredRefs: declaredFuncRefs(module) };
  cache.set(module, ctx);
  return ctx;
}
