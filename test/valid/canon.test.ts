import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubType, RecGroup } from '../../src/syntax/types.js';
import { ref } from '../../src/syntax/types.js';
import { canonicalizeTypes, canonValType, cvalTypeToString, uncanonValType } from '../../src/valid/index.js';

const structOf = (...fieldHeaps: (number | 'any')[]): SubType => ({
  final: true, supers: [],
  comp: { kind: 'struct', fields: fieldHeaps.map(h => ({ type: ref(h), mutable: false })) },
});

function types(subs: SubType[], groups: [number, number][]): { types: SubType[]; recGroups: RecGroup[] } {
  return { types: subs, recGroups: groups.map(([start, size]) => ({ start, size, explicit: size > 1 })) };
}

test('equivalent rec groups from different modules are the same objects', () => {
  // (rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref null $a)))))
  const m1 = types([structOf(1), structOf(0)], [[0, 2]]);
  // The same group preceded by an unrelated type: indices shift, canonical types do not.
  const m2 = types([{ final: true, supers: [], comp: { kind: 'func', params: [], results: [] } }, structOf(2), structOf(1)], [[0, 1], [1, 2]]);
  const a = canonicalizeTypes(m1);
  const b = canonicalizeTypes(m2);
  assert.equal(a[0], b[1]);
  assert.equal(a[1], b[2]);
  assert.notEqual(a[0], a[1]);
  // The recursion is real: the field of $a points at the canonical $b.
  const f = a[0].comp.kind === 'struct' ? a[0].comp.fields[0].type : null;
  assert.ok(f && typeof f === 'object' && f.heap === a[1]);
});

test('the position inside a rec group matters, and so does group structure', () => {
  const g = canonicalizeTypes(types([structOf(1), structOf(0)], [[0, 2]]));
  // Two separate groups with the same shapes are different types.
  const sep = canonicalizeTypes(types([structOf('any'), structOf(0)], [[0, 1], [1, 1]]));
  assert.notEqual(g[0], sep[0]);
  assert.notEqual(g[1], sep[1]);
  // A lone type and a rec of one are the same.
  const lone = canonicalizeTypes({ types: [structOf('any')], recGroups: [{ start: 0, size: 1, explicit: false }] });
  const rec1 = canonicalizeTypes({ types: [structOf('any')], recGroups: [{ start: 0, size: 1, explicit: true }] });
  assert.equal(lone[0], rec1[0]);
  assert.equal(lone[0], sep[0]);
});

test('supertype chains give depth and supers', () => {
  const base: SubType = { final: false, supers: [], comp: { kind: 'struct', fields: [] } };
  const mid: SubType = { final: false, supers: [0], comp: { kind: 'struct', fields: [{ type: 'i32', mutable: false }] } };
  const leaf: SubType = { final: true, supers: [1], comp: { kind: 'struct', fields: [{ type: 'i32', mutable: false }, { type: 'i64', mutable: true }] } };
  const t = canonicalizeTypes(types([base, mid, leaf], [[0, 1], [1, 1], [2, 1]]));
  assert.deepEqual([t[0].depth, t[1].depth, t[2].depth], [0, 1, 2]);
  assert.equal(t[2].supers[0], t[0]);
  assert.equal(t[2].supers[1], t[1]);
  assert.equal(t[2].supers[2], t[2]);
  assert.equal(t[2].super, t[1]);
  // Declared supertypes are part of the identity.
  const noSuper = canonicalizeTypes(types([base, { ...mid, supers: [] }], [[0, 1], [1, 1]]));
  assert.notEqual(noSuper[1], t[1]);
});

test('forward references outside the group and forward supertypes are rejected', () => {
  assert.throws(() => canonicalizeTypes(types([structOf(1), structOf('any')], [[0, 1], [1, 1]])), /unknown type 1/);
  const fwdSuper: SubType = { final: false, supers: [1], comp: { kind: 'struct', fields: [] } };
  assert.throws(() => canonicalizeTypes(types([fwdSuper, structOf('any')], [[0, 2]])), /unknown type 1/);
});

test('value types convert to canonical form and back', () => {
  const t = canonicalizeTypes(types([structOf('any')], [[0, 1]]));
  const v = canonValType(ref(0, false), t);
  assert.equal(v, canonValType(ref(0, false), t), 'canonical ref types are cached');
  assert.deepEqual(uncanonValType(v, d => t.indexOf(d)), { kind: 'ref', nullable: false, heap: 0 });
  assert.equal(cvalTypeToString(v, d => t.indexOf(d)), '(ref 0)');
  assert.equal(cvalTypeToString(canonValType(ref('func'), t)), 'funcref');
});

test('interning survives garbage collection while the types are in use', async () => {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const mk = () => types([structOf(1), structOf(0), structOf('any')], [[0, 2], [2, 1]]);
  const kept = canonicalizeTypes(mk())[1];
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise(r => setTimeout(r, 10));
  }
  // Only one member of the group is still referenced; the group must still be interned.
  assert.equal(canonicalizeTypes(mk())[1], kept);
});
