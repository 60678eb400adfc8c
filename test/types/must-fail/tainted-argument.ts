import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// Nor can it be passed to a function taking a number.
const double = (x: number): number => x * 2;
// @expect TS2345
export const d = double(t);
