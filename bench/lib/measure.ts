// Timing: every variant runs once per round, the order rotating from round to round, so that a burst of load
// on the shared machine hits all variants alike instead of the ones that happened to run together.
import { exec } from './exec.js';
import type { BuiltVariant, VariantId } from './variants.js';
import type { Sizes } from './workloads.js';

export interface Sample {
  readonly variant: VariantId;
  readonly round: number;
  readonly seconds: number;
  /** CPU time of the timed call (the C hosts: the thread's; Node: the process's). */
  readonly cpuSeconds: number;
  readonly checksum: string;
  readonly warmupChecksum: string;
}

export interface VariantSummary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max - min) / median */
  readonly spread: number;
  readonly samples: readonly number[];
}

async function runOnce(v: BuiltVariant, sizes: Sizes, round: number): Promise<Sample> {
  const r = await exec([...v.command, String(sizes.size), String(sizes.warmup)]);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let parsed: { seconds?: unknown; cpuSeconds?: unknown; checksum?: unknown; warmupChecksum?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    throw new Error(`${v.id}: no result line in its output:\n${r.stdout}${r.stderr}`);
  }
  if (typeof parsed.seconds !== 'number' || typeof parsed.cpuSeconds !== 'number' || typeof parsed.checksum !== 'string' ||
      typeof parsed.warmupChecksum !== 'string') {
    throw new Error(`${v.id}: malformed result line: ${line}`);
  }
  return {
    variant: v.id, round, seconds: parsed.seconds, cpuSeconds: parsed.cpuSeconds,
    checksum: parsed.checksum, warmupChecksum: parsed.warmupChecksum,
  };
}

export async function measure(
  variants: readonly BuiltVariant[],
  sizes: Sizes,
  rounds: number,
  onSample: (s: Sample) => void,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + round) % variants.length]!;
      const s = await runOnce(v, sizes, round);
      samples.push(s);
      onSample(s);
    }
  }
  return samples;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarize(samples: readonly Sample[], id: VariantId, metric: 'seconds' | 'cpuSeconds'): VariantSummary {
  const xs = samples.filter((s) => s.variant === id).map((s) => s[metric]);
  const med = median(xs);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return { median: med, min, max, spread: med > 0 ? (max - min) / med : 0, samples: xs };
}

/** The distinct (checksum, warm-up checksum) pairs seen, with the variants that produced each. */
export function checksumGroups(samples: readonly Sample[]): Map<string, Set<VariantId>> {
  const groups = new Map<string, Set<VariantId>>();
  for (const s of samples) {
    const key = `${s.checksum}/${s.warmupChecksum}`;
    if (!groups.has(key)) groups.set(key, new Set());
    groups.get(key)!.add(s.variant);
  }
  return groups;
}

export function geomean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}
