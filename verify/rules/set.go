package rules

import "fmt"

// SignatureOnly is the ID of the policy without rules: every genuine,
// in-date certificate is admitted. It is always on offer, from the set when
// the set has it (a bundle may give it rules of its own), else built in.
const SignatureOnly = "signature-only"

// Set is the venue policies a trust bundle carries, and the one in force on
// a device where the venue has chosen none.
type Set struct {
	Policies []*Policy
	// Default is the ID of the policy in force until the venue chooses
	// one: a policy of the set, or SignatureOnly. "" (the bundles made
	// before it existed) means SignatureOnly.
	Default string
}

func (s *Set) check() error {
	if s.Default == "" || s.Default == SignatureOnly {
		return nil
	}
	if _, ok := Find(s.Policies, s.Default); !ok {
		return fmt.Errorf("%w: default policy %q is not in the set", ErrPolicy, s.Default)
	}
	return nil
}

// Choices lists the policies a venue can choose from: the set's, and
// SignatureOnly (built in, last) when the set does not have it.
func (s *Set) Choices() []*Policy {
	var ps []*Policy
	if s != nil {
		ps = s.Policies
	}
	if _, ok := Find(ps, SignatureOnly); ok {
		return ps
	}
	return append(ps[:len(ps):len(ps)], signatureOnly())
}

// InForce returns the policy in force when the venue chose id ("": none
// chosen): that policy when it is on offer, else the set's default. It is
// never nil: what the screen names is always what is applied.
func (s *Set) InForce(id string) *Policy {
	choices := s.Choices()
	if p, ok := Find(choices, id); ok && id != "" {
		return p
	}
	def := SignatureOnly
	if s != nil && s.Default != "" {
		def = s.Default
	}
	if p, ok := Find(choices, def); ok {
		return p
	}
	p, _ := Find(choices, SignatureOnly)
	return p
}

// signatureOnly is the shipped policy without rules.
func signatureOnly() *Policy {
	p, ok := Find(DefaultPolicies(), SignatureOnly)
	if !ok {
		panic("rules: no embedded signature-only policy") // caught by TestDefaults
	}
	return p
}
