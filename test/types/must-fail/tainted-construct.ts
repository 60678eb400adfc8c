import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// Applications receive Tainted values; they cannot make them (the constructor is private).
// @expect TS2673
export const made = new Tainted(1, undefined);
