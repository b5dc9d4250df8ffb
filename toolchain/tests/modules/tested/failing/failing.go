// Package failing has tests that fail, for `rgo test`'s reports.
package failing

// Sub is wrong on purpose.
func Sub(a, b int) int { return a + b }
