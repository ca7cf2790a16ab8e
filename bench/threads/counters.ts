/**
 * The benchmark's module: workers increment counters in one shared memory with atomics.
 * - `add_shared`: every worker bumps the same i32 counter (contended cache line).
 * - `add_own`: worker i bumps its own counter, 64 bytes apart (no sharing: ideal scaling).
 * - `locked`: a cmpxchg spin lock with wait/notify guards a plain increment.
 */
export const COUNTERS_WAT = `
(module
  (memory (import "env" "memory") 1 1 shared)
  ;; 0: lock, 4: counter under the lock, 8: shared atomic counter, 64*(i+1): worker i's counter
  (func (export "add_shared") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.atomic.load (i32.const 8)))
  (func (export "add_own") (param $worker i32) (param $n i32) (result i32)
    (local $i i32) (local $a i32)
    (local.set $a (i32.mul (i32.add (local.get $worker) (i32.const 1)) (i32.const 64)))
    (loop $l
      (drop (i32.atomic.rmw.add (local.get $a) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.atomic.load (local.get $a)))
  (func $lock
    (loop $retry
      (if (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 0) (i32.const 1))
        (then
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 1) (i64.const -1)))
          (br $retry)))))
  (func $unlock
    (i32.atomic.store (i32.const 0) (i32.const 0))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  (func (export "locked") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (call $lock)
      (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (i32.const 1)))
      (call $unlock)
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $n))
)`;
