package shc

import "fmt"

// ParseFile reads a .smart-health-card file: {"verifiableCredential":
// [JWS, …]}. Its JWS are not yet verified.
func ParseFile(b []byte) ([]string, error) {
	if len(b) > MaxDocLen {
		return nil, fmt.Errorf("%w: file of %d bytes, at most %d", ErrTooLong, len(b), MaxDocLen)
	}
	var f struct {
		VC []string `json:"verifiableCredential"`
	}
	if err := decodeJSON(b, &f); err != nil {
		return nil, fmt.Errorf("%w: .smart-health-card file: %v", ErrJWS, err)
	}
	if len(f.VC) == 0 || len(f.VC) > MaxKeys {
		return nil, fmt.Errorf("%w: .smart-health-card file holds %d cards", ErrJWS, len(f.VC))
	}
	return f.VC, nil
}
