/**
 * Where the eager validation pass writes side-table entries it does not keep. validateModule
 * checks every body but keeps no per-instruction tables (they are rebuilt for the functions that
 * are used, lazy-info.ts); the code checker still writes them as it goes, into these buffers,
 * which one validation run reuses for all its functions so that nothing per instruction outlives
 * the function that wrote it.
 */
import type { CRefType } from './canon-types.js';
import type { BlockSig, BranchTarget } from './info.js';

export class SideTableScratch {
  endOf = new Int32Array(0);
  elseOf = new Int32Array(0);
  heights = new Int32Array(0);
  branches: (readonly BranchTarget[] | undefined)[] = [];
  blockTypes: (BlockSig | undefined)[] = [];
  refTypes: (CRefType | undefined)[] = [];

  /** Makes the buffers hold `n` entries (their contents are never read). */
  reserve(n: number): void {
    if (this.endOf.length >= n) return;
    const size = Math.max(n, this.endOf.length * 2);
    this.endOf = new Int32Array(size);
    this.elseOf = new Int32Array(size);
    this.heights = new Int32Array(size);
    this.branches = new Array(size);
    this.blockTypes = new Array(size);
    this.refTypes = new Array(size);
  }

  /**
   * Drops what a function of `n` instructions left in the branch table (its entries are arrays
   * made per branch instruction). Block signatures and reference types are interned: they live as
   * long as the module's types whether or not they stay here.
   */
  release(n: number): void {
    this.branches.fill(undefined, 0, n);
  }
}
