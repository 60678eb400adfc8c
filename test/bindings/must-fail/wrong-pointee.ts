import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// A pointer to char is not a pointer to struct shape.
// @expect TS2345
lib.shape_free(lib.sandbox.newString("x"));
