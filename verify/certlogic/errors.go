package certlogic

import "errors"

var (
	// ErrInvalid: the expression is not valid CertLogic (unknown operator,
	// wrong operand count, a literal that is not allowed...).
	ErrInvalid = errors.New("certlogic: invalid expression")
	// ErrType: an operand evaluated to a value of the wrong type (a
	// comparison of non-integers, "in" on a non-array, plusTime on a
	// non-date, an if-guard neither truthy nor falsy...).
	ErrType = errors.New("certlogic: type mismatch")
	// ErrDepth: the expression or the data is nested deeper than allowed.
	ErrDepth = errors.New("certlogic: nested too deep")
	// ErrSize: the expression, the data, or an array given to reduce is
	// larger than allowed.
	ErrSize = errors.New("certlogic: too large")
	// ErrSteps: evaluation took more steps than allowed.
	ErrSteps = errors.New("certlogic: too many evaluation steps")
	// ErrJSON: the JSON text is malformed (syntax, duplicate key,
	// trailing data, a number out of range).
	ErrJSON = errors.New("certlogic: malformed JSON")
)
