// Running external programs. The build driver is the only part of rlbox-ts that spawns processes, and this
// module is the only place in it that does.
import { spawn } from 'node:child_process';
import { CommandError } from './errors.js';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started at all (ENOENT: not installed / not on PATH). */
  readonly spawnError?: NodeJS.ErrnoException;
}

export function run(command: readonly string[], options: { cwd?: string; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn(file!, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      resolve({ code: null, stdout, stderr, spawnError: err });
    });
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs a build command; a non-zero exit becomes a CommandError carrying the tool's own diagnostics.
 * Warnings of a successful run are handed to `onWarnings` so they are not lost.
 */
export async function runChecked(
  what: string,
  command: readonly string[],
  onWarnings?: (text: string) => void,
  cwd?: string,
): Promise<RunResult> {
  const r = await run(command, { cwd });
  if (r.spawnError) {
    throw new CommandError(what, command, null, `${command[0]}: ${r.spawnError.message}\n`);
  }
  if (r.code !== 0) throw new CommandError(what, command, r.code, r.stderr + r.stdout);
  if (r.stderr.trim() !== '' && onWarnings) onWarnings(r.stderr);
  return r;
}

/** Runs `tasks` with at most `jobs` of them in flight; rejects with the first failure once running ones end. */
export async function runPool<T>(jobs: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (failure === undefined && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!();
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
