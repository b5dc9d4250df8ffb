// Package count counts calls; it is internal to the module.
package count

import "sync"

var (
	mu    sync.Mutex
	calls = map[string]int{}
	// Order records the packages' init functions as they ran.
	Order []string
)

func init() { Order = append(Order, "count") }

// Add counts one call of name and returns the count so far.
func Add(name string) int {
	mu.Lock()
	defer mu.Unlock()
	calls[name]++
	return calls[name]
}
