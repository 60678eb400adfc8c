// Phase 2 of the spec runner: every command of the core (non-SIMD) scripts executed through our decoder,
// validator, C emitter and C runtime. One harness program per script; a crash of that program fails the
// command that was running, and the program is re-run without it so that the rest still get checked.

import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileResult, Outcome } from '../report.js';
import { tally } from '../report.js';
import { convertWast, isSimdFile, listWastFiles, outDir } from '../wast.js';
import { loadBackEnd, type BackEnd } from './backend.js';
import { ForwarderConflict, generateHarness } from './harness.js';
import { judges } from './judge.js';
import { planScript, type HarnessResult, type Instance, type Plan, type PlannedCommand } from './plan.js';
import { compileCached, getToolchain, includeFlags, link, pruneObjectCache, runProcess, supportObjects, withDirLock, writeIfChanged } from './toolchain.js';

export interface ExecOptions {
  readonly progress?: (line: string) => void;
  /** How many scripts are built/run at once (their cc jobs share the global limit of 2). */
  readonly concurrency?: number;
}

const MAX_RERUNS = 12;
const RUN_TIMEOUT_MS = 120_000;

function headerNameOf(inst: Instance): string {
  const m = /#include\s+"([^"]+)"/g;
  for (const match of inst.source.matchAll(m)) {
    const name = match[1]!;
    if (!name.startsWith('wasm-rt') && name !== 'spectest.h') return name;
  }
  return `${inst.cName}.h`;
}

interface BuiltModules {
  readonly present: Set<Instance>;
  readonly missing: Map<Instance, string>;
  readonly objects: Map<Instance, string>;
}

async function buildModules(plan: Plan, back: BackEnd, dir: string): Promise<BuiltModules> {
  const tc = getToolchain();
  // The emitter's and the runtime's recommendations for generated code (they overlap; keep each flag once).
  const generated = [...new Set([...back.generatedCodeFlags, ...tc.runtime.generatedCflags])];
  const flags = ['-O2', '-g0', ...generated, ...tc.runtime.cflags, ...includeFlags(tc, [dir])];
  const compiled = await Promise.all(
    plan.instances.map(async (inst) => {
      writeIfChanged(join(dir, headerNameOf(inst)), inst.header);
      const src = join(dir, `${inst.cName}.c`);
      writeIfChanged(src, inst.source);
      return compileCached(src, flags, inst.header);
    }),
  );
  const present = new Set<Instance>();
  const missing = new Map<Instance, string>();
  const objects = new Map<Instance, string>();
  plan.instances.forEach((inst, i) => {
    const r = compiled[i]!;
    if (!r.ok) {
      missing.set(inst, `the module of line ${inst.line} does not compile: ${r.error}`);
      return;
    }
    const absentProvider = inst.imports.map((imp) => imp.provider).find((p) => p.cName !== 'spectest' && !present.has(p as Instance));
    if (absentProvider !== undefined) {
      missing.set(inst, `the module of line ${inst.line} imports from ${absentProvider.description}, which is not built`);
      return;
    }
    present.add(inst);
    objects.set(inst, r.object);
  });
  return { present, missing, objects };
}

function stepInstances(c: PlannedCommand): Instance[] {
  return c.step === undefined ? [] : [c.step.instance];
}

/** Parses harness output into per-command results; `running` is the command that started but did not finish. */
function parseOutput(stdout: string): { results: Map<number, HarnessResult>; running?: number; done: boolean } {
  const results = new Map<number, HarnessResult>();
  let running: number | undefined;
  let done = false;
  for (const line of stdout.split('\n')) {
    const parts = line.split(' ');
    if (parts[0] === 'S') running = Number(parts[1]);
    else if (parts[0] === 'C') {
      const idx = Number(parts[1]);
      const kind = parts[2];
      if (kind === 'ok') results.set(idx, { kind: 'ok' });
      else if (kind === 'trap') results.set(idx, { kind: 'trap', code: Number(parts[3]) });
      else if (kind === 'vals') results.set(idx, { kind: 'vals', tokens: parts.slice(3).filter((t) => t !== '') });
      else if (kind === 'unlinkable') results.set(idx, { kind: 'unlinkable', reason: parts.slice(3).join(' ') });
      else if (kind === 'noinstance') results.set(idx, { kind: 'noinstance' });
      if (running === idx) running = undefined;
    } else if (parts[0] === 'DONE') done = true;
  }
  return { results, running, done };
}

function describeExit(r: Awaited<ReturnType<typeof runProcess>>): string {
  const why = r.timedOut ? `timed out after ${RUN_TIMEOUT_MS / 1000}s` : r.signal !== null ? `killed by ${r.signal}` : `exited with ${r.code}`;
  const err = r.stderr.trim().split('\n').slice(-2).join(' | ');
  return err === '' ? why : `${why}: ${err}`;
}

export async function runHarness(program: string, runnable: readonly PlannedCommand[]): Promise<Map<number, HarnessResult>> {
  const all = new Map<number, HarnessResult>();
  const skip: number[] = [];
  for (let attempt = 0; ; attempt++) {
    const r = await runProcess(program, skip.length > 0 ? [skip.join(',')] : [], RUN_TIMEOUT_MS);
    const parsed = parseOutput(r.stdout);
    for (const [k, v] of parsed.results) if (!all.has(k)) all.set(k, v);
    if (parsed.done) break;
    const exit = describeExit(r);
    if (parsed.running === undefined || attempt >= MAX_RERUNS) {
      // Died outside any command, or too often: everything still unknown is lost.
      for (const c of runnable) if (!all.has(c.index)) all.set(c.index, { kind: 'lost', reason: `harness program ${exit}` });
      break;
    }
    all.set(parsed.running, { kind: 'lost', reason: `harness program ${exit} while running this command` });
    skip.push(parsed.running);
  }
  return all;
}

/** Who is to blame for a harness that does not compile or link: instances to drop, commands to drop. */
interface Culprits {
  readonly instances: Map<Instance, string>;
  readonly commands: Map<number, string>;
}

function commandAtLine(harnessSource: string, line: number): number | undefined {
  const lines = harnessSource.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^static void cmd(\d+)\(void\)/.exec(lines[i]!);
    if (m) return Number(m[1]);
    if (lines[i]!.startsWith('}') && i < line - 1) return undefined;
  }
  return undefined;
}

/** Reads cc/ld diagnostics and names the modules (by header or object) and commands they point at. */
function findCulprits(stderr: string, harnessSource: string, instances: readonly Instance[], objects: Map<Instance, string>): Culprits {
  const culprits: Culprits = { instances: new Map(), commands: new Map() };
  const byCName = new Map(instances.map((i) => [i.cName, i]));
  const byObject = new Map(instances.map((i) => [objects.get(i)!, i]));
  const blame = (inst: Instance | undefined, why: string) => {
    if (inst !== undefined && !culprits.instances.has(inst)) culprits.instances.set(inst, why);
  };
  let currentObject: string | undefined;
  for (const line of stderr.split('\n')) {
    const header = /\b(wm\d+)\.h:\d+(?::\d+)?: error: (.*)/.exec(line);
    if (header) blame(byCName.get(header[1]!), `the module's header does not compile with the harness: ${header[2]}`);
    const inHarness = /harness\.c:(\d+):\d+: error: (.*)/.exec(line);
    if (inHarness) {
      // A module symbol in the message (e.g. an export its header does not declare) blames the module; otherwise
      // the command whose code it is.
      const sym = /\b(?:w2c|wasm2c)_(wm\d+)_\w*/.exec(inHarness[2]!);
      const cmd = commandAtLine(harnessSource, Number(inHarness[1]));
      if (sym !== null && byCName.has(sym[1]!)) blame(byCName.get(sym[1]!), `the harness cannot use its header: ${inHarness[2]}`);
      else if (cmd !== undefined && !culprits.commands.has(cmd)) culprits.commands.set(cmd, `harness code does not compile: ${inHarness[2]}`);
    }
    const inCommand = /in function `cmd(\d+)'/.exec(line);
    if (inCommand) culprits.commands.set(Number(inCommand[1]), `harness does not link: ${line.trim()}`);
    // ld: "<obj>: in function `f':" then "<src>:(.text+0x0): multiple definition of `x'; <obj2>:(...): first
    // defined here" or "... undefined reference to `y'": every module object named around it is to blame.
    const inObject = /^(?:\S*ld: )?(\S+\.o): in function/.exec(line);
    if (inObject) currentObject = inObject[1];
    if (/multiple definition|undefined reference/.test(line)) {
      const named = [...line.matchAll(/(\S+\.o)[:(]/g)].map((m) => m[1]!);
      for (const o of [currentObject, ...named]) {
        if (o !== undefined) blame(byObject.get(o), `the module does not link: ${line.replace(/^\S*ld: /, '').replace(/\S*\/obj\//g, '').trim()}`);
      }
    }
    const undefinedSym = /undefined reference to `(w2c_(wm\d+)_[^']*|wasm2c_(wm\d+)_[^']*)'/.exec(line);
    if (undefinedSym) blame(byCName.get(undefinedSym[2] ?? undefinedSym[3]!), `the module does not define ${undefinedSym[1]}`);
  }
  return culprits;
}

const MAX_BUILD_ATTEMPTS = 6;

/** Runs one script; never throws (problems become failed commands). */
export async function runScript(wastPath: string, back: BackEnd): Promise<FileResult> {
  const file = basename(wastPath);
  let plan: Plan;
  try {
    plan = planScript(convertWast(wastPath), back, judges);
  } catch (e) {
    const reason = `runner could not plan the script: ${e instanceof Error ? e.message : String(e)}`;
    return { file, outcomes: [{ line: 0, command: 'script', status: 'fail', reason }] };
  }
  const tag = getToolchain().configTag;
  const dir = join(outDir, tag === '' ? 'exec' : `exec-${tag}`, basename(wastPath, '.wast'));
  mkdirSync(dir, { recursive: true });
  return withDirLock(dir, () => buildAndRun(file, plan, back, dir));
}

async function buildAndRun(file: string, plan: Plan, back: BackEnd, dir: string): Promise<FileResult> {
  const built = await buildModules(plan, back, dir);
  const results = new Map<number, HarnessResult>();
  // Each failed build names its culprits (a module's header or object, a command's code); they are dropped and
  // the harness is rebuilt, so one bad module or command does not take the whole script down.
  for (let attempt = 1; ; attempt++) {
    dropOrphans(plan, built);
    const runnable = plan.commands.filter(
      (c) => c.step !== undefined && !results.has(c.index) && stepInstances(c).every((i) => built.present.has(i)),
    );
    if (runnable.length === 0) break;
    const lostAll = (reason: string) => {
      for (const c of runnable) results.set(c.index, { kind: 'lost', reason });
    };
    const instances = plan.instances.filter((i) => built.present.has(i));
    let source: string;
    try {
      source = generateHarness({ instances, headerOf: headerNameOf, commands: runnable });
    } catch (e) {
      if (!(e instanceof ForwarderConflict) && !(e instanceof Error)) throw e;
      lostAll(`harness generation: ${e.message}`);
      break;
    }
    const harnessC = join(dir, 'harness.c');
    writeIfChanged(harnessC, source);
    const tc = getToolchain();
    const support = await supportObjects();
    if (!support.ok) {
      lostAll(`runtime/spectest do not compile: ${support.error}`);
      break;
    }
    const headers = instances.map((i) => i.header).join('\0');
    const obj = await compileCached(harnessC, ['-O0', '-g0', '-Werror=implicit-function-declaration', ...tc.runtime.cflags, ...includeFlags(tc, [dir])], headers);
    let failure: { error: string; stderr?: string } | undefined;
    const program = join(dir, 'harness');
    if (!obj.ok) failure = { error: `harness does not compile: ${obj.error}`, stderr: obj.stderr };
    else {
      const linked = await link([obj.object, ...instances.map((i) => built.objects.get(i)!), ...support.object.split('\n')], program);
      if (!linked.ok) failure = { error: `harness does not link: ${linked.error}`, stderr: linked.stderr };
    }
    if (failure === undefined) {
      for (const [k, v] of await runHarness(program, runnable)) results.set(k, v);
      break;
    }
    const culprits = findCulprits(failure.stderr ?? '', source, instances, built.objects);
    if (attempt >= MAX_BUILD_ATTEMPTS || (culprits.instances.size === 0 && culprits.commands.size === 0)) {
      lostAll(failure.error);
      break;
    }
    for (const [inst, why] of culprits.instances) {
      built.present.delete(inst);
      built.missing.set(inst, `the module of line ${inst.line}: ${why}`);
    }
    for (const [cmd, why] of culprits.commands) results.set(cmd, { kind: 'lost', reason: why });
  }
  const outcomes: Outcome[] = plan.commands.map((c) => {
    if (c.decided !== undefined) return c.decided;
    const missing = stepInstances(c)
      .map((i) => built.missing.get(i))
      .find((m) => m !== undefined);
    if (missing !== undefined) return { line: c.line, command: c.command, status: 'fail', reason: missing };
    const r = results.get(c.index) ?? { kind: 'lost', reason: 'no result printed' };
    if (r.kind === 'lost') return { line: c.line, command: c.command, status: 'fail', reason: r.reason };
    return c.judge!(r);
  });
  return { file, outcomes };
}

/** Drops instances whose providers are no longer present (after a culprit was dropped). */
function dropOrphans(plan: Plan, built: BuiltModules): void {
  for (const inst of plan.instances) {
    if (!built.present.has(inst)) continue;
    const gone = inst.imports.map((imp) => imp.provider).find((p) => p.cName !== 'spectest' && !built.present.has(p as Instance));
    if (gone !== undefined) {
      built.present.delete(inst);
      built.missing.set(inst, `the module of line ${inst.line} imports from ${gone.description}, which is not built`);
    }
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Runs the core (non-SIMD) scripts among `wastPaths`; SIMD scripts are not executed. */
export async function runExecPhase(wastPaths: readonly string[], opts: ExecOptions = {}): Promise<FileResult[]> {
  const back = await loadBackEnd();
  const core = wastPaths.filter((p) => !isSimdFile(p));
  let finished = 0;
  const results = await mapLimited(core, opts.concurrency ?? 2, async (p) => {
    const start = Date.now();
    const r = await runScript(p, back);
    const t = tally(r.outcomes);
    finished++;
    opts.progress?.(
      `[${finished}/${core.length}] ${r.file}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped (${((Date.now() - start) / 1000).toFixed(1)}s)`,
    );
    return r;
  });
  // After a run over the whole suite, objects unused for 6 hours are stale emitter output.
  if (core.length === listWastFiles().filter((p) => !isSimdFile(p)).length) pruneObjectCache(6 * 3600 * 1000);
  return results;
}
