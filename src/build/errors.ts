// Errors of the build driver. Each one reads as a complete sentence for the user; the CLI prints `message`,
// then the compiler's own output when there is one, and exits 1.

/** Something the user has to fix in their environment or invocation (missing tool, bad option, bad input). */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

/** A piece of the toolchain is missing or broken; `hint` is the exact command that installs it. */
export class ToolchainError extends BuildError {
  readonly piece: string;
  readonly hint: string;
  constructor(piece: string, problem: string, hint: string) {
    super(`${problem}: ${hint}`);
    this.name = 'ToolchainError';
    this.piece = piece;
    this.hint = hint;
  }
}

/** A compiler, linker or archiver failed: its own diagnostics are kept so the user sees them unchanged. */
export class CommandError extends BuildError {
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly diagnostics: string;
  constructor(what: string, command: readonly string[], exitCode: number | null, diagnostics: string) {
    super(`${what} failed (exit code ${exitCode ?? 'signal'})`);
    this.name = 'CommandError';
    this.command = command;
    this.exitCode = exitCode;
    this.diagnostics = diagnostics;
  }
}

/** Quotes a command line for display so it can be copied into a shell. */
export function formatCommand(command: readonly string[]): string {
  return command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
