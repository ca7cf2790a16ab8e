;; Loops forever: the worker pool must time this file out and carry on (test/script/pool.test.ts).
(module (func (export "spin") (loop (br 0))))
(invoke "spin")
