;; Run-time semantics of the shared-everything-threads read-modify-write accessors: each returns
;; the old value and stores the combination; cmpxchg stores only when the old value equals the
;; expected one (numbers by value, references by identity).

(module
  (type $s (shared (struct (field (mut i32)) (field (mut i64)) (field (mut (ref null (shared eq)))))))
  (type $a (shared (array (mut i64))))
  (global $g (shared mut i32) (i32.const 10))
  (global $h (shared mut i64) (i64.const 10))
  (table $t shared 2 (ref null (shared eq)))

  (func (export "global-add") (result i32 i32)
    (global.atomic.rmw.add seq_cst $g (i32.const 5)) (global.atomic.get acq_rel $g))
  (func (export "global-sub-i64") (result i64 i64)
    (global.atomic.rmw.sub acq_rel $h (i64.const 15)) (global.get $h))
  (func (export "global-cmpxchg") (param i32 i32) (result i32 i32)
    (global.atomic.rmw.cmpxchg $g (local.get 0) (local.get 1)) (global.get $g))
  (func (export "global-bits") (result i32 i32 i32 i32)
    (global.set $g (i32.const 0xf0))
    (global.atomic.rmw.and $g (i32.const 0x3c))
    (global.atomic.rmw.or $g (i32.const 0x01))
    (global.atomic.rmw.xor $g (i32.const 0xff))
    (global.atomic.rmw.xchg $g (i32.const 7)))

  (func (export "struct-rmw") (result i32 i32 i64 i64)
    (local $r (ref $s))
    (local.set $r (struct.new $s (i32.const 0x7fffffff) (i64.const -1) (ref.null (shared none))))
    (struct.atomic.rmw.add $s 0 (local.get $r) (i32.const 1))
    (struct.atomic.get $s 0 (local.get $r))
    (struct.atomic.rmw.add acq_rel $s 1 (local.get $r) (i64.const 1))
    (struct.atomic.get $s 1 (local.get $r)))
  (func (export "struct-ref-cmpxchg") (result i32 i32)
    (local $r (ref $s)) (local $x (ref (shared i31)))
    (local.set $x (ref.i31_shared (i32.const 42)))
    (local.set $r (struct.new $s (i32.const 0) (i64.const 0) (local.get $x)))
    ;; Wrong expected value: no store, old value back.
    (ref.is_null (struct.atomic.rmw.cmpxchg $s 2 (local.get $r) (ref.null (shared none)) (ref.null (shared none))))
    (drop (struct.atomic.rmw.cmpxchg $s 2 (local.get $r) (local.get $x) (ref.null (shared none))))
    (ref.is_null (struct.atomic.get $s 2 (local.get $r))))

  (func (export "array-rmw") (result i64 i64 i64)
    (local $r (ref $a))
    (local.set $r (array.new $a (i64.const 3) (i32.const 4)))
    (array.atomic.rmw.xchg $a (local.get $r) (i32.const 2) (i64.const 9))
    (array.atomic.rmw.cmpxchg $a (local.get $r) (i32.const 2) (i64.const 9) (i64.const 11))
    (array.atomic.get $a (local.get $r) (i32.const 2)))
  (func (export "array-oob") (result i64)
    (array.atomic.rmw.add $a (array.new $a (i64.const 0) (i32.const 1)) (i32.const 1) (i64.const 1)))
  (func (export "array-null") (result i64)
    (array.atomic.rmw.add $a (ref.null $a) (i32.const 0) (i64.const 1)))

  (func (export "table-rmw") (result i32 i32)
    (table.atomic.set $t (i32.const 0) (ref.i31_shared (i32.const 5)))
    (ref.is_null (table.atomic.rmw.xchg $t (i32.const 1) (ref.i31_shared (i32.const 6))))
    (i31.get_s (ref.cast (ref (shared i31)) (table.atomic.rmw.xchg acq_rel $t (i32.const 0) (ref.null (shared none))))))
  (func (export "table-oob") (result i32)
    (ref.is_null (table.atomic.rmw.xchg $t (i32.const 2) (ref.null (shared none)))))
)

(assert_return (invoke "global-add") (i32.const 10) (i32.const 15))
(assert_return (invoke "global-sub-i64") (i64.const 10) (i64.const -5))
(assert_return (invoke "global-cmpxchg" (i32.const 0) (i32.const 1)) (i32.const 15) (i32.const 15))
(assert_return (invoke "global-cmpxchg" (i32.const 15) (i32.const 1)) (i32.const 15) (i32.const 1))
(assert_return (invoke "global-bits") (i32.const 0xf0) (i32.const 0x30) (i32.const 0x31) (i32.const 0xce))
(assert_return (invoke "struct-rmw") (i32.const 0x7fffffff) (i32.const 0x80000000) (i64.const -1) (i64.const 0))
(assert_return (invoke "struct-ref-cmpxchg") (i32.const 0) (i32.const 1))
(assert_return (invoke "array-rmw") (i64.const 3) (i64.const 9) (i64.const 11))
(assert_trap (invoke "array-oob") "out of bounds array access")
(assert_trap (invoke "array-null") "null array reference")
(assert_return (invoke "table-rmw") (i32.const 1) (i32.const 5))
(assert_trap (invoke "table-oob") "out of bounds table access")

;; Arithmetic RMWs are limited to i32/i64; cmpxchg on references needs eqref.
(assert_invalid
  (module (global $g (shared mut f32) (f32.const 0)) (func (drop (global.atomic.rmw.add $g (f32.const 1)))))
  "invalid type")
(assert_invalid
  (module (global $g (mut anyref) (ref.null any)) (func (drop (global.atomic.rmw.cmpxchg $g (ref.null any) (ref.null any)))))
  "invalid type")
(assert_invalid
  (module (global $g i32 (i32.const 0)) (func (drop (global.atomic.rmw.xchg $g (i32.const 1)))))
  "global is immutable")
