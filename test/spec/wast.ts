// Turns the spec testsuite's .wast scripts into command lists with WABT's wast2json, once per script content:
// the output (a JSON command list plus one .wasm per module) is cached under test/spec/.out/json, keyed by the
// script's hash, so the tracked tree is never written and re-runs skip the conversion.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const specDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(specDir, '..', '..');
/** Scratch space for everything the runner produces (gitignored). */
export const outDir = join(specDir, '.out');

/** The testsuite folder: $RLBOX_TESTSUITE, else ../shared/testsuite next to the repository. */
export function testsuiteDir(): string {
  return resolve(process.env.RLBOX_TESTSUITE ?? join(repoRoot, '..', 'shared', 'testsuite'));
}

/** Every .wast of the testsuite (sorted), optionally only those whose name contains `filter`. */
export function listWastFiles(filter?: string): string[] {
  const dir = testsuiteDir();
  if (!existsSync(dir)) throw new Error(`spec testsuite not found at ${dir} (set RLBOX_TESTSUITE)`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast') && (filter === undefined || f.includes(filter)))
    .sort()
    .map((f) => join(dir, f));
}

export function isSimdFile(wastPath: string): boolean {
  return basename(wastPath).startsWith('simd_');
}

// ---- wast2json's JSON schema (the parts we read) ----

/** A value in an action's arguments or an assertion's expectations. `value` holds the bits as a decimal string
 * (floats as their IEEE bit pattern), or `nan:canonical` / `nan:arithmetic`, or `null` for null references;
 * an absent value for a reference means "any non-null reference". v128 values have `lane_type` and a list. */
export interface WastValue {
  readonly type: string;
  readonly value?: string | readonly string[];
  readonly lane_type?: string;
}

export interface WastAction {
  readonly type: 'invoke' | 'get';
  readonly module?: string;
  readonly field: string;
  readonly args?: readonly WastValue[];
}

interface CommandBase {
  readonly line: number;
}

export interface ModuleCommand extends CommandBase {
  readonly type: 'module';
  readonly name?: string;
  readonly filename: string;
}

export interface RegisterCommand extends CommandBase {
  readonly type: 'register';
  readonly name?: string;
  readonly as: string;
}

export interface ActionCommand extends CommandBase {
  readonly type: 'action' | 'assert_return' | 'assert_trap' | 'assert_exhaustion';
  readonly action: WastAction;
  readonly expected?: readonly WastValue[];
  readonly text?: string;
}

export interface ModuleAssertCommand extends CommandBase {
  readonly type: 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable';
  readonly filename: string;
  readonly text: string;
  readonly module_type: 'binary' | 'text';
}

export type WastCommand = ModuleCommand | RegisterCommand | ActionCommand | ModuleAssertCommand;

export interface ConvertedWast {
  /** The .wast file this came from. */
  readonly wastPath: string;
  /** Short name, e.g. `i32.wast`. */
  readonly name: string;
  /** Folder holding the JSON and the .wasm files the commands' `filename`s are relative to. */
  readonly dir: string;
  readonly commands: readonly WastCommand[];
}

let wast2jsonChecked = false;

function checkWast2json(): void {
  if (wast2jsonChecked) return;
  try {
    execFileSync('wast2json', ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error('wast2json not found on PATH (Debian package `wabt`); it converts the spec .wast files');
  }
  wast2jsonChecked = true;
}

/** Converts one .wast (or reuses the cached conversion) and parses its command list. */
export function convertWast(wastPath: string): ConvertedWast {
  const source = readFileSync(wastPath);
  const name = basename(wastPath);
  const stem = basename(wastPath, '.wast');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(outDir, 'json', `${stem}-${hash}`);
  const jsonPath = join(dir, `${stem}.json`);
  if (!existsSync(jsonPath)) {
    checkWast2json();
    // Convert into a private folder and rename it into place, so concurrent runs never see half a conversion.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    try {
      execFileSync('wast2json', [wastPath, '-o', join(tmp, `${stem}.json`)], { stdio: 'pipe' });
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
      throw new Error(`wast2json failed on ${wastPath}:\n${stderr}`);
    }
    try {
      renameSync(tmp, dir);
    } catch {
      // Another run won the race: its conversion is identical.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { commands: WastCommand[] };
  return { wastPath, name, dir, commands: json.commands };
}

/** The bytes of a module file named by a command. */
export function readModuleBytes(wast: ConvertedWast, filename: string): Uint8Array {
  return new Uint8Array(readFileSync(join(wast.dir, filename)));
}
