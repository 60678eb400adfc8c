import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// point_visitor takes (const point_t *, void *): a callback expecting a bigint does not match.
// @expect TS2345
lib.callbacks.point_visitor((p: Tainted<bigint>) => { void p; });
