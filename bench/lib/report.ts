// The results as a markdown table (seconds, ratio to native gcc, spread) and as JSON under bench/results/.
import { geomean, type VariantSummary } from './measure.js';
import { VARIANT_LABELS, type VariantId } from './variants.js';

export interface WorkloadResult {
  readonly name: string;
  readonly description: string;
  readonly size: number;
  readonly warmup: number;
  readonly checksum: string;
  readonly checksumsAgree: boolean;
  /** Wall-clock seconds of the timed call. */
  readonly variants: Partial<Record<VariantId, VariantSummary & { ratio: number | null }>>;
  /** CPU seconds of the timed call (leaves out waiting for a core on a loaded machine). */
  readonly cpu: Partial<Record<VariantId, VariantSummary & { ratio: number | null }>>;
  /** Instructions executed inside bench_run (valgrind), when measured. */
  readonly instructions?: Partial<Record<VariantId, number>>;
}

export const BASELINE: VariantId = 'native-gcc';

export function withRatios(summaries: Partial<Record<VariantId, VariantSummary>>): WorkloadResult['variants'] {
  const base = summaries[BASELINE]?.median;
  const out: WorkloadResult['variants'] = {};
  for (const [id, s] of Object.entries(summaries) as [VariantId, VariantSummary][]) {
    out[id] = { ...s, ratio: base ? s.median / base : null };
  }
  return out;
}

type Metric = 'variants' | 'cpu';

export function geomeanRow(results: readonly WorkloadResult[], ids: readonly VariantId[], metric: Metric = 'variants'): Partial<Record<VariantId, number>> {
  const row: Partial<Record<VariantId, number>> = {};
  for (const id of ids) {
    const ratios = results.map((r) => r[metric][id]?.ratio).filter((x): x is number => typeof x === 'number');
    if (ratios.length === results.length && ratios.length > 0) row[id] = geomean(ratios);
  }
  return row;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function markdownTable(results: readonly WorkloadResult[], ids: readonly VariantId[], metric: Metric = 'variants'): string {
  const head = `| ${metric === 'cpu' ? 'CPU seconds' : 'wall seconds'} | ${ids.map((id) => VARIANT_LABELS[id]).join(' | ')} |`;
  const rule = `| --- | ${ids.map(() => '---:').join(' | ')} |`;
  const rows = results.map((r) => {
    const cells = ids.map((id) => {
      const v = r[metric][id];
      if (!v) return 'n/a';
      const ratio = v.ratio === null ? '' : ` (${v.ratio.toFixed(2)}x)`;
      return `${v.median.toFixed(3)} s${ratio} ±${pct(v.spread / 2)}`;
    });
    return `| ${r.name}${r.checksumsAgree ? '' : ' **CHECKSUM MISMATCH**'} | ${cells.join(' | ')} |`;
  });
  const g = geomeanRow(results, ids, metric);
  const geo = `| **geomean** | ${ids.map((id) => (g[id] === undefined ? 'n/a' : `**${g[id]!.toFixed(2)}x**`)).join(' | ')} |`;
  return [head, rule, ...rows, geo].join('\n');
}

export function instructionsMarkdown(results: readonly WorkloadResult[], ids: readonly VariantId[]): string {
  const counted = ids.filter((id) => results.some((r) => r.instructions?.[id] !== undefined));
  const head = `| instructions in bench_run | ${counted.map((id) => VARIANT_LABELS[id]).join(' | ')} |`;
  const rule = `| --- | ${counted.map(() => '---:').join(' | ')} |`;
  const ratios: Partial<Record<VariantId, number[]>> = {};
  const rows = results.filter((r) => r.instructions).map((r) => {
    const base = r.instructions![BASELINE];
    const cells = counted.map((id) => {
      const n = r.instructions![id];
      if (n === undefined) return 'n/a';
      if (base) (ratios[id] ??= []).push(n / base);
      return `${(n / 1e6).toFixed(0)} M${base ? ` (${(n / base).toFixed(2)}x)` : ''}`;
    });
    return `| ${r.name} | ${cells.join(' | ')} |`;
  });
  const geo = `| **geomean** | ${counted.map((id) => (ratios[id]?.length === rows.length ? `**${geomean(ratios[id]!).toFixed(2)}x**` : 'n/a')).join(' | ')} |`;
  return [
    'Instructions executed by `bench_run(n)` (valgrind callgrind at smaller sizes, minus the count for n = 1; exact and',
    'independent of load, but not time):',
    '',
    head, rule, ...rows, geo,
  ].join('\n');
}
