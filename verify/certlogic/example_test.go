package certlogic_test

import (
	"fmt"

	"passcheck/verify/certlogic"
)

func Example() {
	// Is the holder a minor at the validation clock?
	minor, err := certlogic.Parse([]byte(`{"after": [
		{"dccDateOfBirth": [{"var": "payload.dob"}]},
		{"plusTime": [{"var": "external.validationClock"}, -18, "year"]}]}`))
	if err != nil {
		panic(err)
	}
	data, err := certlogic.DecodeJSON([]byte(`{
		"payload": {"dob": "2004-02"},
		"external": {"validationClock": "2022-01-31T12:00:00+09:00"}}`))
	if err != nil {
		panic(err)
	}
	v, err := minor.Evaluate(data)
	fmt.Println(v, err)
	// Output: true <nil>
}

func ExampleValidate() {
	v, _ := certlogic.DecodeJSON([]byte(`{"if": [{"var": "x."}, 1, {"all": []}]}`))
	for _, issue := range certlogic.Validate(v) {
		fmt.Println(issue)
	}
	// Output:
	// data access path doesn't have a valid format: x. at /if/0
	// unrecognised operator: "all" at /if/2
}
