// Walks a script's commands in order and decides, for each, what the harness program must do and how its output
// is judged. Everything that needs no execution (unlinkable imports, modules that do not decode, actions on
// modules that are not there) is decided here; module C text is emitted here too.

import type { FuncType, GlobalType, Module } from '../../../src/wasm/ir.js';
import type { Outcome } from '../report.js';
import { readModuleBytes, type ActionCommand, type ConvertedWast, type WastCommand } from '../wast.js';
import { exportTypes, link, spectestExports, type Provider, type ResolvedImport } from './linking.js';
import type { BackEnd } from './backend.js';

/** A wasm module instance of the harness program (one per `module` / assert_uninstantiable / runtime-checked
 * assert_unlinkable command). */
export interface Instance extends Provider {
  readonly index: number;
  readonly line: number;
  readonly module: Module;
  readonly imports: readonly ResolvedImport[];
  readonly header: string;
  readonly source: string;
}

export type Step =
  | { readonly kind: 'instantiate'; readonly instance: Instance }
  | {
      readonly kind: 'invoke';
      readonly instance: Instance;
      readonly field: string;
      readonly type: FuncType;
      readonly args: ActionCommand['action']['args'] & object;
    }
  | { readonly kind: 'get'; readonly instance: Instance; readonly field: string; readonly type: GlobalType };

/** What the harness printed for a command. */
export type HarnessResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'trap'; readonly code: number }
  | { readonly kind: 'vals'; readonly tokens: readonly string[] }
  | { readonly kind: 'unlinkable'; readonly reason: string }
  | { readonly kind: 'noinstance' }
  | { readonly kind: 'lost'; readonly reason: string };

export interface PlannedCommand {
  readonly index: number;
  readonly line: number;
  readonly command: string;
  /** Decided without running anything. */
  readonly decided?: Outcome;
  readonly step?: Step;
  /** Turns the harness's answer into the outcome (present with `step`). */
  readonly judge?: (r: HarnessResult) => Outcome;
}

export interface Plan {
  readonly instances: readonly Instance[];
  readonly commands: readonly PlannedCommand[];
}

/** C module names of a script's instances: `wm0`, `wm1`, ... (registered names must not look like these). */
export function instanceCName(index: number): string {
  return `wm${index}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

export interface Judges {
  instantiate(expect: 'ok' | 'trap' | 'unlinkable', text: string | undefined): (r: HarnessResult) => string | undefined;
  action(c: ActionCommand, type: FuncType | GlobalType): (r: HarnessResult) => string | undefined;
}

/** Builds the plan of one script; `judges` supplies the comparison of harness results with expectations. */
export function planScript(wast: ConvertedWast, back: BackEnd, judges: Judges): Plan {
  const instances: Instance[] = [];
  const commands: PlannedCommand[] = [];
  const registry = new Map<string, Provider>();
  registry.set('spectest', {
    pointer: '&spectest',
    cName: 'spectest',
    exports: spectestExports,
    usable: true,
    description: 'spectest',
  });
  const byName = new Map<string, Instance | undefined>();
  let current: Instance | undefined;
  let currentFailure = 'no module defined yet';
  const failures = new Map<string, string>();

  const instantiateModule = (
    c: WastCommand & { filename: string },
  ): { instance?: Instance; decided?: Outcome; unlinkable?: string } => {
    const base = { line: c.line, command: c.type };
    let m: Module;
    try {
      m = back.decodeModule(readModuleBytes(wast, c.filename));
      back.validateModule(m);
    } catch (e) {
      return { decided: { ...base, status: 'fail', reason: `decode/validate: ${errorText(e)}` } };
    }
    const linked = link(m, registry);
    if (!linked.ok) {
      if (linked.unlinkable) return { unlinkable: linked.reason, decided: { ...base, status: 'fail', reason: linked.reason } };
      return { decided: { ...base, status: 'fail', reason: linked.reason } };
    }
    const cName = instanceCName(instances.length);
    let emitted: { header: string; source: string };
    try {
      emitted = back.emitC(m, { moduleName: cName, headerName: `${cName}.h` });
    } catch (e) {
      return { decided: { ...base, status: 'fail', reason: `emitC: ${errorText(e)}` } };
    }
    const instance: Instance = {
      index: instances.length,
      line: c.line,
      pointer: `&inst${instances.length}`,
      cName,
      exports: exportTypes(m, linked.imports),
      usable: true,
      description: `the module of line ${c.line}`,
      module: m,
      imports: linked.imports,
      header: emitted.header,
      source: emitted.source,
    };
    instances.push(instance);
    return { instance };
  };

  wast.commands.forEach((c, index) => {
    const base = { index, line: c.line, command: c.type };
    const outcome = (status: Outcome['status'], reason?: string): PlannedCommand => ({
      ...base,
      decided: { line: c.line, command: c.type, status, reason },
    });
    switch (c.type) {
      case 'module': {
        const r = instantiateModule(c);
        if (r.instance === undefined) {
          commands.push({ ...base, decided: r.decided });
          current = undefined;
          currentFailure = `the module of line ${c.line} is not available (${r.decided?.reason ?? '?'})`;
          if (c.name !== undefined) {
            byName.set(c.name, undefined);
            failures.set(c.name, currentFailure);
          }
          return;
        }
        current = r.instance;
        if (c.name !== undefined) byName.set(c.name, r.instance);
        commands.push({ ...base, step: { kind: 'instantiate', instance: r.instance }, judge: wrap(c, judges.instantiate('ok', undefined)) });
        return;
      }
      case 'register': {
        const target = c.name === undefined ? current : byName.get(c.name);
        if (/^wm\d+$/.test(c.as) || c.as === 'spectest') {
          commands.push(outcome('skip', `registered name "${c.as}" collides with the harness's own names`));
          return;
        }
        if (target === undefined) {
          const why = c.name === undefined ? currentFailure : (failures.get(c.name) ?? `no module ${c.name}`);
          registry.set(c.as, { pointer: 'NULL', cName: '', exports: new Map(), usable: false, description: why });
          commands.push(outcome('fail', why));
          return;
        }
        registry.set(c.as, target);
        commands.push(outcome('pass'));
        return;
      }
      case 'action':
      case 'assert_return':
      case 'assert_trap':
      case 'assert_exhaustion': {
        const a = c.action;
        const target = a.module === undefined ? current : byName.get(a.module);
        if (target === undefined) {
          commands.push(outcome('fail', a.module === undefined ? currentFailure : (failures.get(a.module) ?? `no module ${a.module}`)));
          return;
        }
        const t = target.exports.get(a.field);
        if (a.type === 'invoke') {
          if (t?.kind !== 'func') {
            commands.push(outcome('fail', `no exported function "${a.field}"`));
            return;
          }
          if (t.type.params.includes('v128') || t.type.results.includes('v128')) {
            commands.push(outcome('skip', 'v128 values (SIMD) are not run'));
            return;
          }
          commands.push({
            ...base,
            step: { kind: 'invoke', instance: target, field: a.field, type: t.type, args: a.args ?? [] },
            judge: wrap(c, judges.action(c, t.type)),
          });
        } else {
          if (t?.kind !== 'global') {
            commands.push(outcome('fail', `no exported global "${a.field}"`));
            return;
          }
          commands.push({
            ...base,
            step: { kind: 'get', instance: target, field: a.field, type: t.type },
            judge: wrap(c, judges.action(c, t.type)),
          });
        }
        return;
      }
      case 'assert_malformed':
      case 'assert_invalid':
        // The decode/validate phase checks these; executing them means nothing.
        return;
      case 'assert_unlinkable': {
        if (c.module_type === 'text') {
          commands.push(outcome('skip', 'text module'));
          return;
        }
        const r = instantiateModule(c);
        if (r.unlinkable !== undefined) {
          // The script names the category ("unknown import" / "incompatible import type"): ours must agree.
          const agrees = c.text.startsWith('unknown import') === r.unlinkable.startsWith('unknown import');
          commands.push(agrees ? outcome('pass') : outcome('fail', `expected "${c.text}", runner found: ${r.unlinkable}`));
        }
        else if (r.instance === undefined) commands.push({ ...base, decided: r.decided });
        else commands.push({ ...base, step: { kind: 'instantiate', instance: r.instance }, judge: wrap(c, judges.instantiate('unlinkable', c.text)) });
        return;
      }
      case 'assert_uninstantiable': {
        if (c.module_type === 'text') {
          commands.push(outcome('skip', 'text module'));
          return;
        }
        const r = instantiateModule(c);
        if (r.instance === undefined) commands.push({ ...base, decided: r.decided });
        else commands.push({ ...base, step: { kind: 'instantiate', instance: r.instance }, judge: wrap(c, judges.instantiate('trap', c.text)) });
        return;
      }
    }
  });
  return { instances, commands };
}

function wrap(c: WastCommand, check: (r: HarnessResult) => string | undefined): (r: HarnessResult) => Outcome {
  return (r) => {
    const reason = check(r);
    return reason === undefined
      ? { line: c.line, command: c.type, status: 'pass' }
      : { line: c.line, command: c.type, status: 'fail', reason };
  };
}
