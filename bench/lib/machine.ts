// What the figures were measured on: CPU, core count, load, compiler and runtime versions, date.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { exec } from './exec.js';

export interface MachineInfo {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly kernel: string;
  readonly loadAverage: readonly number[];
  readonly gcc: string;
  readonly clang: string;
  readonly wabt: string;
  readonly node: string;
}

async function firstLine(command: readonly string[]): Promise<string> {
  try {
    const r = await exec(command);
    return (r.stdout || r.stderr).split('\n')[0]!.trim();
  } catch {
    return 'not found';
  }
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    /* not Linux */
  }
  return cpus()[0]?.model ?? 'unknown';
}

export async function machineInfo(): Promise<MachineInfo> {
  return {
    date: new Date().toISOString(),
    cpu: cpuModel(),
    cores: cpus().length,
    kernel: release(),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    gcc: await firstLine(['gcc', '--version']),
    clang: await firstLine(['clang', '--version']),
    wabt: await firstLine(['wasm2c', '--version']),
    node: process.version,
  };
}
