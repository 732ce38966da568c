//go:build !unix

package datafile

const openFlags = 0
