;; Every directive the runner knows, each expected to pass.

(module $A
  (memory (export "mem") 1)
  (global (export "g") i32 (i32.const 42))
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "bump") (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $loop (export "recurse") (call $loop))
  (func (export "two") (result i32 i64) (i32.const 1) (i64.const 2))
)

(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke $A "add" (i32.const -1) (i32.const 1)) (i32.const 0))
(assert_return (get "g") (i32.const 42))
(assert_return (invoke "two") (i32.const 1) (i64.const 2))
(invoke "bump")
(invoke "bump")
(assert_return (get $A "counter") (i32.const 2))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_exhaustion (invoke "recurse") "call stack exhausted")
;; The engine keeps working after exhaustion.
(assert_return (invoke "add" (i32.const 20) (i32.const 22)) (i32.const 42))

(register "a" $A)
(module $B
  (import "a" "add" (func $add (param i32 i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "memory" (memory 1))
  (import "spectest" "table" (table 10 funcref))
  (func (export "add-g") (param i32) (result i32)
    (call $print (local.get 0))
    (call $add (local.get 0) (global.get $g)))
)
(assert_return (invoke $B "add-g" (i32.const 1)) (i32.const 667))
(assert_return (invoke $A "add" (i32.const 2) (i32.const 2)) (i32.const 4))

(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module quote "(func (result i32) (i64.const 0))") "type mismatch")
(assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(module binary "\00asm\01\00\00\00")
(module quote "(func (export \"f\") (result i32) (i32.const 7))")
(assert_return (invoke "f") (i32.const 7))

(assert_unlinkable (module (import "a" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "nowhere" "f" (func))) "unknown import")
(assert_unlinkable (module (import "a" "add" (func (param i64)))) "incompatible import type")

(assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")

(module definition $D (func (export "k") (result i32) (i32.const 5)))
(module instance $I1 $D)
(module instance $I2 $D)
(assert_return (invoke $I1 "k") (i32.const 5))
(assert_return (invoke $I2 "k") (i32.const 5))

(module
  (tag $e (param i32))
  (func (export "throw") (throw $e (i32.const 1)))
)
(assert_exception (invoke "throw"))
