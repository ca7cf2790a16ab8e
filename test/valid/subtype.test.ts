import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubType } from '../../src/syntax/types.js';
import {
  canonicalizeTypes, isSubDefType, isSubHeapType, isSubRefType, isSubValType, matchGlobalType, matchLimits,
  matchMemType, matchTableType, mkRef, matchExternType,
} from '../../src/valid/index.js';

const abs = ['any', 'eq', 'i31', 'struct', 'array', 'none', 'func', 'nofunc', 'extern', 'noextern', 'exn', 'noexn', 'cont', 'nocont'] as const;

test('abstract heap type hierarchy', () => {
  const yes: [string, string][] = [
    ['eq', 'any'], ['i31', 'eq'], ['struct', 'eq'], ['array', 'eq'], ['i31', 'any'], ['none', 'i31'],
    ['none', 'any'], ['nofunc', 'func'], ['noextern', 'extern'], ['noexn', 'exn'], ['nocont', 'cont'],
  ];
  for (const a of abs) assert.ok(isSubHeapType(a, a), `${a} <: ${a}`);
  for (const [a, b] of yes) assert.ok(isSubHeapType(a as never, b as never), `${a} <: ${b}`);
  const no: [string, string][] = [
    ['any', 'eq'], ['func', 'any'], ['extern', 'any'], ['none', 'func'], ['nofunc', 'any'], ['i31', 'struct'],
    ['exn', 'any'], ['cont', 'func'], ['struct', 'array'],
  ];
  for (const [a, b] of no) assert.ok(!isSubHeapType(a as never, b as never), `not ${a} <: ${b}`);
});

const s = (final: boolean, supers: number[], kind: 'struct' | 'func' | 'array'): SubType => ({
  final, supers,
  comp: kind === 'struct' ? { kind, fields: [] } : kind === 'func' ? { kind, params: [], results: [] } : { kind, field: { type: 'i8', mutable: true } },
});

test('defined types: declared subtyping and abstract supertypes', () => {
  const t = canonicalizeTypes({
    types: [s(false, [], 'struct'), s(false, [0], 'struct'), s(true, [], 'func'), s(true, [], 'array')],
    recGroups: [0, 1, 2, 3].map(i => ({ start: i, size: 1, explicit: false })),
  });
  assert.ok(isSubDefType(t[1], t[0]));
  assert.ok(!isSubDefType(t[0], t[1]));
  assert.ok(isSubHeapType(t[1], 'struct') && isSubHeapType(t[1], 'eq') && isSubHeapType(t[1], 'any'));
  assert.ok(!isSubHeapType(t[1], 'array') && !isSubHeapType(t[1], 'func'));
  assert.ok(isSubHeapType(t[2], 'func') && !isSubHeapType(t[2], 'any'));
  assert.ok(isSubHeapType(t[3], 'array'));
  assert.ok(isSubHeapType('none', t[0]) && isSubHeapType('nofunc', t[2]) && !isSubHeapType('none', t[2]));
});

test('reference types: nullability, exactness, shared', () => {
  const t = canonicalizeTypes({
    types: [s(false, [], 'struct'), s(false, [0], 'struct')],
    recGroups: [0, 1].map(i => ({ start: i, size: 1, explicit: false })),
  });
  assert.ok(isSubRefType(mkRef(t[1], false), mkRef(t[0], true)));
  assert.ok(!isSubRefType(mkRef(t[1], true), mkRef(t[0], false)));
  // Exact types admit only themselves (and the bottom type).
  assert.ok(isSubRefType(mkRef(t[0], false, true), mkRef(t[0], false, true)));
  assert.ok(isSubRefType(mkRef(t[0], false, true), mkRef(t[0], false)));
  assert.ok(!isSubRefType(mkRef(t[1], false, true), mkRef(t[0], false, true)));
  assert.ok(!isSubRefType(mkRef(t[1], false), mkRef(t[0], false, true)));
  assert.ok(isSubRefType(mkRef('none', true), mkRef(t[0], true, true)));
  // Shared and unshared hierarchies are disjoint.
  assert.ok(!isSubRefType(mkRef('i31', false, false, true), mkRef('any', true)));
  assert.ok(isSubRefType(mkRef('i31', false, false, true), mkRef('any', true, false, true)));
  assert.ok(isSubValType('i32', 'i32') && !isSubValType('i32', 'i64'));
});

test('import matching: limits, memories, tables, globals', () => {
  assert.ok(matchLimits(2n, 5n, 1n, 10n));
  assert.ok(!matchLimits(2n, null, 1n, 10n));
  assert.ok(matchLimits(2n, null, 1n, null));
  assert.ok(!matchLimits(0n, 5n, 1n, 10n));
  const mem = (min: bigint, max: bigint | null, addr: 'i32' | 'i64' = 'i32', shared = false, pageSizeLog2 = 16) =>
    ({ limits: { min, max }, addr, shared, pageSizeLog2 });
  assert.ok(matchMemType(mem(1n, 2n), mem(1n, 3n)));
  assert.ok(!matchMemType(mem(1n, 2n, 'i64'), mem(1n, 3n)));
  assert.ok(!matchMemType(mem(1n, 2n, 'i32', true), mem(1n, 3n)));
  assert.ok(!matchMemType(mem(1n, 2n, 'i32', false, 0), mem(1n, 3n)));
  const funcref = mkRef('func', true);
  assert.ok(matchTableType({ elem: funcref, min: 3n, max: null, addr: 'i32' }, { elem: funcref, min: 1n, max: null, addr: 'i32' }));
  assert.ok(!matchTableType({ elem: mkRef('nofunc', true), min: 3n, max: null, addr: 'i32' }, { elem: funcref, min: 1n, max: null, addr: 'i32' }), 'table element types are invariant');
  assert.ok(matchGlobalType({ type: mkRef('nofunc', true), mutable: false }, { type: funcref, mutable: false }));
  assert.ok(!matchGlobalType({ type: mkRef('nofunc', true), mutable: true }, { type: funcref, mutable: true }));
  assert.ok(!matchGlobalType({ type: 'i32', mutable: false }, { type: 'i32', mutable: true }));
  assert.ok(matchExternType({ kind: 'global', type: { type: 'i64', mutable: true } }, { kind: 'global', type: { type: 'i64', mutable: true } }));
  assert.ok(!matchExternType({ kind: 'global', type: { type: 'i64', mutable: true } }, { kind: 'memory', type: mem(0n, null) }));
});
