// Where rlbox-ts's own files are: the package root (for the C runtime) and the package version. The code runs
// both from src/ (tsx, tests) and from dist/ (the installed `rlbox` command): both sit two levels below the root.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rlbox-ts') return dir;
      } catch {
        // an unreadable package.json on the way up is not ours
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('rlbox-ts: cannot find the package root (package.json named rlbox-ts)');
    dir = parent;
  }
}

export const packageRoot: string = findPackageRoot();

export const packageVersion: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export const runtimeDir: string = join(packageRoot, 'runtime');
