;; Multi-byte array access: typing rules and malformed encodings.

;; only (array i8) is accepted
(assert_invalid
  (module (type $t (array (mut i16)))
    (func (param (ref $t)) (result i32) (i32.load array $t (local.get 0) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (array (mut i32)))
    (func (param (ref $t)) (i32.store array $t (local.get 0) (i32.const 0) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (struct (field (mut i8))))
    (func (param (ref $t)) (result i32) (i32.load8_u array $t (local.get 0) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (func))
    (func (result i32) (i32.load array $t (ref.null none) (i32.const 0))))
  "type mismatch")
;; stores need a mutable array
(assert_invalid
  (module (type $t (array i8))
    (func (param (ref $t)) (i64.store array $t (local.get 0) (i32.const 0) (i64.const 0))))
  "immutable array")
;; operand types: array reference of the right type, i32 index, value of the opcode's type
(assert_invalid
  (module (type $t (array (mut i8))) (type $u (array (mut i8)))
    (type $s (struct))
    (func (param (ref $s)) (result i32) (i32.load array $t (local.get 0) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (array (mut i8)))
    (func (param (ref $t)) (result i32) (i32.load array $t (local.get 0) (i64.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (array (mut i8)))
    (func (param (ref $t)) (i32.store array $t (local.get 0) (i32.const 0) (i64.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (array (mut i8)))
    (func (param (ref $t)) (result i64) (i32.load array $t (local.get 0) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (array (mut i8)))
    (func (result i32) (i32.load array $t (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (array (mut i8)))
    (func (param (ref $t)) (result i32) (i32.load array 7 (local.get 0) (i32.const 0))))
  "unknown type")
;; the address type of a memory64 does not leak into the array form: the index is always i32
(assert_invalid
  (module (type $t (array (mut i8))) (memory i64 1)
    (func (param (ref $t)) (result i32) (i32.load array $t (local.get 0) (i64.const 0))))
  "type mismatch")
;; no memory is needed
(module (type $t (array (mut i8)))
  (func (param (ref null $t)) (result f64) (f64.load array $t (local.get 0) (i32.const 0))))

;; text: no memory index, offset or alignment in the array form
(assert_malformed
  (module quote "(type $t (array (mut i8))) (func (param (ref $t)) (result i32) (i32.load array $t offset=4 (local.get 0) (i32.const 0)))")
  "unexpected token")
(assert_malformed
  (module quote "(type $t (array (mut i8))) (func (param (ref $t)) (result i32) (i32.load array $t align=1 (local.get 0) (i32.const 0)))")
  "unexpected token")
(assert_malformed
  (module quote "(func (result i32) (i32.load array (i32.const 0)))")
  "unexpected token")

;; binary: bit 7 of the memarg flags, then the type index
(module $bin binary
  "\00asm\01\00\00\00"
  "\01\0a\02"                    ;; type section: 2 types
  "\5e\78\01"                    ;; 0: (array (mut i8))
  "\60\01\64\00\01\7f"           ;; 1: (func (param (ref 0)) (result i32))
  "\03\02\01\01"                 ;; func 0: type 1
  "\07\05\01\01\66\00\00"        ;; export "f"
  "\0a\0c\01\0a\00"              ;; code: 1 body of 10 bytes, no locals
  "\20\00\41\00\28\80\01\00\0b"  ;; local.get 0; i32.const 0; i32.load array 0; end
)
;; other flag bits alongside bit 7 are malformed
(assert_malformed
  (module binary
    "\00asm\01\00\00\00"
    "\01\0a\02" "\5e\78\01" "\60\01\64\00\01\7f"
    "\03\02\01\01"
    "\0a\0c\01\0a\00"
    "\20\00\41\00\28\82\01\00\0b"  ;; align bits set too
  )
  "malformed memop flags")
;; atomics have no array form
(assert_malformed
  (module binary
    "\00asm\01\00\00\00"
    "\01\0a\02" "\5e\78\01" "\60\01\64\00\01\7f"
    "\03\02\01\01"
    "\0a\0d\01\0b\00"
    "\20\00\41\00\fe\10\80\01\00\0b"  ;; i32.atomic.load with bit 7
  )
  "malformed memop flags")
