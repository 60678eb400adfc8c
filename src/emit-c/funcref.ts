// Where a function becomes a reference value (ref.func, element segments): the one place that decides which C
// function a `wasm_rt_funcref_t` points at.
import type { ModuleNames } from './names.js';

/** A `wasm_rt_funcref_t` expression for function `index` (valid where `inst` is the instance). */
export function funcrefExpression(names: ModuleNames, index: number): string {
  const f = names.funcs[index]!;
  return `w2c__funcref(${names.typeIds[f.typeIndex]}, (wasm_rt_function_ptr_t)${f.symbol}, ${f.instance})`;
}
