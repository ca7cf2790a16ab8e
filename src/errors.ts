/**
 * Errors, one class per phase (as the JS API and the reference interpreter both distinguish them):
 *
 * - CompileError: the binary is malformed (decoding) or invalid (validation). Carries the byte offset
 *   and, inside code, the function index.
 * - ParseError:   text format (WAT/WAST) that cannot be parsed; carries line and column. Scripts treat
 *   it as "malformed".
 * - LinkError:    instantiation failed to match an import.
 * - RuntimeError: a trap. Carries the trap kind and the wasm stack at the point of the trap.
 *
 * The JS API (`src/api`) exposes these same classes as WebAssembly.CompileError etc.
 */

export type CompilePhase = 'malformed' | 'invalid';

function hex(n: number): string {
  return '0x' + n.toString(16);
}

export class CompileError extends Error {
  readonly phase: CompilePhase;
  /** Byte offset in the module binary where the problem was found (-1 if unknown). */
  readonly offset: number;
  /** Index (in the function index space) of the function being checked, if any. */
  readonly funcIndex: number;
  /** The reason alone, without location (what spec tests match against). */
  readonly reason: string;
  /** For modules parsed from text: the line and column (1-based) of the construct at fault. */
  readonly line?: number;
  readonly column?: number;

  constructor(phase: CompilePhase, reason: string, offset = -1, funcIndex = -1, text?: { line: number; column: number }) {
    let where = '';
    if (text) where += ` at ${text.line}:${text.column}`;
    else if (offset >= 0) where += ` at ${hex(offset)}`;
    if (funcIndex >= 0) where += ` in func ${funcIndex}`;
    super(where ? `${reason}${where}` : reason);
    this.phase = phase;
    this.reason = reason;
    this.offset = offset;
    this.funcIndex = funcIndex;
    if (text) {
      this.line = text.line;
      this.column = text.column;
    }
  }
}
Object.defineProperty(CompileError.prototype, 'name', { value: 'CompileError', writable: true, configurable: true });

export class ParseError extends Error {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  constructor(reason: string, line: number, column: number, source?: string) {
    super(`${source ? source + ':' : ''}${line}:${column}: ${reason}`);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}
Object.defineProperty(ParseError.prototype, 'name', { value: 'ParseError', writable: true, configurable: true });

export class LinkError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}
Object.defineProperty(LinkError.prototype, 'name', { value: 'LinkError', writable: true, configurable: true });

/** One wasm frame of a trap's stack trace. */
export interface WasmFrame {
  readonly funcIndex: number;
  readonly funcName: string | null;
  /** Byte offset in the module binary of the instruction executing in this frame (-1 if unknown). */
  readonly offset: number;
}

export type TrapKind =
  | 'unreachable' | 'div-by-zero' | 'int-overflow' | 'invalid-conversion' | 'out-of-bounds-memory'
  | 'out-of-bounds-table' | 'undefined-element' | 'uninitialized-element' | 'indirect-call-mismatch'
  | 'null-reference' | 'cast-failure' | 'out-of-bounds-array' | 'array-too-large'
  | 'exhaustion' | 'unhandled-tag' | 'continuation-consumed' | 'null-continuation'
  | 'unaligned-atomic' | 'expected-shared-memory' | 'js-trap' | 'other';

export class RuntimeError extends Error {
  readonly kind: TrapKind;
  readonly reason: string;
  /** Wasm frames, innermost first. */
  wasmStack: WasmFrame[];
  constructor(kind: TrapKind, reason: string, wasmStack: WasmFrame[] = []) {
    super(reason);
    this.kind = kind;
    this.reason = reason;
    this.wasmStack = wasmStack;
  }
  /** The trap reason followed by one line per wasm frame, as `weft run` prints it. */
  formatWasmStack(): string {
    const lines = [this.reason];
    for (const f of this.wasmStack) {
      const name = f.funcName ?? `func[${f.funcIndex}]`;
      lines.push(`    at ${name} (wasm-function[${f.funcIndex}]:${f.offset >= 0 ? hex(f.offset) : '?'})`);
    }
    return lines.join('\n');
  }
}
Object.defineProperty(RuntimeError.prototype, 'name', { value: 'RuntimeError', writable: true, configurable: true });
