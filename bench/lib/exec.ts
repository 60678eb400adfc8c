// Running the compilers and the benchmark hosts. The harness is outside the library, so it spawns its own
// processes; a failure carries the command line and the tool's output.
import { spawn } from 'node:child_process';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export class ExecError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`command failed (${code === null ? 'not started' : `exit ${code}`}): ${command.join(' ')}\n${output.slice(-4000)}`);
    this.name = 'ExecError';
  }
}

export function exec(command: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ExecResult> {
  const [file, ...args] = command;
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(file!, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => reject(new ExecError(command, null, err.message)));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code === 0) resolve({ stdout, stderr, seconds });
      else reject(new ExecError(command, code, stderr + stdout));
    });
  });
}

/** Runs the tasks with at most `jobs` in flight, keeping the order of the results. */
export async function pool<T>(jobs: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const errors: unknown[] = [];
  async function worker(): Promise<void> {
    while (errors.length === 0 && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!();
      } catch (e) {
        errors.push(e);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  if (errors.length > 0) throw errors[0];
  return results;
}
