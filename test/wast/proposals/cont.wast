;; Continuation results match (ref.cont). Stack switching is a proposal (off by default):
;; under a proposals/ directory, the runner enables every feature (src/script/feature-profiles.ts).
(module
  (type $ft (func))
  (type $ct (cont $ft))
  (func $f)
  (elem declare func $f)
  (func (export "cont") (result (ref $ct)) (cont.new $ct (ref.func $f)))
)
(assert_return (invoke "cont") (ref.cont))
