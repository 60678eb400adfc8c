import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// Struct fields are typed: point_t.y is a number.
// @expect TS2322
lib.structs.point_t.write(lib.structs.point_t.alloc(), { x: 1, y: 2n });
