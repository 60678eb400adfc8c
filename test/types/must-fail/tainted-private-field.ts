import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// The value inside is an ES private field: not reachable from outside the class.
// @expect TS18013
export const raw = t.#value;
