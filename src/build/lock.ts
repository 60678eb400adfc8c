// One build at a time per output directory: test files run in parallel processes and may build the same
// fixture, and two builders interleaving `ar`, `cc -shared` and the record would leave broken outputs. The
// second builder waits, then usually finds every step up to date.
import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from './errors.js';

const LOCK_FILE = '.rlbox-build.lock';
const POLL_MS = 100;
/** A lock older than this is from a builder that cannot still be working. */
const STALE_MS = 30 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderIsGone(path: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const pid = Number(text.trim());
    if (Date.now() - info.mtimeMs > STALE_MS) return true;
    // A lock just created may not have its pid written yet: only a written, dead pid is gone.
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  } catch {
    return false;
  }
}

/** Waits for and takes the output directory's lock; returns the function that releases it. */
export async function lockOutDir(outDir: string, timeoutMs = 20 * 60 * 1000): Promise<() => Promise<void>> {
  const path = join(outDir, LOCK_FILE);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await holderIsGone(path)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new BuildError(`another rlbox build is writing ${outDir} (remove ${path} if it is not running)`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
