/**
 * The wasm programs the stack-switching benchmarks and memory measurements run, and how to load
 * them (stack switching is off by default, so they are parsed and validated with it enabled).
 */
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/index.js';
import { features } from '../../src/features.js';
import { Store, instantiate, type EngineOptions, type ModuleInstance, type FuncInst } from '../../src/runtime/index.js';

const FEATURES = features({ 'stack-switching': true });

export function load(store: Store, wat: string): ModuleInstance {
  return instantiate(store, validateModule(parseModule(wat, FEATURES), FEATURES), []);
}

export function exported(inst: ModuleInstance, name: string): FuncInst {
  const e = inst.exports.get(name);
  if (!e || e.kind !== 'func') throw new Error(`no exported function ${name}`);
  return e.value;
}

export function store(tier: EngineOptions['tier']): Store {
  return new Store({ tier });
}

/**
 * A generator that yields 0, 1, 2, ... forever. `park(n)` starts n generators, runs each to its
 * first yield and keeps the suspended continuations in a table (so they stay alive); `next(i)`
 * resumes generator i once more and returns what it yielded.
 */
export const PARKED = `(module
  (type $ft (func))
  (type $ct (cont $ft))
  (tag $yield (param i32))
  (table $conts 0 (ref null $ct))
  (func $gen (local $i i32)
    (loop $l
      (suspend $yield (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
  (elem declare func $gen)
  (func $step (param $k (ref null $ct)) (param $slot i32) (result i32)
    (local $v i32) (local $c (ref null $ct))
    (block $on (result i32 (ref $ct))
      (resume $ct (on $yield $on) (local.get $k))
      (unreachable))
    (local.set $c)
    (local.set $v)
    (table.set $conts (local.get $slot) (local.get $c))
    (local.get $v))
  (func (export "park") (param $n i32) (local $i i32)
    (drop (table.grow $conts (ref.null $ct) (local.get $n)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (drop (call $step (cont.new $ct (ref.func $gen)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))
  (func (export "next") (param $i i32) (result i32)
    (call $step (table.get $conts (local.get $i)) (local.get $i))))`;

/**
 * Throughput programs. `generate(n)`: one generator resumed n times (each iteration is a resume
 * and a suspend). `pingpong(n)`: two coroutines handing control to each other with `switch`, n
 * switches in all. `calls(n)`: n ordinary calls of a small function, for comparison.
 */
export const THROUGHPUT = `(module
  (type $gft (func))
  (type $gct (cont $gft))
  (rec (type $ft (func (param (ref null $ct)))) (type $ct (cont $ft)))
  (tag $yield (param i32))
  (tag $swap)
  (global $left (mut i32) (i32.const 0))

  (func $gen (local $i i32)
    (loop $l
      (suspend $yield (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
  (func (export "generate") (param $n i32) (result i32)
    (local $k (ref null $gct)) (local $sum i32)
    (local.set $k (cont.new $gct (ref.func $gen)))
    (loop $l
      (block $on (result i32 (ref $gct))
        (resume $gct (on $yield $on) (local.get $k))
        (unreachable))
      (local.set $k)
      (local.set $sum (i32.add (local.get $sum)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $sum))

  (func $player (type $ft) (local $k (ref null $ct))
    (local.set $k (local.get 0))
    (loop $l
      (if (global.get $left) (then
        (global.set $left (i32.sub (global.get $left) (i32.const 1)))
        (local.set $k (switch $ct $swap (local.get $k)))
        (br $l)))))
  (func (export "pingpong") (param $n i32)
    (global.set $left (local.get $n))
    (resume $ct (on $swap switch) (cont.new $ct (ref.func $player)) (cont.new $ct (ref.func $player))))

  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "calls") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (call $inc (local.get $s)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $s))
  (elem declare func $gen $player))`;
