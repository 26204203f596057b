package noventiq

// ValidEmail reports whether s has the form the vendor requires of
// customer.email: [name]@[domain].[zone].
func ValidEmail(s string) bool { return emailRE.MatchString(s) }
