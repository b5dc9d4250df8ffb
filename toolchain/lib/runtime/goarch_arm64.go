package runtime

// GOARCH is the running program's architecture target.
const GOARCH = "arm64"

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
