import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;
export type Unused = SandboxPtr;

// Comparing a Tainted value with a plain one does not type-check (no overlap).
// @expect TS2367
export const seven = t === 7;
