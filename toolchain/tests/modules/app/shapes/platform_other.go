//go:build !linux

package shapes

func platform() string { return "not linux" }
