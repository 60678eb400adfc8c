import type { Shapes } from "../../../examples/structs/shapes.bindings.js";
import type { SandboxPtr, Tainted } from "../../../src/sandbox/index.js";
import type { TaintedPtr } from "../../../src/sandbox/library.js";
declare const lib: Shapes;
declare const s: SandboxPtr<"struct shape">;
void s;

// point_visitor passes two arguments: a callback needing a third does not match.
// @expect TS2345
lib.callbacks.point_visitor((a: TaintedPtr<'point_t'>, b: TaintedPtr, c: Tainted<number>) => { void a; void b; void c; });
