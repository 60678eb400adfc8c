// Finding what `rlbox build` produced in a build directory. The build record (rlbox-build.json) names the
// files; without one, the conventional names are tried.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SandboxLoadError } from './errors.js';

export const BUILD_RECORD = 'rlbox-build.json';

export interface Artifacts {
  readonly dir: string;
  /** Library name (`--name`). */
  readonly name: string;
  /** C module name of the generated symbols (`w2c_<moduleName>_...`). */
  readonly moduleName: string;
  /** Absolute paths; each may be missing on disk (checked by the backend that needs it). */
  readonly wasm: string;
  readonly sharedLib: string;
  readonly nativeLib: string;
  /** `<name>.wasm2c.node`: the sandboxed library with N-API entry points (absent when built without node headers). */
  readonly addon: string;
}

interface RecordFiles {
  readonly wasm?: string;
  readonly sharedLib?: string;
  readonly nativeLib?: string;
  readonly addon?: string | null;
}

/** Reads the build record of `dir`, or derives the file names from the library name. */
export function locateArtifacts(buildDir: string, name?: string): Artifacts {
  const dir = resolve(buildDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SandboxLoadError(`build directory ${dir} does not exist; build the library first: rlbox build mylib.c --out ${buildDir}`);
  }
  const recordPath = join(dir, BUILD_RECORD);
  if (existsSync(recordPath)) {
    let rec: { name?: string; moduleName?: string; files?: RecordFiles };
    try {
      rec = JSON.parse(readFileSync(recordPath, 'utf8')) as typeof rec;
    } catch (e) {
      throw new SandboxLoadError(`${recordPath} is not valid JSON (${(e as Error).message}); rebuild with rlbox build`);
    }
    if (rec.name && (name === undefined || name === rec.name)) {
      const n = rec.name;
      const f = rec.files ?? {};
      return {
        dir,
        name: n,
        moduleName: rec.moduleName ?? n,
        wasm: join(dir, f.wasm ?? `${n}.wasm`),
        sharedLib: join(dir, f.sharedLib ?? `lib${n}_sandbox.so`),
        nativeLib: join(dir, f.nativeLib ?? `lib${n}_native.so`),
        addon: join(dir, f.addon ?? `${n}.wasm2c.node`),
      };
    }
  }
  let n = name;
  if (n === undefined) {
    const wasms = readdirSync(dir).filter((f) => f.endsWith('.wasm'));
    if (wasms.length !== 1) {
      throw new SandboxLoadError(
        `cannot tell which library to load from ${dir} (${wasms.length} .wasm files and no ${BUILD_RECORD}); ` +
          `pass { name: 'mylib' } to the backend`,
      );
    }
    n = wasms[0]!.slice(0, -'.wasm'.length);
  }
  return {
    dir,
    name: n,
    moduleName: n,
    wasm: join(dir, `${n}.wasm`),
    sharedLib: join(dir, `lib${n}_sandbox.so`),
    nativeLib: join(dir, `lib${n}_native.so`),
    addon: join(dir, `${n}.wasm2c.node`),
  };
}

export function requireFile(path: string, what: string): string {
  if (!existsSync(path)) {
    throw new SandboxLoadError(`${what} ${path} does not exist; build the library with: rlbox build <sources> --name <name> --out <dir>`);
  }
  return path;
}
