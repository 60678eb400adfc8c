import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// A plain number is not a sandbox pointer.
// @expect TS2345
lib.shape_free(1234);
