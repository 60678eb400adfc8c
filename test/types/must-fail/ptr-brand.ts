import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// A plain number is not a SandboxPtr: pointers come from the sandbox API.
// @expect TS2322
export const p: SandboxPtr<'char'> = 4096;
