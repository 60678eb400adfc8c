import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// Results are Tainted: they must be verified before use.
// @expect TS2322
export const n: number = lib.shape_add_point(s, 1, 2);
