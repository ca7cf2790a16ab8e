/**
 * Side tables built on first use. validateModule checks every function body eagerly (a
 * CompileError has to come from validation, with the same reason and offset as always) but keeps
 * only what is small per function; the per-instruction tables of FuncInfo (endOf, heights,
 * branches...) are recorded when first read, by checking that one function again with recording
 * on. Only functions whose tables something reads pay for them (today the interpreter's translator
 * and the compiled tier derive their own control flow and read none: func.new, tools and tests
 * do), where a table for every function took ~18 bytes of heap per byte of code.
 */
import { LAZY_BODY, type Func, type Instr } from '../syntax/module.js';
import type { CRefType, CValType, DefType } from './canon-types.js';
import { CodeChecker, funcLocals, funcSig, type ModuleCtx } from './code.js';
import type { BlockSig, BranchTarget, FuncInfo } from './info.js';
import type { SideTableScratch } from './scratch.js';

/**
 * Validates defined function `f` (function index `funcIndex`) as checkFunction does, with the
 * same errors, but writes its side table into `scratch` and returns a FuncInfo that records the
 * table when one of its per-instruction fields is first read. A body that was not decoded yet
 * goes from the decoder to the checker one instruction at a time and is not kept.
 */
export function checkFunctionLazily(
  ctx: ModuleCtx, funcIndex: number, type: DefType, f: Func, scratch: SideTableScratch,
  typeAt: number, localsAt: readonly number[] | undefined,
): FuncInfo {
  const locals = funcLocals(ctx, funcIndex, type, f.locals, typeAt, localsAt);
  const lazy = f[LAZY_BODY];
  let c: CodeChecker;
  if (lazy === undefined || lazy.cached !== undefined) {
    c = new CodeChecker(ctx, funcIndex, f.body, funcSig(type), locals, false, type.shared, scratch);
    c.run();
  } else {
    // A body of k bytes has at most k instructions: room for its side-table entries.
    scratch.reserve(f.end - f.codeStart);
    c = new CodeChecker(ctx, funcIndex, NO_INSTRS, funcSig(type), locals, false, type.shared, scratch);
    c.begin();
    const checker = c;
    lazy.visit(ins => { checker.step(ins); });
    c.finish();
  }
  return new LazyFuncInfo(ctx, funcIndex, type, locals, c.maxHeight, f);
}

const NO_INSTRS: readonly Instr[] = Object.freeze([]);

class LazyFuncInfo implements FuncInfo {
  private recorded: FuncInfo | null = null;

  constructor(
    private readonly ctx: ModuleCtx,
    readonly funcIndex: number,
    readonly type: DefType,
    readonly locals: readonly CValType[],
    readonly maxHeight: number,
    private readonly func: Func,
  ) {}

  get endOf(): Int32Array { return this.record().endOf; }
  get elseOf(): Int32Array { return this.record().elseOf; }
  get heights(): Int32Array { return this.record().heights; }
  get branches(): (readonly BranchTarget[] | undefined)[] { return this.record().branches; }
  get blockTypes(): (BlockSig | undefined)[] { return this.record().blockTypes; }
  get refTypes(): (CRefType | undefined)[] { return this.record().refTypes; }

  /**
   * The body passed validation already, so this check cannot fail. It reads `func.body` (kept):
   * whoever needs the side table is about to walk the instructions too.
   */
  private record(): FuncInfo {
    if (this.recorded === null) {
      const { ctx, funcIndex, type, locals } = this;
      const c = new CodeChecker(ctx, funcIndex, this.func.body, funcSig(type), locals, false, type.shared);
      c.run();
      this.recorded = c.info(type);
    }
    return this.recorded;
  }
}
