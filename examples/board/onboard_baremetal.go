//go:build baremetal

package main

// onBoard: built for a virt board (rgo's build tag for the boards).
const onBoard = true
