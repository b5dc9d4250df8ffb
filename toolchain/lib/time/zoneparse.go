package time

// ParseError describes a problem parsing a time string.
type ParseError struct {
	Layout     string
	Value      string
	LayoutElem string
	ValueElem  string
	Message    string
}

// Error returns the string representation of a ParseError: its Message
// when it has one, else which element of Value did not match which of
// Layout.
func (e *ParseError) Error() string {
	if e.Message == "" {
		return "parsing time " + quote(e.Value) + " as " + quote(e.Layout) + ": cannot parse " + quote(e.ValueElem) + " as " + quote(e.LayoutElem)
	}
	return "parsing time " + quote(e.Value) + e.Message
}

// Parse parses a formatted string and returns the time value it
// represents.
func Parse(layout, value string) (Time, error)

// ParseInLocation is like Parse but interprets a time without zone
// information in the given location.
func ParseInLocation(layout, value string, loc *Location) (Time, error)

// FixedZone returns a Location that always uses the given zone name and
// offset (seconds east of UTC).
func FixedZone(name string, offset int) *Location

// LoadLocation returns the Location with the given name.
func LoadLocation(name string) (*Location, error)

// LoadLocationFromTZData returns a Location with the given name,
// initialized from the IANA Time Zone database-formatted data.
func LoadLocationFromTZData(name string, data []byte) (*Location, error)
