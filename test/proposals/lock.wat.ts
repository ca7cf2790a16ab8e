/**
 * The contended-lock module of the threads tests and benchmark: a spin lock built from
 * i32.atomic.rmw.cmpxchg that sleeps in memory.atomic.wait32 and is released with an atomic store
 * plus memory.atomic.notify. The counter under the lock is updated with plain (non-atomic) loads and
 * stores, so its final value is exact only if the lock really excludes.
 */
export const LOCK_WAT = `
(module
  (memory (import "env" "memory") 1 1 shared)
  ;; address 0: the lock (0 free, 1 held); 4: counter under the lock; 8: counter bumped atomically
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
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $n))
  ;; n atomic increments of the i64 counter at addr (shared by all workers, or one per worker)
  (func (export "atomic_add") (param $addr i32) (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (drop (i64.atomic.rmw.add (local.get $addr) (i64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $n))
)`;
