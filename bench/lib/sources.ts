// Library sources come from npm at bench time (never vendored): `npm pack <pkg>@<version>` into
// bench/.cache/npm, unpacked once into bench/.cache/src/<pkg>-<version>.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exec } from './exec.js';

export interface NpmPackage {
  readonly name: string;
  readonly version: string;
}

const UNPACKED_MARK = '.unpacked';

/** The directory holding the unpacked package (its `package/` prefix stripped). */
export async function fetchPackage(pkg: NpmPackage, cacheDir: string): Promise<string> {
  const id = `${pkg.name}-${pkg.version}`;
  const dir = join(cacheDir, 'src', id);
  if (existsSync(join(dir, UNPACKED_MARK))) return dir;
  const tarballs = join(cacheDir, 'npm');
  await mkdir(tarballs, { recursive: true });
  const tarball = join(tarballs, `${id}.tgz`);
  if (!existsSync(tarball)) {
    await exec(['npm', 'pack', `${pkg.name}@${pkg.version}`, '--pack-destination', tarballs, '--silent']);
    if (!existsSync(tarball)) throw new Error(`npm pack ${pkg.name}@${pkg.version} did not write ${tarball}`);
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await exec(['tar', 'xzf', tarball, '-C', dir, '--strip-components=1']);
  await writeFile(join(dir, UNPACKED_MARK), `${pkg.name}@${pkg.version}\n`);
  return dir;
}
