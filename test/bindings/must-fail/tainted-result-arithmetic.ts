import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// Tainted results do not take part in arithmetic either.
// @expect TS2362
export const m = lib.shape_perimeter(s) * 2;
