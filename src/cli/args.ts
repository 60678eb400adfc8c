// A small command-line parser: long options with `--opt value` or `--opt=value`, short ones with `-I dir` or
// `-Idir`, repeated options, flags. Unknown options are errors (exit code 2), never ignored.

export interface OptionSpec {
  /** Long name without dashes, e.g. `out`. */
  readonly name: string;
  /** Single-letter alias, e.g. `I` for `-I`. */
  readonly short?: string;
  /** Takes a value; otherwise a flag. */
  readonly value?: boolean;
  readonly repeat?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  /** Last value of each single option, `true` for flags. */
  readonly single: Map<string, string | true>;
  /** Every value of repeatable options, in order. */
  readonly multi: Map<string, string[]>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const positionals: string[] = [];
  const single = new Map<string, string | true>();
  const multi = new Map<string, string[]>();
  const store = (spec: OptionSpec, v: string | true) => {
    if (spec.repeat && typeof v === 'string') multi.set(spec.name, [...(multi.get(spec.name) ?? []), v]);
    else single.set(spec.name, v);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown = arg;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      shown = `--${name}`;
      spec = byLong.get(name);
      if (eq >= 0) inline = arg.slice(eq + 1);
    } else if (arg.startsWith('-') && arg.length > 1) {
      spec = byShort.get(arg[1]!);
      shown = arg.slice(0, 2);
      if (arg.length > 2) inline = arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }
    if (!spec) throw new UsageError(`unknown option '${shown}'`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`option '${shown}' takes no value`);
      store(spec, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option '${shown}' needs a value`);
    store(spec, value);
  }
  return { positionals, single, multi };
}

/** Parses `1048576`, `64K`, `1M`, `1MiB` (binary units). */
export function parseSize(text: string, option: string): number {
  const m = /^(\d+)\s*([kKmM])?(i?[bB])?$/.exec(text.trim());
  if (!m) throw new UsageError(`${option}: '${text}' is not a size (e.g. 1048576, 512K, 1M)`);
  const unit = m[2]?.toLowerCase();
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1);
}

export function parsePositiveInt(text: string, option: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${option}: '${text}' is not a positive integer`);
  return Number(text);
}

/** Splits a --cflags string on whitespace, honouring simple '...' and "..." quoting. */
export function splitFlags(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:'[^']*'|"[^"]*"|[^\s'"]+)+/g)) out.push(m[0].replace(/'([^']*)'|"([^"]*)"/g, '$1$2'));
  return out;
}
