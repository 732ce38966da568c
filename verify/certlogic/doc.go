// Package certlogic evaluates CertLogic expressions (specification 1.3.3):
// the restricted JsonLogic dialect in which the EU DCC network wrote its
// business rules.
//
// An expression is compiled once ([Compile], [Parse]): compilation runs the
// validator, so an invalid expression is refused before anything is
// evaluated. Evaluation ([Expr.Evaluate]) never panics and is bounded by
// [Limits] (expression depth and size, evaluation steps, reduce sizes), so a
// hostile rule cannot hang the device that runs it.
//
// Data model. Values are those of [DecodeJSON]: nil, bool, float64, string,
// []any, map[string]any, plus time.Time for the date-times that plusTime and
// dccDateOfBirth produce. Numbers are float64 because the reference
// implementation is JavaScript: an "integer" is a finite float64 with no
// fractional part, and a non-integer number is neither truthy nor falsy.
//
// Equality ("===", "in") compares null, booleans, numbers and strings by
// value; arrays, objects and date-times are never equal to anything, as
// distinct JavaScript objects are not in the reference implementation
// (certlogic-js; TestReference compares the two on generated expressions).
//
// Beyond the specification, following issue 5, the operator "!==" is
// accepted (the negation of "==="), and the lambda of reduce sees the
// original data context as "data" (the specification's announced patch).
package certlogic
