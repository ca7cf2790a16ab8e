import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompileError } from '../../src/errors.js';
import { features } from '../../src/features.js';
import type { Module } from '../../src/syntax/module.js';
import { ref, type SubType } from '../../src/syntax/types.js';
import { validateModule } from '../../src/valid/index.js';
import { emptyModule, ft, func, I, withFuncs } from './helpers.js';

function rejects(m: Module, reason: string | RegExp, f = features()): void {
  assert.throws(() => validateModule(m, f), (e: unknown) => {
    assert.ok(e instanceof CompileError, `expected CompileError, got ${e}`);
    assert.equal(e.phase, 'invalid');
    if (typeof reason === 'string') assert.ok(e.reason.includes(reason), `"${e.reason}" should contain "${reason}"`);
    else assert.match(e.reason, reason);
    return true;
  });
}

test('side table: block structure, branch targets, heights', () => {
  const body = [
    I('block', 'i32'), //            0
    I('i32.const', 7), //            1
    I('local.get', 0), //            2
    I('br_if', 0), //                3
    I('drop'), //                    4
    I('loop', null), //              5
    I('local.get', 0), //            6
    I('br_if', 0), //                7
    I('end'), //                     8
    I('local.get', 0), //            9
    I('if', 'i32'), //               10
    I('i32.const', 1), //            11
    I('else'), //                    12
    I('i32.const', 2), //            13
    I('end'), //                     14
    I('end'), //                     15
    I('local.get', 0), //            16
    I('br_table', [0, 0]), //        17
    I('end'), //                     18
  ];
  const vm = validateModule(withFuncs([ft(['i32'], ['i32'])], [func(0, body)]));
  const fi = vm.funcs[0];
  assert.equal(fi.funcIndex, 0);
  assert.deepEqual(fi.locals, ['i32']);
  assert.equal(fi.endOf[0], 15);
  assert.equal(fi.endOf[5], 8);
  assert.equal(fi.endOf[10], 14);
  assert.equal(fi.endOf[12], 14);
  assert.equal(fi.elseOf[10], 12);
  assert.equal(fi.endOf[3], -1);
  assert.deepEqual(fi.branches[3], [{ pc: 16, arity: 1, height: 0 }]);
  assert.deepEqual(fi.branches[7], [{ pc: 6, arity: 0, height: 0 }]);
  assert.deepEqual(fi.branches[17], [{ pc: 19, arity: 1, height: 0 }, { pc: 19, arity: 1, height: 0 }]);
  assert.equal(fi.heights[3], 2);
  assert.equal(fi.heights[11], 0);
  assert.equal(fi.heights[12], 1);
  assert.equal(fi.heights[16], 1);
  assert.equal(fi.maxHeight, 2);
  assert.deepEqual(fi.blockTypes[0], { params: [], results: ['i32'] });
  assert.equal(fi.blockTypes[1], undefined);
});

test('side table: block parameters and try_table catch targets', () => {
  const types = [ft(['i32'], ['i32']), ft(['i64'], [])];
  const body = [
    I('i32.const', 1), //                                   0
    I('block', 0), //  (param i32) (result i32)             1
    I('block', 0), //                                       2
    I('try_table', null, [{ kind: 'catch', tag: 0, label: 1 }, { kind: 'catch_all', label: 1 }]), // 3  hmm
    I('end'), //                                            4
    I('end'), //                                            5
    I('end'), //                                            6
    I('drop'), //                                           7
    I('end'), //                                            8
  ];
  // The catch clauses go to label 1 = the inner `block 0` ... which expects [i32]; tag 0 carries i64.
  const m = withFuncs(types, [func(1, body)], { tags: [{ type: 1 }] });
  rejects(m, 'type mismatch');
  const types2 = [ft(['i32'], ['i32']), ft(['i32'], [])];
  const body2 = body.slice();
  body2[3] = I('try_table', null, [{ kind: 'catch', tag: 0, label: 0 }]);
  const vm = validateModule(withFuncs(types2, [func(1, body2)], { tags: [{ type: 1 }] }));
  const fi = vm.funcs[0];
  assert.deepEqual(fi.branches[3], [{ pc: 6, arity: 1, height: 0 }], 'catch targets the block around the try_table');
  assert.deepEqual(fi.blockTypes[1], { kind: 'func', params: ['i32'], results: ['i32'] });
  assert.equal(fi.heights[2], 1);
  assert.equal(fi.endOf[3], 4);
  assert.equal(fi.endOf[2], 5);
});

test('unreachable code is typed polymorphically', () => {
  const ok = [
    [I('unreachable'), I('i32.add'), I('drop'), I('end')],
    [I('unreachable'), I('ref.is_null'), I('drop'), I('end')],
    [I('unreachable'), I('select'), I('drop'), I('end')],
    [I('block', null), I('br', 0), I('i32.const', 0), I('i32.add'), I('drop'), I('end'), I('end')],
  ];
  for (const body of ok) validateModule(withFuncs([ft([], [])], [func(0, body)]));
  rejects(withFuncs([ft([], [])], [func(0, [I('unreachable'), I('i64.const', 0n), I('i32.add'), I('drop'), I('end')])]),
    'type mismatch: instruction requires [i32] but stack has [i64]');
  rejects(withFuncs([ft([], [])], [func(0, [I('i32.const', 1), I('end')])]), 'type mismatch');
  // ref.as_non_null of an unknown operand is still a reference.
  rejects(withFuncs([ft([], [])], [func(0, [I('unreachable'), I('ref.as_non_null'), I('i32.eqz'), I('drop'), I('end')])]), 'type mismatch');
  validateModule(withFuncs([ft([], [])], [func(0, [I('unreachable'), I('ref.as_non_null'), I('ref.is_null'), I('drop'), I('end')])]));
});

test('non-nullable locals must be initialised before use', () => {
  const types = [ft([], [])];
  const local = [ref(0, false)];
  const exports = [{ name: 'f', kind: 'func' as const, index: 0 }];
  rejects(withFuncs(types, [func(0, [I('local.get', 0), I('drop'), I('end')], local)]), 'uninitialized local');
  validateModule(withFuncs(types, [func(0, [I('ref.func', 0), I('local.set', 0), I('local.get', 0), I('drop'), I('end')], local)], { exports }));
  // Initialisation inside a block does not survive the block's end.
  rejects(withFuncs(types, [func(0, [
    I('block', null), I('ref.func', 0), I('local.set', 0), I('end'), I('local.get', 0), I('drop'), I('end'),
  ], local)], { exports }), 'uninitialized local');
});

test('memory immediates: alignment, lanes, atomics, address types', () => {
  const mem = { limits: { min: 1n, max: 1n }, addr: 'i32' as const, shared: true, pageSizeLog2: 16 };
  const f = (body: ReturnType<typeof I>[]) => withFuncs([ft([], [])], [func(0, [...body, I('end')])], { mems: [mem] });
  const ma = (align: number) => ({ align, offset: 0n, mem: 0 });
  validateModule(f([I('i32.const', 0), I('i32.load', ma(2)), I('drop')]));
  rejects(f([I('i32.const', 0), I('i32.load', ma(3)), I('drop')]), 'alignment must not be larger than natural');
  rejects(f([I('i32.const', 0), I('i32.atomic.load', ma(1)), I('drop')]), 'atomic alignment must be natural');
  rejects(f([I('i64.const', 0n), I('i32.load', ma(2)), I('drop')]), 'type mismatch');
  rejects(f([I('v128.const', new Uint8Array(16)), I('i8x16.extract_lane_s', 16), I('drop')]), 'invalid lane index');
  rejects(withFuncs([ft([], [])], [func(0, [I('i32.const', 0), I('i32.load', ma(2)), I('drop'), I('end')])]), 'unknown memory 0');
  const mem64 = { ...mem, addr: 'i64' as const };
  validateModule(withFuncs([ft([], [])], [func(0, [I('i64.const', 0n), I('i32.load', ma(2)), I('drop'), I('memory.size', 0), I('drop'), I('end')])], { mems: [mem64] }));
});

test('module-level checks', () => {
  const mem = (min: bigint, max: bigint | null) => ({ limits: { min, max }, addr: 'i32' as const, shared: false, pageSizeLog2: 16 });
  rejects(emptyModule({ mems: [mem(2n, 1n)] }), 'size minimum must not be greater than maximum');
  rejects(emptyModule({ mems: [mem(65537n, null)] }), 'memory size must be at most 65536 pages (4GiB)');
  rejects(emptyModule({ mems: [mem(0n, null), mem(0n, null)] }), 'multiple memories', features({ 'multi-memory': false }));
  const t = [ft([], [])];
  rejects(withFuncs(t, [func(0, [I('end')])], {
    exports: [{ name: 'a', kind: 'func', index: 0 }, { name: 'a', kind: 'func', index: 0 }],
  }), 'duplicate export name');
  rejects(withFuncs(t, [func(0, [I('ref.func', 0), I('drop'), I('end')])]), 'undeclared function reference');
  // Declared by a global initialiser.
  validateModule(withFuncs(t, [func(0, [I('ref.func', 0), I('drop'), I('end')])], {
    globals: [{ type: { type: ref('func'), mutable: false }, init: [I('ref.func', 0), I('end')] }],
  }));
  rejects(withFuncs([ft(['i32'], [])], [func(0, [I('end')])], { start: 0 }), 'start function');
  rejects(emptyModule({
    globals: [
      { type: { type: 'i32', mutable: true }, init: [I('i32.const', 0), I('end')] },
      { type: { type: 'i32', mutable: false }, init: [I('global.get', 0), I('end')] },
    ],
  }), 'constant expression required');
  rejects(emptyModule({ globals: [{ type: { type: 'i32', mutable: false }, init: [I('global.get', 0), I('end')] }] }), 'unknown global 0');
  // Extended constant expressions.
  validateModule(emptyModule({ globals: [{ type: { type: 'i32', mutable: false }, init: [I('i32.const', 1), I('i32.const', 2), I('i32.mul'), I('end')] }] }));
  rejects(emptyModule({ globals: [{ type: { type: 'i32', mutable: false }, init: [I('i32.const', 1), I('i32.const', 2), I('i32.div_s'), I('end')] }] }), 'constant expression required');
  rejects(withFuncs([ft([], ['i32'])], [], { tags: [{ type: 0 }] }), 'non-empty tag result type', features({ 'stack-switching': false }));
});

test('subtype declarations must match their supertype', () => {
  const base: SubType = { final: false, supers: [], comp: { kind: 'struct', fields: [{ type: 'i32', mutable: true }] } };
  const bad: SubType = { final: false, supers: [0], comp: { kind: 'struct', fields: [{ type: 'i64', mutable: true }] } };
  const m = (subs: SubType[]) => emptyModule({ types: subs, recGroups: subs.map((_, i) => ({ start: i, size: 1, explicit: false })) });
  rejects(m([base, bad]), 'sub type 1 does not match super type 0');
  rejects(m([{ ...base, final: true }, { ...base, supers: [0] }]), 'sub type 1 does not match super type 0');
  validateModule(m([base, { ...base, supers: [0] }]));
});

test('errors carry the offset and function index', () => {
  const body = [{ ...I('i64.const', 0n), offset: 40 }, { ...I('i32.eqz'), offset: 42 }, { ...I('drop'), offset: 43 }, { ...I('end'), offset: 44 }];
  try {
    validateModule(withFuncs([ft([], [])], [func(0, [I('end')]), func(0, body)]));
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof CompileError);
    assert.equal(e.offset, 42);
    assert.equal(e.funcIndex, 1);
  }
});

test('exact heap type immediates arrive as RefTypes (custom descriptors)', () => {
  const types: SubType[] = [
    { final: false, supers: [], comp: { kind: 'struct', fields: [] } },
    ft([], [ref(0, true, true)]),
  ];
  const f = features({ 'custom-descriptors': true });
  validateModule(withFuncs(types, [func(1, [I('ref.null', ref(0, true, true)), I('end')])]), f);
  rejects(withFuncs(types, [func(1, [I('ref.null', 0), I('end')])]), 'type mismatch', f);
  validateModule(withFuncs(types, [func(1, [I('ref.null', 'none'), I('ref.cast/null', ref(0, true, true)), I('end')])]), f);
});

test('every instruction without a fixed signature in the opcode table has a typing rule', async () => {
  const { OPCODES } = await import('../../src/syntax/opcodes.js');
  const { RULES } = await import('../../src/valid/rules.js');
  const missing = OPCODES.filter(o => o.params === null && !RULES[o.name]).map(o => o.key);
  assert.deepEqual(missing, []);
});
