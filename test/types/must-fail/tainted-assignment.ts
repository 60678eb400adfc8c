import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// A Tainted<number> cannot flow where a number is expected.
// @expect TS2322
export const n: number = t;
