// Where a function becomes a reference value (ref.func, element segments): the one place that decides which C
// function a `wasm_rt_funcref_t` points at. With Segue that is the function's thunk (names.ts), which points the
// gs base at the instance's memory 0: a funcref may be called from another module or from the host.
import type { ModuleNames } from './names.js';

/** A `wasm_rt_funcref_t` expression for function `index` (valid where `inst` is the instance). */
export function funcrefExpression(names: ModuleNames, index: number): string {
  const f = names.funcs[index]!;
  const target = f.thunk !== undefined ? `W2C__FUNCREF_TARGET(${f.symbol})` : f.symbol;
  return `w2c__funcref(${names.typeIds[f.typeIndex]}, (wasm_rt_function_ptr_t)${target}, ${f.instance})`;
}
