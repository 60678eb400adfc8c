import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// A Tainted number is not a number: arithmetic on it does not type-check.
// @expect TS2365
export const sum = t + 1;
