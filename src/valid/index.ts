/**
 * The validator's public surface: module validation with per-function side tables, canonical
 * types, and the subtyping/matching relations the runtime needs at instantiation.
 */
export { validateModule } from './validate.js';
export { checkExtraFunction } from './check-body.js';
export type { BlockSig, BranchTarget, FuncInfo, ValidModule } from './info.js';
export {
  canonicalizeTypes, canonValType, canonRefType, canonHeapType, canonStorageType, mkRef,
  uncanonValType, cvalTypeToString, cheapTypeToString, funcTypeOf,
} from './canon.js';
export {
  isSubDefType, isSubHeapType, isSubRefType, isSubValType, isSubValTypes, isSubStorageType,
  isSubFieldType, isSubCompType, topOf, bottomOf, isSharedRef,
  matchLimits, matchFuncType, matchTableType, matchMemType, matchGlobalType, matchTagType,
  matchExternType, type CExternType,
} from './subtype.js';
export type * from './canon-types.js';
