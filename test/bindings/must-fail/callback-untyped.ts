import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// An untyped callback handle is not a point_visitor.
// @expect TS2345
lib.shape_visit(s, lib.sandbox.registerCallback(() => {}, ["void", ["ptr", "ptr"]]), null);
