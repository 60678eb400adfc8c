import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// An object with every public member of Tainted is still not a Tainted: the ES private field makes the class
// nominal, so a look-alike cannot smuggle a value past the verifiers.
declare const lookAlike: { [K in keyof Tainted<number>]: Tainted<number>[K] };
// @expect TS2739 (missing #value, #memory, ...)
export const fake: Tainted<number> = lookAlike;
export type Unused = SandboxPtr;
