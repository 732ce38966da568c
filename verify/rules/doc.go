// Package rules holds venue policies as data: business rules in the EU DCC
// gateway shape (CertLogic logic), the value sets they use, and named
// policies (sets of rules) such as "Korea vaccine pass (from 2022-01-03)".
//
// Rules and policies are parsed strictly and within bounds, so that they can
// travel inside a signed trust bundle and change without an app release.
// Evaluation takes the validation clock from the caller.
package rules
