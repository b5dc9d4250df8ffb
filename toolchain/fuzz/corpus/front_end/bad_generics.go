package main

type List[T any] struct{ next *List[T] }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func main() {}
