// Package calc is tested by `rgo test` (toolchain/tests/e2e.rs): tests in
// the package and in calc_test, subtests, an example, a benchmark.
package calc

// Add returns a+b.
func Add(a, b int) int { return a + b }

func double(x int) int { return 2 * x }
