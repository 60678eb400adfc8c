// Symbol-name mangling of the wasm2c ABI (see shared WASM2C-ABI.md section 1). Hosts compute the same names on
// their side, so every rule here is part of the interface: change nothing without changing the ABI document.

const HEX = '0123456789ABCDEF';

function escapeByte(byte: number): string {
  return '0x' + HEX[byte >> 4] + HEX[byte & 15];
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isUpperHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46);
}

/**
 * Mangles a name byte by byte (names are UTF-8; non-ASCII bytes are escaped one by one). Module names double
 * their kept underscores so that `w2c_<module>_<field>` can be split back unambiguously.
 */
function mangle(name: string, doubleUnderscores: boolean): string {
  const bytes = new TextEncoder().encode(name);
  let out = '';
  let previousWasKeptUnderscore = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    // "0x" followed by a hex digit would read as an escape, so such a digit is escaped itself.
    const followsHexPrefix = out.endsWith('0x');
    let kept: boolean;
    if (c === 0x5f) {
      kept = i !== 0 && i !== bytes.length - 1 && !previousWasKeptUnderscore;
    } else if (followsHexPrefix && isUpperHexDigit(c)) {
      kept = false;
    } else {
      kept = isAlnum(c);
    }
    if (!kept) {
      out += escapeByte(c);
    } else if (c === 0x5f) {
      out += doubleUnderscores ? '__' : '_';
    } else {
      out += String.fromCharCode(c);
    }
    previousWasKeptUnderscore = kept && c === 0x5f;
  }
  return out;
}

/** Mangles a module name (the instance's own name or an import module name): underscores doubled. */
export function mangleModuleName(name: string): string {
  return mangle(name, true);
}

/** Mangles an export or import field name: underscores not doubled. */
export function mangleName(name: string): string {
  return mangle(name, false);
}

/** `w2c_<module>_<field>`: an export of a module, or equally an import a module expects the host to define. */
export function externalSymbol(moduleName: string, fieldName: string): string {
  return `w2c_${mangleModuleName(moduleName)}_${mangleName(fieldName)}`;
}
