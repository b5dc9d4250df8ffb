package sync

// Map is a map[any]any that many goroutines may use at once without
// further locking. The zero Map is empty and ready to use. A Map must not be
// copied after first use.
//
// Entries live in an ordinary map under a Mutex. Range iterates over a
// snapshot of the entries taken without holding the lock while f runs, so f
// may itself use the Map; the snapshot is kept until the next change, so
// repeated Ranges over an unchanged Map do not copy it again.
type Map struct {
	mu   Mutex
	m    map[any]any
	snap *mapSnapshot
}

type mapSnapshot struct {
	keys []any
	vals []any
}

// A key whose dynamic type is not comparable makes the map operations
// panic; the deferred unlocks keep the Map usable after such a panic is
// recovered.

// Load returns the value stored for key, or nil; ok reports whether there
// was one.
func (m *Map) Load(key any) (value any, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, ok = m.m[key]
	return value, ok
}

// Store sets the value for key.
func (m *Map) Store(key, value any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = make(map[any]any)
	}
	m.m[key] = value
	m.snap = nil
}

// LoadOrStore returns the existing value for key if there is one (loaded
// true); otherwise it stores value and returns it (loaded false).
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok {
		return v, true
	}
	if m.m == nil {
		m.m = make(map[any]any)
	}
	m.m[key] = value
	m.snap = nil
	return value, false
}

// LoadAndDelete deletes the value for key and returns it; loaded reports
// whether there was one.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, loaded = m.m[key]
	if loaded {
		delete(m.m, key)
		m.snap = nil
	}
	return value, loaded
}

// Delete deletes the value for key.
func (m *Map) Delete(key any) {
	m.LoadAndDelete(key)
}

// Range calls f for each key and value in the map, stopping early if f
// returns false. Entries stored or deleted while Range runs may or may not
// be visited, as with Go's sync.Map.
func (m *Map) Range(f func(key, value any) bool) {
	m.mu.Lock()
	s := m.snap
	if s == nil {
		s = &mapSnapshot{keys: make([]any, 0, len(m.m)), vals: make([]any, 0, len(m.m))}
		for k, v := range m.m {
			s.keys = append(s.keys, k)
			s.vals = append(s.vals, v)
		}
		m.snap = s
	}
	m.mu.Unlock()
	for i := range s.keys {
		if !f(s.keys[i], s.vals[i]) {
			return
		}
	}
}
