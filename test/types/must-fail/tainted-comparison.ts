import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// Comparing a Tainted value (the classic unchecked bounds test) does not type-check.
// @expect TS2365
export const small = t < 10;
