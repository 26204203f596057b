package pagekit

import "time"

// humanLayout is how the pages write an instant for people.
const humanLayout = "2 January 2006, 15:04 UTC"

// HumanTime writes t for people, in UTC: "1 January 2026, 09:00 UTC".
func HumanTime(t time.Time) string { return t.UTC().Format(humanLayout) }

// Datetime writes t as a <time> element's datetime, RFC 3339 in UTC:
// "2026-01-01T09:00:00Z".
func Datetime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
