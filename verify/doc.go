// Package verify decides, offline, whether an EU Digital COVID Certificate
// (HCERT: "HC1:" + base45 + zlib + COSE_Sign1 + CWT) is genuine.
//
// It is pure Go (no syscall/js) so that the same code runs in the passcheck
// command and, compiled to WebAssembly, on the phone at the door. Time is
// always passed in by the caller; nothing here reads the wall clock.
package verify
