package main

import (
	"slices"

	"passcheck/server/demo"
)

// demoNames lists every /demo sample: the EU ones, then the SMART Health
// Card and NZ COVID Pass ones.
func demoNames() []string {
	return append(slices.Clone(demo.SampleNames), demo.FormatSampleNames...)
}
