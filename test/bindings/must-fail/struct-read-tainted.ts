import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// A read struct is Tainted as a whole.
// @expect TS2339
export const k = lib.structs.shape.read(s).kind;
