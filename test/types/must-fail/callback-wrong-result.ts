import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// A callback's result must match its signature's result type.
// @expect TS2322
export const cb = sb.registerCallback(() => 'text', ['i32', []]);
