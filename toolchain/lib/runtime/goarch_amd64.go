package runtime

// GOARCH is the running program's architecture target.
const GOARCH = "amd64"

// Linux's system call numbers the runtime makes itself.
const sysSchedGetaffinity = 204

// The network poller's system calls (netpoll.go), and the layout of
// Linux's struct epoll_event here: its size and where its data word is.
const (
	sysEpollCreate1   = 291
	sysEpollCtl       = 233
	sysEpollPwait     = 281
	epollEventSize    = 12
	epollEventDataOff = 4
)
