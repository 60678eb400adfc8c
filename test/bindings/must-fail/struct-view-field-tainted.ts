import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// A struct field read through a view is Tainted.
// @expect TS2322
export const x: number = lib.structs.shape.view(s).npoints;
