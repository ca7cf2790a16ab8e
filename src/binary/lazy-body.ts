/**
 * Function bodies decoded on first use. The module decoder checks every body for well-formedness
 * (CodeReader.skim: same walk, same errors) but builds no instructions; a decoded Func's `body`
 * is an accessor that decodes the body's bytes when first read and keeps the result. Only the
 * functions something reads (the interpreter's translator, the compiled tier, a monitor, the
 * printer...) pay for their Instr objects, which for a big module are most of its memory.
 */
import type { FeatureSet } from '../features.js';
import { LAZY_BODY, type Expr, type Func, type Instr, type LazyBody } from '../syntax/module.js';
import type { ValType } from '../syntax/types.js';
import { CodeReader } from './decode-code.js';
import { TypeReader } from './decode-types.js';
import { Reader } from './reader.js';

/**
 * One per decoded module: the bytes and features the bodies were checked with, and a reader
 * reused for every body (decoding never re-enters itself).
 */
export class BodySource {
  private code: CodeReader | null = null;

  constructor(private readonly bytes: Uint8Array, private readonly features: FeatureSet) {}

  /** Decodes the expression at `codeStart`, already known to be well-formed. */
  decodeAt(codeStart: number): Expr {
    return this.readerAt(codeStart).expr();
  }

  /** As decodeAt, handing each instruction to `visit` (CodeReader.visitExpr). */
  visitAt(codeStart: number, visit: (ins: Instr) => void): void {
    this.readerAt(codeStart).visitExpr(visit);
  }

  private readerAt(codeStart: number): CodeReader {
    let code = this.code;
    if (code === null) {
      const r = new Reader(this.bytes);
      code = this.code = new CodeReader(r, new TypeReader(r, this.features), this.features);
    }
    // Bounded by the module, as when it was skimmed, so the walk is exactly the same.
    code.r.pos = codeStart;
    code.r.end = this.bytes.length;
    return code;
  }
}

class Body implements LazyBody {
  cached: Expr | undefined = undefined;

  constructor(private readonly source: BodySource, private readonly codeStart: number) {}

  decode(): Expr {
    return this.source.decodeAt(this.codeStart);
  }

  visit(visit: (ins: Instr) => void): void {
    this.source.visitAt(this.codeStart, visit);
  }

  get(): Expr {
    return (this.cached ??= this.decode());
  }
}

/**
 * The `body` accessor every lazily decoded function shares: one getter function for all, so that
 * the functions share their hidden class too (a getter closure per function costs ~0.5 kB each).
 */
const BODY_ACCESSOR: PropertyDescriptor = {
  get(this: Func): Expr { return (this[LAZY_BODY] as Body).get(); },
  enumerable: true,
  configurable: true,
};

/**
 * A decoded function whose body is decoded on first read of `body`. A plain object with an own
 * enumerable accessor, so that it compares (deepEqual), spreads and prints like an eager one.
 */
export function lazyFunc(
  source: BodySource, type: number, locals: readonly ValType[], offset: number, codeStart: number, end: number,
): Func {
  const f = { type, locals, offset, codeStart, end };
  Object.defineProperty(f, 'body', BODY_ACCESSOR);
  Object.defineProperty(f, LAZY_BODY, { value: new Body(source, codeStart) });
  return f as unknown as Func;
}
