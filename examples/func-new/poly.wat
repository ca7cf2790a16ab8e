;; A tiny JIT on weft's func.new (host-function form; docs/func-new.md).
;;
;; The module evaluates a polynomial two ways: `interp` walks the coefficient table at run time
;; (Horner's rule over memory); `compile` writes a function body specialised to the current
;; coefficients into memory -- the constants baked into i32.const instructions -- and turns it
;; into a function with weft:func.new. `bench_*` evaluate at x = 0..n-1 and sum.
;;
;;   npx weft run --enable func-new --invoke bench_jit examples/func-new/poly.wat 1000000
;;   npx weft run --enable func-new --invoke bench_interp examples/func-new/poly.wat 1000000
(module
  (type $poly (func (param i32) (result i32)))
  (import "weft:func" "new" (func $func_new (param i32 i32 i32) (result (ref func))))
  (memory (export "memory") 1)

  ;; Coefficients c0..c(n-1) at 0x100, count at 0xfc: 7x^4 - 2x^3 + 0x^2 + 5x - 3.
  (data (i32.const 0xfc) "\05\00\00\00" "\fd\ff\ff\ff" "\05\00\00\00" "\00\00\00\00" "\fe\ff\ff\ff" "\07\00\00\00")

  ;; Where generated code goes, and the write position.
  (global $code i32 (i32.const 0x1000))
  (global $pos (mut i32) (i32.const 0))

  (func $byte (param $b i32)
    (i32.store8 (global.get $pos) (local.get $b))
    (global.set $pos (i32.add (global.get $pos) (i32.const 1))))

  ;; Signed LEB128, as i32.const immediates are encoded.
  (func $sleb (param $v i32)
    (local $b i32)
    (loop $more
      (local.set $b (i32.and (local.get $v) (i32.const 0x7f)))
      (local.set $v (i32.shr_s (local.get $v) (i32.const 7)))
      (if (i32.or
            (i32.and (i32.eqz (local.get $v)) (i32.eqz (i32.and (local.get $b) (i32.const 0x40))))
            (i32.and (i32.eq (local.get $v) (i32.const -1)) (i32.ne (i32.and (local.get $b) (i32.const 0x40)) (i32.const 0))))
        (then (call $byte (local.get $b)))
        (else (call $byte (i32.or (local.get $b) (i32.const 0x80))) (br $more)))))

  (func $coeff (param $i i32) (result i32)
    (i32.load offset=0x100 (i32.shl (local.get $i) (i32.const 2))))

  ;; Body: no locals; i32.const c(n-1); then per lower coefficient:
  ;; local.get 0; i32.mul; i32.const c(i); i32.add; finally end.
  (func $compile (export "compile") (result (ref $poly))
    (local $i i32)
    (global.set $pos (global.get $code))
    (call $byte (i32.const 0x00))
    (local.set $i (i32.sub (i32.load (i32.const 0xfc)) (i32.const 1)))
    (call $byte (i32.const 0x41))
    (call $sleb (call $coeff (local.get $i)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (call $byte (i32.const 0x20)) (call $byte (i32.const 0x00))
        (call $byte (i32.const 0x6c))
        (call $byte (i32.const 0x41)) (call $sleb (call $coeff (local.get $i)))
        (call $byte (i32.const 0x6a))
        (br $next)))
    (call $byte (i32.const 0x0b))
    (ref.cast (ref $poly)
      (call $func_new (i32.const 0) (global.get $code) (i32.sub (global.get $pos) (global.get $code)))))

  (func $interp (export "interp") (param $x i32) (result i32)
    (local $i i32) (local $acc i32)
    (local.set $i (i32.sub (i32.load (i32.const 0xfc)) (i32.const 1)))
    (local.set $acc (call $coeff (local.get $i)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $acc (i32.add (i32.mul (local.get $acc) (local.get $x)) (call $coeff (local.get $i))))
        (br $next)))
    (local.get $acc))

  (func (export "jit") (param $x i32) (result i32)
    (call_ref $poly (local.get $x) (call $compile)))

  (func (export "bench_jit") (param $n i32) (result i32)
    (local $f (ref $poly)) (local $x i32) (local $sum i32)
    (local.set $f (call $compile))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call_ref $poly (local.get $x) (local.get $f))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  (func (export "bench_interp") (param $n i32) (result i32)
    (local $x i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $interp (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $next)))
    (local.get $sum))
)
