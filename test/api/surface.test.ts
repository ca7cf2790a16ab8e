/**
 * The shape of the namespace: property attributes, toStringTags, names and lengths, prototype
 * chains of the error classes — compared with Node's native namespace member by member.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { native, weft } from './helpers.js';
import * as core from '../../src/errors.js';
import { WebAssembly as exported } from '../../src/index.js';

function attrs(o: object, key: PropertyKey): string {
  const d = Object.getOwnPropertyDescriptor(o, key);
  if (!d) return 'missing';
  const kind = d.get || d.set ? `accessor(${d.get ? 'get' : ''}${d.set ? 'set' : ''})` : typeof d.value;
  return `${kind} w${d.writable ?? '-'} e${d.enumerable} c${d.configurable}`;
}

test('surface: the package entry exports the namespace', () => {
  assert.equal(exported, weft);
  assert.equal(String(weft), '[object WebAssembly]');
});

const MEMBERS = ['validate', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming', 'Module', 'Instance',
  'Memory', 'Table', 'Global', 'Tag', 'Exception', 'CompileError', 'LinkError', 'RuntimeError'];

test('surface: namespace members have WebIDL attributes', () => {
  for (const k of MEMBERS) assert.equal(attrs(weft, k), attrs(native, k), k);
  assert.equal(attrs(weft, Symbol.toStringTag), attrs(native, Symbol.toStringTag));
  assert.ok('JSTag' in weft);
});

test('surface: functions have the spec lengths and names', () => {
  for (const k of ['validate', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming'] as const) {
    assert.equal(weft[k].length, native[k].length, k);
    assert.equal(weft[k].name, native[k].name, k);
  }
});

const INTERFACES = ['Module', 'Instance', 'Memory', 'Table', 'Global', 'Tag'] as const;

test('surface: interfaces match the native ones (prototype members, attributes, lengths, tags)', () => {
  for (const name of INTERFACES) {
    const W = (weft as any)[name], N = (native as any)[name];
    assert.equal(W.name, N.name, name);
    assert.equal(W.length, N.length, `${name}.length`);
    assert.equal(W.prototype[Symbol.toStringTag], N.prototype[Symbol.toStringTag], name);
    for (const key of Object.getOwnPropertyNames(N.prototype)) {
      assert.equal(attrs(W.prototype, key), attrs(N.prototype, key), `${name}.prototype.${key}`);
      const d = Object.getOwnPropertyDescriptor(N.prototype, key)!;
      if (typeof d.value === 'function') assert.equal(W.prototype[key].length, d.value.length, `${name}.prototype.${key}.length`);
    }
    for (const key of Object.getOwnPropertyNames(N)) {
      if (['arguments', 'caller'].includes(key)) continue;
      assert.equal(attrs(W, key), attrs(N, key), `${name}.${key}`);
    }
  }
});

test('surface: Exception interface', () => {
  const E = (weft as any).Exception;
  assert.equal(E.prototype[Symbol.toStringTag], 'WebAssembly.Exception');
  assert.equal(E.prototype.getArg.length, 2);
  assert.equal(E.prototype.is.length, 1);
  assert.equal(attrs(E.prototype, 'getArg'), 'function wtrue etrue ctrue');
});

test('surface: error classes', () => {
  for (const name of ['CompileError', 'LinkError', 'RuntimeError'] as const) {
    const C = weft[name];
    const e = new C('msg');
    assert.equal(e.name, name);
    assert.equal(e.message, 'msg');
    assert.ok(e instanceof Error);
    assert.ok(e instanceof (core as any)[name], `WebAssembly.${name} is a weft ${name}`);
    assert.equal(String(e), `${name}: msg`);
    assert.equal(new C().message, '');
    assert.equal(Object.prototype.hasOwnProperty.call(new C(), 'message'), false);
    assert.equal((new (C as any)('x', { cause: 7 })).cause, 7);
    assert.equal(C.length, 1);
  }
  assert.notEqual(weft.CompileError, weft.LinkError);
});

test('surface: exported functions', () => {
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 2, 127, 127, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 4, 1, 2, 0, 11]);
  for (const W of [native, weft]) {
    const f = (new W.Instance(new W.Module(bytes)).exports as any).f;
    assert.equal(typeof f, 'function');
    assert.equal(f.name, '0');
    assert.equal(f.length, 2);
    assert.throws(() => new f(), TypeError);
    assert.equal(f(1, 2), undefined);
  }
});
