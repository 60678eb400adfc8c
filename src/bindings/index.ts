// Typed TypeScript bindings generated from a sandboxed library's C header.
export { generateBindings, defaultRuntimeImport, formatDiagnostics, type GenerateOptions, type GenerateResult } from './generate.js';
export { readHeader, type HeaderModel, type Diagnostic, type ReadHeaderOptions } from './header.js';
export { emitBindings, type EmitOptions, type EmitResult } from './emit-ts.js';
export { parseCType, spell, type CType } from './ctype.js';
export { ClangError } from './clang-ast.js';
export { writeBuildBindings, findHeader, BindingsError, type BuildBindingsOptions } from './build-bindings.js';
