//go:build !wasm

// Command passcheck is Passcheck's one command-line tool: it verifies
// credentials, builds and shows trust bundles, tests rules and serves the app.
package main

import (
	"fmt"
	"os"
	"sort"
)

// command is one subcommand. run gets the arguments after the subcommand
// name and returns the process exit code (2 for a usage error).
type command struct {
	summary string
	run     func(args []string) int
}

// commands is filled by the init functions of the files of this package, one
// file per subcommand.
var commands = map[string]command{}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	c, ok := commands[os.Args[1]]
	if !ok {
		if a := os.Args[1]; a == "-h" || a == "--help" || a == "help" {
			usage()
			os.Exit(0)
		}
		fmt.Fprintf(os.Stderr, "passcheck: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	os.Exit(c.run(os.Args[2:]))
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: passcheck COMMAND [ARGS]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-8s %s\n", n, commands[n].summary)
	}
}
