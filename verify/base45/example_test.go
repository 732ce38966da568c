package base45_test

import (
	"fmt"

	"passcheck/verify/base45"
)

func ExampleEncode() {
	fmt.Println(base45.Encode([]byte("Hello!!")))
	// Output: %69 VD92EX0
}

func ExampleDecode() {
	b, err := base45.Decode("QED8WEX0")
	fmt.Printf("%q %v\n", b, err)
	_, err = base45.Decode("GGW")
	fmt.Println(err)
	// Output:
	// "ietf!" <nil>
	// base45: invalid input: group "GGW" at offset 0 is 65536, more than 65535
}
