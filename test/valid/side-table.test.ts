/** Side tables for the legacy exception constructs and stack-switching handlers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_FEATURES } from '../../src/features.js';
import type { SubType } from '../../src/syntax/types.js';
import { ref } from '../../src/syntax/types.js';
import { validateModule } from '../../src/valid/index.js';
import { ft, func, I, withFuncs } from './helpers.js';

test('legacy try/catch/catch_all/delegate/rethrow', () => {
  const types = [ft([], []), ft(['i32'], [])];
  const body = [
    I('try', 'i32'), //        0
    I('i32.const', 1), //      1
    I('catch', 0), //          2  tag 0 carries an i32
    I('catch_all'), //         3
    I('rethrow', 0), //        4
    I('end'), //               5
    I('drop'), //              6
    I('block', null), //       7
    I('try', null), //         8
    I('delegate', 0), //       9  to the block
    I('end'), //               10
    I('try', null), //         11
    I('delegate', 0), //       12 to the caller
    I('end'), //               13
  ];
  const vm = validateModule(withFuncs(types, [func(0, body)], { tags: [{ type: 1 }] }));
  const fi = vm.funcs[0];
  assert.equal(fi.endOf[0], 5);
  assert.equal(fi.endOf[2], 5);
  assert.equal(fi.endOf[3], 5);
  assert.equal(fi.endOf[8], 9);
  assert.equal(fi.endOf[9], 9);
  assert.deepEqual(fi.branches[9], [{ pc: 11, arity: 0, height: 0 }]);
  assert.deepEqual(fi.branches[12], [{ pc: 14, arity: 0, height: 0 }]);
  assert.equal(fi.heights[3], 1, 'the catch body holds the i32 payload');
  assert.throws(() => validateModule(withFuncs(types, [func(0, [I('block', null), I('rethrow', 0), I('end'), I('end')])])), /invalid rethrow label/);
  assert.throws(() => validateModule(withFuncs(types, [func(0, [I('try', null), I('delegate', 1), I('end')])])), /unknown label/);
});

test('resume handlers produce one branch target each', () => {
  // 0: func [] -> [];  1: cont 0;  2: func [] -> [(ref 1)] (label type of the handler block)
  const types: SubType[] = [
    ft([], []),
    { final: true, supers: [], comp: { kind: 'cont', type: 0 } },
    ft([], [ref(1, false)]),
  ];
  const body = [
    I('block', 2), //                                        0: (result (ref $ct))
    I('ref.null', 1), //                                     1
    I('resume', 1, [{ tag: 0, label: 0 }, { tag: 0, label: null }]), // 2
    I('unreachable'), //                                     3
    I('end'), //                                             4
    I('drop'), //                                            5
    I('end'), //                                             6
  ];
  const vm = validateModule(withFuncs(types, [func(0, body)], { tags: [{ type: 0 }] }), ALL_FEATURES);
  const fi = vm.funcs[0];
  assert.deepEqual(fi.branches[2], [{ pc: 5, arity: 1, height: 0 }, { pc: -1, arity: 0, height: -1 }]);
  // A handler whose label does not end in a continuation reference is rejected.
  const bad = body.slice();
  bad[0] = I('block', null);
  bad[5] = I('nop');
  assert.throws(() => validateModule(withFuncs(types, [func(0, bad)], { tags: [{ type: 0 }] }), ALL_FEATURES),
    /concrete continuation reference type/);
});

test('GC: packed fields, mutability, casts', () => {
  const types: SubType[] = [
    { final: false, supers: [], comp: { kind: 'struct', fields: [{ type: 'i8', mutable: false }, { type: 'i32', mutable: true }] } },
    { final: true, supers: [], comp: { kind: 'array', field: { type: 'i16', mutable: true } } },
    ft([ref(0)], ['i32']),
  ];
  const ok = (body: ReturnType<typeof I>[]) => validateModule(withFuncs(types, [func(2, [...body, I('end')])]));
  const bad = (body: ReturnType<typeof I>[], re: RegExp) => assert.throws(() => ok(body), re);
  ok([I('local.get', 0), I('struct.get_s', 0, 0)]);
  bad([I('local.get', 0), I('struct.get', 0, 0)], /type mismatch/);
  bad([I('local.get', 0), I('struct.get_u', 0, 1)], /type mismatch/);
  bad([I('local.get', 0), I('i32.const', 1), I('struct.set', 0, 0), I('i32.const', 0)], /immutable field/);
  ok([I('local.get', 0), I('ref.test', 0)]);
  ok([I('local.get', 0), I('ref.cast/null', 'struct'), I('ref.is_null')]);
  bad([I('local.get', 0), I('ref.test', 'func')], /type mismatch/);
  ok([I('i32.const', 3), I('array.new_default', 1), I('i32.const', 0), I('array.get_u', 1)]);
  bad([I('i32.const', 3), I('array.new_default', 1), I('i32.const', 0), I('array.get', 1)], /type mismatch/);
  ok([I('i32.const', 7), I('ref.i31'), I('i31.get_s')]);
  ok([I('local.get', 0), I('extern.convert_any'), I('any.convert_extern'), I('ref.is_null')]);
  // br_on_cast: the fall-through type loses the cast target's nullability.
  const vm = validateModule(withFuncs(types, [func(2, [
    I('block', ref(0, false)), I('local.get', 0), I('br_on_cast', { label: 0, from: ref(0), to: ref(0, false) }),
    I('ref.is_null'), I('return'), I('end'), I('drop'), I('i32.const', 1), I('end'),
  ])]));
  assert.deepEqual(vm.funcs[0].branches[2], [{ pc: 6, arity: 1, height: 0 }]);
  assert.equal(vm.funcs[0].refTypes[2]?.nullable, false);
});
