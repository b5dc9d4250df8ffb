// Package broken's test does not compile.
package broken
