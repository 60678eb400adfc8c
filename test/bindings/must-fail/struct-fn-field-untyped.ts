import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// A function-pointer field takes a callback of its own type, not an untyped handle.
// @expect TS2322
lib.structs.shape_hooks.alloc({ on_point: lib.sandbox.registerCallback(() => {}, ["void", ["ptr", "ptr"]]), user: null });
