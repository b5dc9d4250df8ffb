//! Pipes and epoll on a board, for the one program there is: `os.Pipe` and
//! the runtime's network poller (`toolchain/lib/runtime/netpoll.go`) make
//! the same system calls as on Linux, answered here.
//!
//! Descriptors 0, 1 and 2 are the console; from 3 up, the ends of pipes
//! and epoll sets. A pipe holds at most [`PIPE_CAPACITY`] bytes (Linux's
//! default): a write to a full pipe, or a read of an empty one whose write
//! end is open, fails with `EAGAIN` when the descriptor is non-blocking
//! (as internal/poll sets it: the goroutine then waits in the poller) and
//! otherwise too, since one thread runs everything and nothing could make
//! a blocked call go on. epoll is edge-triggered, as the runtime asks for:
//! a watched descriptor is reported once when added and then once per
//! change (bytes written, bytes read from a full pipe, an end closed).
//!
//! One thread runs Go code and no interrupt touches these tables, so they
//! are plain data behind an `UnsafeCell`; their memory is the runtime's
//! Rust allocator's.

use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::cell::UnsafeCell;

/// Bytes a pipe holds (Linux's default pipe capacity).
pub const PIPE_CAPACITY: usize = 64 << 10;

const EBADF: isize = 9;
const EAGAIN: isize = 11;
const EEXIST: isize = 17;
const EINVAL: isize = 22;
const EMFILE: isize = 24;
const EPIPE: isize = 32;
const ENOENT: isize = 2;

const O_WRONLY: usize = 1;
const O_NONBLOCK: usize = 0o4000;

const F_GETFD: usize = 1;
const F_SETFD: usize = 2;
const F_GETFL: usize = 3;
const F_SETFL: usize = 4;

const EPOLLIN: u32 = 0x1;
const EPOLLOUT: u32 = 0x4;
const EPOLLERR: u32 = 0x8;
const EPOLLHUP: u32 = 0x10;
const EPOLLRDHUP: u32 = 0x2000;
const EPOLL_CTL_ADD: usize = 1;
const EPOLL_CTL_DEL: usize = 2;
const EPOLL_CTL_MOD: usize = 3;
/// `struct epoll_event` on arm64 and riscv64: the events word, padding,
/// the data word at offset 8.
const EVENT_SIZE: usize = 16;
const EVENT_DATA: usize = 8;

/// Descriptors at most (as `RLIMIT_NOFILE` would bound them).
const MAX_FDS: usize = 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fd {
    Free,
    Console,
    /// The read or write end of pipe `pipe`.
    Read { pipe: usize, nonblock: bool },
    Write { pipe: usize, nonblock: bool },
    Epoll(usize),
}

struct Pipe {
    data: VecDeque<u8>,
    /// The descriptors of its ends, -1 once closed.
    rfd: i32,
    wfd: i32,
}

/// A watched descriptor of an epoll set: the events asked for, the data
/// word, and the events that happened since last reported.
struct Watch {
    fd: i32,
    events: u32,
    data: u64,
    pending: u32,
}

struct Tables {
    fds: Vec<Fd>,
    pipes: Vec<Pipe>,
    epolls: Vec<Vec<Watch>>,
}

struct Cell(UnsafeCell<Tables>);
// SAFETY: one thread runs Go code and makes every system call; the
// interrupt handlers never touch the tables.
unsafe impl Sync for Cell {}
static TABLES: Cell = Cell(UnsafeCell::new(Tables { fds: Vec::new(), pipes: Vec::new(), epolls: Vec::new() }));

/// The tables; callers keep the reference within one call.
fn tables() -> &'static mut Tables {
    // SAFETY: see `Cell`: no two references live at once (each entry
    // point below takes it once and calls nothing that takes it again).
    let t = unsafe { &mut *TABLES.0.get() };
    if t.fds.is_empty() {
        t.fds.extend([Fd::Console, Fd::Console, Fd::Console]);
    }
    t
}

impl Tables {
    fn get(&self, fd: i32) -> Fd {
        usize::try_from(fd).ok().and_then(|i| self.fds.get(i).copied()).unwrap_or(Fd::Free)
    }

    /// The lowest free descriptor, taken for `what`.
    fn take(&mut self, what: Fd) -> Option<i32> {
        let i = match self.fds.iter().position(|f| *f == Fd::Free) {
            Some(i) => i,
            None if self.fds.len() < MAX_FDS => {
                self.fds.push(Fd::Free);
                self.fds.len() - 1
            }
            None => return None,
        };
        self.fds[i] = what;
        Some(i as i32)
    }

    /// The events descriptor `fd` is ready for now.
    fn readiness(&self, fd: i32) -> u32 {
        match self.get(fd) {
            Fd::Read { pipe, .. } => {
                let p = &self.pipes[pipe];
                let mut r = if p.data.is_empty() { 0 } else { EPOLLIN };
                if p.wfd < 0 {
                    r |= EPOLLIN | EPOLLHUP | EPOLLRDHUP;
                }
                r
            }
            Fd::Write { pipe, .. } => {
                let p = &self.pipes[pipe];
                if p.rfd < 0 {
                    EPOLLERR | EPOLLHUP
                } else if p.data.len() < PIPE_CAPACITY {
                    EPOLLOUT
                } else {
                    0
                }
            }
            Fd::Console => EPOLLOUT,
            Fd::Epoll(e) => {
                if self.epolls[e].iter().any(|w| w.pending != 0) {
                    EPOLLIN
                } else {
                    0
                }
            }
            Fd::Free => 0,
        }
    }

    /// Descriptor `fd` changed: every set watching it has its events (of
    /// those it watches, errors and hang-ups always) to report.
    fn changed(&mut self, fd: i32) {
        if fd < 0 {
            return;
        }
        let ready = self.readiness(fd);
        for set in &mut self.epolls {
            for w in set.iter_mut().filter(|w| w.fd == fd) {
                w.pending |= ready & (w.events | EPOLLERR | EPOLLHUP);
            }
        }
    }
}

/// `pipe2(fds, flags)`.
///
/// # Safety
/// `fds` must be writable for two `int32`s.
pub unsafe fn pipe2(fds: *mut [i32; 2], flags: usize) -> isize {
    let t = tables();
    let nonblock = flags & O_NONBLOCK != 0;
    // A pipe whose both ends are closed is reused.
    let pipe = t.pipes.iter().position(|p| p.rfd < 0 && p.wfd < 0).unwrap_or(t.pipes.len());
    let Some(r) = t.take(Fd::Read { pipe, nonblock }) else { return -EMFILE };
    let Some(w) = t.take(Fd::Write { pipe, nonblock }) else {
        t.fds[r as usize] = Fd::Free;
        return -EMFILE;
    };
    let p = Pipe { data: VecDeque::new(), rfd: r, wfd: w };
    if pipe == t.pipes.len() {
        t.pipes.push(p);
    } else {
        t.pipes[pipe] = p;
    }
    // SAFETY: as the caller promises.
    unsafe { fds.write_unaligned([r, w]) };
    0
}

/// `read(fd, buf)` of a pipe's read end: what it holds, up to `buf`'s
/// length; 0 at its end (the write end closed and nothing left).
pub fn read(fd: i32, buf: &mut [u8]) -> isize {
    let t = tables();
    let Fd::Read { pipe, .. } = t.get(fd) else { return -EBADF };
    let p = &mut t.pipes[pipe];
    if p.data.is_empty() {
        return if p.wfd < 0 { 0 } else { -EAGAIN };
    }
    let was_full = p.data.len() >= PIPE_CAPACITY;
    let n = buf.len().min(p.data.len());
    for (b, c) in buf.iter_mut().zip(p.data.drain(..n)) {
        *b = c;
    }
    let wfd = p.wfd;
    if was_full {
        t.changed(wfd);
    }
    n as isize
}

/// `write(fd, b)` of a pipe's write end, `None` for a descriptor that is
/// not one: what fits; `EPIPE` with the read end closed.
pub fn write(fd: i32, b: &[u8]) -> Option<isize> {
    let t = tables();
    let Fd::Write { pipe, .. } = t.get(fd) else { return None };
    let p = &mut t.pipes[pipe];
    if p.rfd < 0 {
        return Some(-EPIPE);
    }
    let n = b.len().min(PIPE_CAPACITY - p.data.len());
    if n == 0 {
        return Some(-EAGAIN);
    }
    p.data.extend(&b[..n]);
    let rfd = p.rfd;
    t.changed(rfd);
    Some(n as isize)
}

/// `close(fd)`: a pipe end (the other end learns it), an epoll set, or a
/// console descriptor (which stays usable: the console never closes).
pub fn close(fd: i32) -> isize {
    let t = tables();
    let other = match t.get(fd) {
        Fd::Free => return -EBADF,
        Fd::Console => return 0,
        Fd::Read { pipe, .. } => {
            let p = &mut t.pipes[pipe];
            p.rfd = -1;
            // Nobody reads what is left: its memory goes.
            p.data = VecDeque::new();
            p.wfd
        }
        Fd::Write { pipe, .. } => {
            let p = &mut t.pipes[pipe];
            p.wfd = -1;
            p.rfd
        }
        Fd::Epoll(e) => {
            t.epolls[e].clear();
            -1
        }
    };
    t.fds[fd as usize] = Fd::Free;
    for set in &mut t.epolls {
        set.retain(|w| w.fd != fd);
    }
    t.changed(other);
    0
}

/// `fcntl(fd, cmd, arg)`: the status flags (`O_NONBLOCK` settable) and
/// the descriptor flags (close-on-exec means nothing without exec).
pub fn fcntl(fd: i32, cmd: usize, arg: usize) -> isize {
    let t = tables();
    let f = t.get(fd);
    if f == Fd::Free {
        return -EBADF;
    }
    match cmd {
        F_GETFD | F_SETFD => 0,
        F_GETFL => match f {
            Fd::Read { nonblock, .. } => if nonblock { O_NONBLOCK as isize } else { 0 },
            Fd::Write { nonblock, .. } => (O_WRONLY | if nonblock { O_NONBLOCK } else { 0 }) as isize,
            Fd::Console => 2, // O_RDWR
            _ => 0,
        },
        F_SETFL => {
            let nb = arg & O_NONBLOCK != 0;
            match &mut t.fds[fd as usize] {
                Fd::Read { nonblock, .. } | Fd::Write { nonblock, .. } => *nonblock = nb,
                _ => {}
            }
            0
        }
        _ => -EINVAL,
    }
}

/// `epoll_create1(flags)`.
pub fn epoll_create() -> isize {
    let t = tables();
    let e = t.epolls.len();
    match t.take(Fd::Epoll(e)) {
        Some(fd) => {
            t.epolls.push(Vec::new());
            fd as isize
        }
        None => -EMFILE,
    }
}

/// `epoll_ctl(epfd, op, fd, event)`.
///
/// # Safety
/// `event` must be readable as a `struct epoll_event` for `ADD` and `MOD`.
pub unsafe fn epoll_ctl(epfd: i32, op: usize, fd: i32, event: *const u8) -> isize {
    let t = tables();
    let Fd::Epoll(e) = t.get(epfd) else { return -EBADF };
    if matches!(t.get(fd), Fd::Free) {
        return -EBADF;
    }
    if fd == epfd {
        return -EINVAL;
    }
    let at = t.epolls[e].iter().position(|w| w.fd == fd);
    let (events, data) = if op == EPOLL_CTL_DEL {
        (0, 0)
    } else {
        // SAFETY: as the caller promises.
        unsafe { ((event as *const u32).read_unaligned(), (event.add(EVENT_DATA) as *const u64).read_unaligned()) }
    };
    let pending = t.readiness(fd) & (events | EPOLLERR | EPOLLHUP);
    match (op, at) {
        (EPOLL_CTL_ADD, None) => t.epolls[e].push(Watch { fd, events, data, pending }),
        (EPOLL_CTL_ADD, Some(_)) => return -EEXIST,
        (EPOLL_CTL_MOD, Some(i)) => t.epolls[e][i] = Watch { fd, events, data, pending },
        (EPOLL_CTL_DEL, Some(i)) => {
            t.epolls[e].remove(i);
        }
        (EPOLL_CTL_MOD | EPOLL_CTL_DEL, None) => return -ENOENT,
        _ => return -EINVAL,
    }
    0
}

/// `epoll_pwait(epfd, events, max, timeout, sigmask)`: the watched
/// descriptors with events to report, at most `max`, without waiting
/// (nothing could change while this thread waited).
///
/// # Safety
/// `events` must be writable for `max` `struct epoll_event`s.
pub unsafe fn epoll_wait(epfd: i32, events: *mut u8, max: usize) -> isize {
    let t = tables();
    let Fd::Epoll(e) = t.get(epfd) else { return -EBADF };
    if max == 0 {
        return -EINVAL;
    }
    let mut n = 0;
    for w in t.epolls[e].iter_mut().filter(|w| w.pending != 0) {
        if n == max {
            break;
        }
        // SAFETY: as the caller promises; `n < max`.
        unsafe {
            let ev = events.add(n * EVENT_SIZE);
            (ev as *mut u32).write_unaligned(w.pending);
            (ev.add(EVENT_DATA) as *mut u64).write_unaligned(w.data);
        }
        w.pending = 0;
        n += 1;
    }
    n as isize
}

/// Whether descriptor `fd` is readable now (an epoll set: has events to
/// report).
pub fn readable(fd: i32) -> bool {
    let t = tables();
    t.readiness(fd) & (EPOLLIN | EPOLLHUP) != 0
}
