//go:build arm64 || riscv64

package runtime

// arm64 and riscv64 share Linux's generic system call table and its
// struct epoll_event layout (only amd64's is packed).

// Linux's system call numbers the runtime makes itself.
const sysSchedGetaffinity = 123

// The network poller's system calls (netpoll.go), and the layout of
// Linux's struct epoll_event here: its size and where its data word is.
const (
	sysEpollCreate1   = 20
	sysEpollCtl       = 21
	sysEpollPwait     = 22
	epollEventSize    = 16
	epollEventDataOff = 8
)
