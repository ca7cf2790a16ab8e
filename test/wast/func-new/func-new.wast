;; func.new, host-function form (weft:func.new; docs/func-new.md). Run with the 'func-new'
;; feature by test/func-new/wast.test.ts on the internal and JS API engines, in both tiers.

(module
  (type $v_i (func (result i32)))
  (type $ii_i (func (param i32 i32) (result i32)))
  (import "weft:func" "new" (func $new (param i32 i32 i32) (result (ref func))))
  (memory 1)
  (global $g (mut i32) (i32.const 10))
  (table $t 2 funcref)

  ;; 0x00: (a, b) -> a + b        0x10: () -> g += 1; g        0x20: () -> i64.const 0 (invalid)
  ;; 0x30: i32.const with a 6-byte LEB (malformed)            0x40: () -> mem[0x80]
  ;; 0x50: () -> unreachable
  (data (i32.const 0x00) "\00\20\00\20\01\6a\0b")
  (data (i32.const 0x10) "\00\23\00\41\01\6a\24\00\23\00\0b")
  (data (i32.const 0x20) "\00\42\00\0b")
  (data (i32.const 0x30) "\00\41\80\80\80\80\80\00\0b")
  (data (i32.const 0x40) "\00\41\80\01\28\02\00\0b")
  (data (i32.const 0x50) "\00\00\0b")
  (data (i32.const 0x80) "\2a\00\00\00")

  (func $make (param $ty i32) (param $at i32) (param $len i32) (result (ref func))
    (call $new (local.get $ty) (local.get $at) (local.get $len)))

  (func (export "add") (param i32 i32) (result i32)
    (call_ref $ii_i (local.get 0) (local.get 1) (ref.cast (ref $ii_i) (call $make (i32.const 1) (i32.const 0) (i32.const 7)))))

  (func (export "sum_to") (param $n i32) (result i32)
    (local $f (ref $ii_i)) (local $i i32) (local $s i32)
    (local.set $f (ref.cast (ref $ii_i) (call $make (i32.const 1) (i32.const 0) (i32.const 7))))
    (block $done (loop $next
      (br_if $done (i32.gt_u (local.get $i) (local.get $n)))
      (local.set $s (call_ref $ii_i (local.get $s) (local.get $i) (local.get $f)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $s))

  (func (export "bump_twice") (result i32)
    (table.set $t (i32.const 0) (call $make (i32.const 0) (i32.const 0x10) (i32.const 11)))
    (drop (call_indirect $t (type $v_i) (i32.const 0)))
    (call_indirect $t (type $v_i) (i32.const 0)))

  (func (export "load") (result i32)
    (call_ref $v_i (ref.cast (ref $v_i) (call $make (i32.const 0) (i32.const 0x40) (i32.const 8)))))

  (func (export "make") (param i32 i32 i32) (drop (call $make (local.get 0) (local.get 1) (local.get 2))))
  (func (export "run_unreachable")
    (drop (call_ref $v_i (ref.cast (ref $v_i) (call $make (i32.const 0) (i32.const 0x50) (i32.const 3))))))
)

(assert_return (invoke "add" (i32.const 2) (i32.const 40)) (i32.const 42))
(assert_return (invoke "sum_to" (i32.const 1000)) (i32.const 500500))
(assert_return (invoke "bump_twice") (i32.const 12))
(assert_return (invoke "load") (i32.const 42))
(assert_trap (invoke "make" (i32.const 0) (i32.const 0x20) (i32.const 4)) "func.new: invalid function body: type mismatch")
(assert_trap (invoke "make" (i32.const 0) (i32.const 0x30) (i32.const 9)) "func.new: malformed function body: integer representation too long at 0x6")
(assert_trap (invoke "make" (i32.const 0) (i32.const 0x00) (i32.const 6)) "func.new: malformed function body: unexpected end")
(assert_trap (invoke "make" (i32.const 1) (i32.const 0x00) (i32.const 8)) "func.new: malformed function body: section size mismatch at 0x7")
(assert_trap (invoke "make" (i32.const 7) (i32.const 0x00) (i32.const 7)) "func.new: invalid function body: unknown type 7")
(assert_trap (invoke "make" (i32.const 0) (i32.const 0xfffe) (i32.const 7)) "out of bounds memory access")
(assert_trap (invoke "run_unreachable") "unreachable")

;; Import checks: a module without memory 0, or with the wrong signature, does not link.
(assert_unlinkable
  (module (import "weft:func" "new" (func (param i32 i32 i32) (result (ref func)))))
  "weft:func.new: the importing module has no memory 0")
(assert_unlinkable
  (module (import "weft:func" "new" (func (param i32 i32) (result (ref func)))) (memory 1))
  "incompatible import type")
