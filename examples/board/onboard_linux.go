//go:build !baremetal

package main

// onBoard: built for Linux, where there is no UART to drive.
const onBoard = false
