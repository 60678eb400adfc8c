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
  readonly variants: Partial<Record<VariantId, VariantSummary & { ratio: number | null }>>;
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

export function geomeanRow(results: readonly WorkloadResult[], ids: readonly VariantId[]): Partial<Record<VariantId, number>> {
  const row: Partial<Record<VariantId, number>> = {};
  for (const id of ids) {
    const ratios = results.map((r) => r.variants[id]?.ratio).filter((x): x is number => typeof x === 'number');
    if (ratios.length === results.length && ratios.length > 0) row[id] = geomean(ratios);
  }
  return row;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function markdownTable(results: readonly WorkloadResult[], ids: readonly VariantId[]): string {
  const head = `| workload | ${ids.map((id) => VARIANT_LABELS[id]).join(' | ')} |`;
  const rule = `| --- | ${ids.map(() => '---:').join(' | ')} |`;
  const rows = results.map((r) => {
    const cells = ids.map((id) => {
      const v = r.variants[id];
      if (!v) return 'n/a';
      const ratio = v.ratio === null ? '' : ` (${v.ratio.toFixed(2)}x)`;
      return `${v.median.toFixed(3)} s${ratio} ±${pct(v.spread / 2)}`;
    });
    return `| ${r.name}${r.checksumsAgree ? '' : ' **CHECKSUM MISMATCH**'} | ${cells.join(' | ')} |`;
  });
  const g = geomeanRow(results, ids);
  const geo = `| **geomean** | ${ids.map((id) => (g[id] === undefined ? 'n/a' : `**${g[id]!.toFixed(2)}x**`)).join(' | ')} |`;
  return [head, rule, ...rows, geo].join('\n');
}
