// Progress of a build, one event per step, and its one-line rendering:
//   [1/4] compile mylib.c -> mylib.wasm (clang wasm32-wasi) ... 0.4 s
export type StepStatus = 'start' | 'done' | 'up-to-date' | 'failed';

export interface ProgressEvent {
  readonly step: number;
  readonly total: number;
  readonly label: string;
  readonly status: StepStatus;
  readonly seconds?: number;
}

export function progressPrefix(e: ProgressEvent): string {
  return `[${e.step}/${e.total}] ${e.label} ...`;
}

export function progressSuffix(e: ProgressEvent): string {
  switch (e.status) {
    case 'start':
      return '';
    case 'up-to-date':
      return 'up to date';
    case 'failed':
      return 'failed';
    case 'done':
      return `${(e.seconds ?? 0).toFixed(1)} s`;
  }
}

export function formatProgress(e: ProgressEvent): string {
  return `${progressPrefix(e)} ${progressSuffix(e)}`.trimEnd();
}
