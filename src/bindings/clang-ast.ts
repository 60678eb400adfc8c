// Running clang on a header (through the build driver's process runner) and reading its JSON AST.
// clang's JSON elides `file` and `line` of a source location when they equal the previous location printed, so
// locations are resolved by walking the dump in print order before anything else looks at them.
import { run } from '../build/process.js';

/** One node of clang's `-ast-dump=json` output (only the members this generator reads). */
export interface AstNode {
  readonly id?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly loc?: AstLoc;
  readonly type?: { readonly qualType: string; readonly desugaredQualType?: string };
  readonly inner?: readonly AstNode[];
  readonly variadic?: boolean;
  readonly isBitfield?: boolean;
  readonly completeDefinition?: boolean;
  readonly tagUsed?: 'struct' | 'union' | 'class';
  readonly storageClass?: string;
  readonly inline?: boolean;
  readonly value?: string;
  readonly ownedTagDecl?: { readonly id: string; readonly kind: string; readonly name: string };
  readonly decl?: { readonly id: string; readonly kind: string; readonly name: string };
  readonly isImplicit?: boolean;
}

export interface AstLoc {
  readonly spellingLoc?: AstLoc;
  readonly expansionLoc?: AstLoc;
  /** Resolved by resolveLocations(). */
  resolvedFile?: string;
  resolvedLine?: number;
}

export class ClangError extends Error {
  constructor(
    message: string,
    readonly diagnostics: string,
  ) {
    super(message);
    this.name = 'ClangError';
  }
}

/** Fills in `resolvedFile`/`resolvedLine` of every source location, following clang's print order. */
export function resolveLocations(root: unknown): void {
  let file = '';
  let line = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if ('offset' in o && 'col' in o) {
      if (typeof o['file'] === 'string') file = o['file'];
      if (typeof o['line'] === 'number') line = o['line'];
      o['resolvedFile'] = file;
      o['resolvedLine'] = line;
    }
    for (const k of Object.keys(o)) {
      if (k === 'includedFrom' || k === 'resolvedFile') continue;
      const x = o[k];
      if (x !== null && typeof x === 'object') walk(x);
    }
  };
  walk(root);
}

/** Where a declaration is, as a file and line (the expansion location for declarations made by macros). */
export function declLocation(n: AstNode): { file: string; line: number } {
  const l = n.loc?.expansionLoc ?? n.loc;
  return { file: l?.resolvedFile ?? '', line: l?.resolvedLine ?? 0 };
}

export interface ClangRun {
  readonly clang: string;
  readonly targetFlags: readonly string[];
  readonly extraFlags: readonly string[];
}

/** The translation unit of `file`, parsed by clang for one target. */
export async function astOf(file: string, c: ClangRun): Promise<AstNode> {
  const cmd = [c.clang, ...c.targetFlags, ...c.extraFlags, '-fsyntax-only', '-Xclang', '-ast-dump=json', file];
  const r = await run(cmd);
  if (r.spawnError) throw new ClangError(`cannot run ${c.clang}: ${r.spawnError.message}`, '');
  if (r.code !== 0) throw new ClangError(`clang could not parse ${file}`, r.stderr);
  const root = JSON.parse(r.stdout) as AstNode;
  resolveLocations(root);
  return root;
}

/** The macros defined after preprocessing `file` (`clang -dM -E`), as name -> body for object-like ones. */
export async function macrosOf(file: string, c: ClangRun): Promise<{ objectLike: Map<string, string>; functionLike: Set<string> }> {
  const r = await run([c.clang, ...c.targetFlags, ...c.extraFlags, '-dM', '-E', file]);
  if (r.spawnError) throw new ClangError(`cannot run ${c.clang}: ${r.spawnError.message}`, '');
  if (r.code !== 0) throw new ClangError(`clang could not preprocess ${file}`, r.stderr);
  const objectLike = new Map<string, string>();
  const functionLike = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^#define ([A-Za-z_][A-Za-z0-9_]*)(\(?)\s?(.*)$/.exec(line);
    if (!m) continue;
    if (m[2] === '(') functionLike.add(m[1]!);
    else objectLike.set(m[1]!, m[3]!.trim());
  }
  return { objectLike, functionLike };
}

/** Runs clang on a file and returns its diagnostics, or throws with them when it fails. */
export async function checkCompiles(file: string, c: ClangRun): Promise<{ ok: boolean; stderr: string }> {
  const r = await run([c.clang, ...c.targetFlags, ...c.extraFlags, '-fsyntax-only', file]);
  if (r.spawnError) throw new ClangError(`cannot run ${c.clang}: ${r.spawnError.message}`, '');
  return { ok: r.code === 0, stderr: r.stderr };
}

/** The value clang computed for an enumerator (the first ConstantExpr below it). */
export function constantValue(n: AstNode): bigint | undefined {
  if (n.kind === 'ConstantExpr' && n.value !== undefined) return BigInt(n.value);
  for (const c of n.inner ?? []) {
    const v = constantValue(c);
    if (v !== undefined) return v;
  }
  return undefined;
}
