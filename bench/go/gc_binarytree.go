// The binary-tree benchmark of Go's test/bench/go1 (binarytree_test.go,
// BenchmarkBinaryTree17) as a program: one run of binarytree(17), which
// allocates about 1.2 GB of short-lived nodes beside a long-lived tree of
// depth 17. Issue 12's figure: time and peak RSS against gc's.
package main

type binaryNode struct {
	item        int
	left, right *binaryNode
}

func bottomUpTree(item, depth int) *binaryNode {
	if depth <= 0 {
		return &binaryNode{item: item}
	}
	return &binaryNode{item, bottomUpTree(2*item-1, depth-1), bottomUpTree(2*item, depth-1)}
}

func (n *binaryNode) itemCheck() int {
	if n.left == nil {
		return n.item
	}
	return n.item + n.left.itemCheck() - n.right.itemCheck()
}

const minDepth = 4

func main() {
	n := 17
	maxDepth := n
	if minDepth+2 > n {
		maxDepth = minDepth + 2
	}
	stretchDepth := maxDepth + 1

	check := bottomUpTree(0, stretchDepth).itemCheck()
	println("stretch tree of depth", stretchDepth, "check:", check)

	longLivedTree := bottomUpTree(0, maxDepth)

	for depth := minDepth; depth <= maxDepth; depth += 2 {
		iterations := 1 << uint(maxDepth-depth+minDepth)
		check = 0
		for i := 1; i <= iterations; i++ {
			check += bottomUpTree(i, depth).itemCheck()
			check += bottomUpTree(-i, depth).itemCheck()
		}
		println(iterations*2, "trees of depth", depth, "check:", check)
	}
	println("long lived tree of depth", maxDepth, "check:", longLivedTree.itemCheck())
}
