// Per-command outcomes, per-file tallies, the printed table and the JSON report shared by both runner phases.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `skip` is a command the runner could not check (counted as a failure in the totals); `skip-text` is a
 * text-format assert_malformed, which only a text parser could check: wast2json's business, not ours, so it is
 * neither a pass nor a failure.
 */
export type Status = 'pass' | 'fail' | 'skip' | 'skip-text';

export interface Outcome {
  readonly line: number;
  readonly command: string;
  readonly status: Status;
  readonly reason?: string;
}

export interface FileResult {
  readonly file: string;
  readonly outcomes: readonly Outcome[];
}

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  skippedText: number;
}

export function tally(outcomes: readonly Outcome[]): Tally {
  const t: Tally = { passed: 0, failed: 0, skipped: 0, skippedText: 0 };
  for (const o of outcomes) {
    if (o.status === 'pass') t.passed++;
    else if (o.status === 'fail') t.failed++;
    else if (o.status === 'skip') t.skipped++;
    else t.skippedText++;
  }
  return t;
}

export function addTally(a: Tally, b: Tally): Tally {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    skippedText: a.skippedText + b.skippedText,
  };
}

/** True when every command that counts passed (skips count as failures; text-format skips do not count). */
export function allPassed(t: Tally): boolean {
  return t.failed === 0 && t.skipped === 0;
}

function pad(s: string | number, width: number, right = false): string {
  const text = String(s);
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The per-file table plus totals, as printable lines. */
export function formatTable(title: string, results: readonly FileResult[]): string {
  const nameWidth = Math.max(28, ...results.map((r) => r.file.length));
  const header = `${pad('file', nameWidth)} ${pad('passed', 7, true)} ${pad('failed', 7, true)} ${pad('skipped', 8, true)} ${pad('skipped (text)', 15, true)}`;
  const lines = [title, header, '-'.repeat(header.length)];
  let total: Tally = { passed: 0, failed: 0, skipped: 0, skippedText: 0 };
  for (const r of results) {
    const t = tally(r.outcomes);
    total = addTally(total, t);
    lines.push(
      `${pad(r.file, nameWidth)} ${pad(t.passed, 7, true)} ${pad(t.failed, 7, true)} ${pad(t.skipped, 8, true)} ${pad(t.skippedText, 15, true)}`,
    );
  }
  lines.push('-'.repeat(header.length));
  lines.push(
    `${pad(`total (${results.length} files)`, nameWidth)} ${pad(total.passed, 7, true)} ${pad(total.failed, 7, true)} ${pad(total.skipped, 8, true)} ${pad(total.skippedText, 15, true)}`,
  );
  const counted = total.passed + total.failed + total.skipped;
  const pct = counted === 0 ? 100 : (100 * total.passed) / counted;
  lines.push(
    `${total.passed}/${counted} passed (${pct.toFixed(2)}%); skips count as failures; ` +
      `${total.skippedText} text-format assert_malformed not counted (wast2json checks those)`,
  );
  return lines.join('\n');
}

/** Every failure and skip as `file:line: command: reason` lines. */
export function formatFailures(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const o of r.outcomes) {
      if (o.status === 'fail' || o.status === 'skip') {
        lines.push(`${r.file}:${o.line}: ${o.command}: ${o.status === 'skip' ? 'skipped: ' : ''}${o.reason ?? ''}`);
      }
    }
  }
  return lines.join('\n');
}

export interface JsonReport {
  readonly phase: string;
  readonly totals: Tally;
  readonly files: readonly {
    readonly file: string;
    readonly tally: Tally;
    readonly failures: readonly Outcome[];
  }[];
}

export function buildJsonReport(phase: string, results: readonly FileResult[]): JsonReport {
  let totals: Tally = { passed: 0, failed: 0, skipped: 0, skippedText: 0 };
  const files = results.map((r) => {
    const t = tally(r.outcomes);
    totals = addTally(totals, t);
    return { file: r.file, tally: t, failures: r.outcomes.filter((o) => o.status === 'fail' || o.status === 'skip') };
  });
  return { phase, totals, files };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 1) + '\n');
  renameSync(tmp, path);
}
