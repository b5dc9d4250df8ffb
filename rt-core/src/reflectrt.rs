//! The runtime side of package reflect's type constructors for Go
//! programs: `PtrTo`, `SliceOf`, `ArrayOf`, `MapOf` and `ChanOf` answer
//! with the program's own descriptor when it has the type (handed over by
//! [`rgo_addtypelinks`] at start-up) and build one otherwise, through the
//! reflect crate's interning constructors, so a type is one descriptor
//! however it was reached. The checks Go makes before building (key
//! comparable, size in range, direction valid) are made by the Go side,
//! which panics with Go's messages.
//!
//! Calls go both ways: [`rgo_reflect_call`] and [`rgo_reflect_callmethod`]
//! are Value.Call; [`rgo_reflect_gostub_rs`] is the other direction, the
//! handler behind the func values reflect makes at run time (MakeFunc,
//! a method value's Interface), whose code is rt-arch's
//! `rgo_reflect_gostub`.

use crate::gocall::{call_laid_out, load_value, store_value};
use crate::g::current_g;
use crate::heap::go_alloc;
use reflect::abi::{FuncAbi, Receiver};
use core::mem::MaybeUninit;
use reflect::layout::Layout;
use reflect::types::{self, build, goflags, GoFuncStub, GoMakeFunc, GoMethodFunc, GoValue, Method, Type, TypeRef};
use rt_arch::RegArgs;

/// `(links)`: a count, then that many descriptor addresses: the program's
/// descriptors become the constructors' answers for their types.
///
/// # Safety
/// `links` must point at a count `n` followed by `n` addresses of
/// descriptors that live as long as the program.
#[no_mangle]
pub unsafe extern "C" fn rgo_addtypelinks(links: *const usize) {
    // SAFETY: as the caller promises.
    let descs = unsafe { core::slice::from_raw_parts(links.add(1) as *const &'static Type, *links) };
    build::seed(descs.iter().copied());
}

/// `*elem`.
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_ptrto(elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::pointer_to(unsafe { &*elem })
}

/// `[]elem`.
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_sliceof(elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::slice_of(unsafe { &*elem })
}

/// `[len]elem`; the caller has checked that its size fits.
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_arrayof(len: usize, elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::array_of(unsafe { &*elem }, len)
}

/// `map[key]elem`; the caller has checked that `key` is comparable.
///
/// # Safety
/// `key` and `elem` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_mapof(key: *const Type, elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::map_of(unsafe { &*key }, unsafe { &*elem })
}

/// `chan elem` in direction `dir` (1 receive, 2 send, 3 both; checked by
/// the caller).
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_chanof(dir: u8, elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::chan_of(dir, unsafe { &*elem })
}

/// `(ftyp, f, args, nargs, rets, nrets)`: reflect's Value.Call after its
/// checks: calls the func value `f` of type `ftyp` on the goroutine stack
/// with argument `i` the value of the Value `args[i]` (of the parameter's
/// type, conversions done) and sets `rets[i]` to a Value of result `i`, in
/// memory of its own (pointer-free results share one allocation). A panic
/// in the callee goes on through this call to the Go caller's deferred
/// calls.
///
/// # Safety
/// `f` must be a func value of type `ftyp`; `args` must hold `nargs`
/// Values of its parameters' types and `rets` room for `nrets` Values, as
/// many as it has results (the Go side checked the counts and types), both
/// in memory the Go caller keeps alive.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_call(
    ftyp: *const Type,
    f: *const (),
    args: *const GoValue,
    nargs: usize,
    rets: *mut GoValue,
    nrets: usize,
) {
    // SAFETY: as the caller promises (a count of 0 may come with any
    // pointer, so no slice is made of it).
    unsafe {
        let ftyp: TypeRef = &*ftyp;
        let Some(fty) = ftyp.as_func() else { no_layout() };
        let args = if nargs == 0 { &[][..] } else { core::slice::from_raw_parts(args, nargs) };
        let outs = fty.outs.as_slice();
        if outs.len() != nrets {
            no_layout();
        }
        value_call(CALL_LAYOUT.get(ftyp, None), f, None, args, outs, || rets);
    }
}

/// The results of [`rgo_reflect_call_value`]: `n` Values at `base`, or
/// `n < 0` when the call was left to the Go side.
#[repr(C)]
pub struct CallResults {
    pub base: *mut GoValue,
    pub n: isize,
}

/// `(typ, ptr, flag, args, nargs, vt) -> (results, n)`: Value.Call of the
/// Value `{typ, ptr, flag}` in its common case: a func, or a method value
/// of a concrete type, not variadic, with each of the `nargs` Values at
/// `args` a plain value (no method value) of exactly its parameter's type.
/// The results come back as `n` Values in memory of their own, of type
/// `vt` (reflect.Value), allocated after the call. Anything else (a nil
/// func, a method of an interface, a conversion to make, a misuse to
/// report) returns `n < 0` having done nothing: the Go side's checks,
/// which cost more than these, then make Go's conversions and panics.
///
/// # Safety
/// `{typ, ptr, flag}` must be a valid reflect.Value of kind Func; `args`
/// must hold `nargs` Values in memory the Go caller keeps alive, and `vt`
/// be reflect.Value's descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_call_value(
    typ: *const Type,
    ptr: *mut u8,
    flag: usize,
    args: *const GoValue,
    nargs: usize,
    vt: *const Type,
) -> CallResults {
    const GO_SIDE: CallResults = CallResults { base: core::ptr::null_mut(), n: -1 };
    // SAFETY: as the caller promises (a count of 0 may come with any
    // pointer, so no slice is made of it).
    unsafe {
        let v = GoValue { typ, ptr, flag };
        // The callee, the receiver word of a method, and the method's type
        // with its receiver type (for the layout, looked up once the call
        // is known to be made here).
        let (f, word, ftyp, recv) = if flag & goflags::METHOD == 0 {
            let f = pointer_of(&v);
            if f.is_null() {
                return GO_SIDE;
            }
            (f.cast_const().cast::<()>(), None, &*typ, None)
        } else {
            let Some((recv, word, m)) = concrete_method(&v) else { return GO_SIDE };
            (m.ifn, Some(word), m.mtyp, Some(recv))
        };
        let Some(fty) = ftyp.as_func() else { return GO_SIDE };
        let args = if nargs == 0 { &[][..] } else { core::slice::from_raw_parts(args, nargs) };
        let (ins, outs) = (fty.ins.as_slice(), fty.outs.as_slice());
        if fty.variadic || ins.len() != nargs || !exactly(args, ins) {
            return GO_SIDE;
        }
        let layout = match recv {
            None => CALL_LAYOUT.get(ftyp, None),
            Some(r) => METHOD_LAYOUT.get(ftyp, Some(r)),
        };
        // The Go caller holds every pointer the call is given: a
        // collection may run here, and none between the call and the
        // results' allocation.
        crate::collector::safepoint();
        let n = outs.len();
        let mut base = core::ptr::null_mut();
        value_call(layout, f, word.as_ref(), args, outs, || {
            if n > 0 {
                base = go_alloc(n * core::mem::size_of::<GoValue>(), vt).cast::<GoValue>();
            }
            base
        });
        CallResults { base, n: n as isize }
    }
}

/// The word of a pointer-shaped Value: held in the Value, or where it
/// points when the Value is indirect.
///
/// # Safety
/// `v` must be a valid Value of a pointer-shaped type.
unsafe fn pointer_of(v: &GoValue) -> *mut u8 {
    if v.flag & goflags::INDIR != 0 {
        // SAFETY: an indirect Value points at its value.
        unsafe { *v.ptr.cast::<*mut u8>() }
    } else {
        v.ptr
    }
}

/// The receiver of a method value `v` whose receiver has a concrete type:
/// that type, its value as an interface data word, and the exported method
/// the Value names. None for a method of an interface (left to the Go
/// side) or an index out of range.
///
/// # Safety
/// `v` must be a valid method Value (flag [`goflags::METHOD`]).
unsafe fn concrete_method(v: &GoValue) -> Option<(TypeRef, *mut u8, &'static Method)> {
    // SAFETY: as the caller promises.
    let t: TypeRef = unsafe { &*v.typ };
    if t.kind() == types::Kind::Interface {
        return None;
    }
    let i = v.flag >> goflags::METHOD_SHIFT;
    let m = t.methods().iter().filter(|m| types::is_exported(m.name.as_str())).nth(i)?;
    if m.ifn.is_null() {
        return None;
    }
    // SAFETY: `v` is valid: pointer-shaped receivers are their word, others
    // are indirect, and their address is the word.
    let word = if t.is_pointer_shaped() { unsafe { pointer_of(v) } } else { v.ptr };
    Some((t, word, m))
}

/// Whether each of `args` is a plain Value (no method value) of exactly
/// the type at its place in `ins` (as many).
fn exactly(args: &[GoValue], ins: &[TypeRef]) -> bool {
    args.iter().zip(ins).all(|(v, &t)| core::ptr::eq(v.typ, t) && v.flag & goflags::METHOD == 0)
}

/// `(recv, m, args, nargs, rets, nrets)`: Value.Call of a method value:
/// calls method `m` (an entry of `recv`'s method table) with the
/// receiver's interface data word held in the Value `args[0]` and the
/// method's arguments after it, as [`rgo_reflect_call`] does.
///
/// # Safety
/// `m` must be in `recv`'s method table; `args` must hold `nargs` Values
/// (the receiver word first, then values of the parameters' types) and
/// `rets` room for as many Values as the method has results.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_callmethod(
    recv: *const Type,
    m: *const Method,
    args: *const GoValue,
    nargs: usize,
    rets: *mut GoValue,
    nrets: usize,
) {
    // SAFETY: as the caller promises; the receiver word is always there.
    unsafe {
        let (recv, m) = (&*recv, &*m);
        let Some(mty) = m.mtyp.as_func() else { no_layout() };
        if m.ifn.is_null() {
            crate::fatal::fatal("reflect: call of a method with no code");
        }
        let args = core::slice::from_raw_parts(args, nargs);
        let outs = mty.outs.as_slice();
        if outs.len() != nrets {
            no_layout();
        }
        let (word, args) = args.split_first().unwrap_or_else(|| no_layout());
        value_call(METHOD_LAYOUT.get(m.mtyp, Some(recv)), m.ifn, Some(&word.ptr), args, outs, || rets);
    }
}

/// The call of `f` laid out by `l` with the values of `args`; sets
/// `rets()[i]` to a Value of result `i` (of type `outs[i]`), `rets` being
/// asked once the call has returned. The results go straight from the
/// call's registers and stack slots to memory on the heap, allocated after
/// the call: nothing collects inside a runtime call, so pointers the
/// registers hold stay valid until then.
///
/// # Safety
/// As for [`rgo_reflect_call`], `recv` (a method's receiver word, when
/// `l` lays out a method call) and `args` matching `l`'s arguments, and
/// `rets()` having room for as many Values as `outs`, its results.
unsafe fn value_call(
    l: &Layout,
    f: *const (),
    recv: Option<&*mut u8>,
    args: &[GoValue],
    outs: &[TypeRef],
    rets: impl FnOnce() -> *mut GoValue,
) {
    let abi = &l.abi;
    let first = usize::from(recv.is_some());
    if first + args.len() != abi.call.values.len() || outs.len() != abi.ret.values.len() {
        no_layout();
    }
    // SAFETY: as the caller promises; each argument's bytes are the
    // value's own memory, or the Value's word for a pointer-shaped one,
    // and `rets` has room for each result.
    unsafe {
        crate::gocall::call_with(
            l,
            f,
            None,
            |regs, sp| {
                if let Some(word) = recv {
                    store_value(abi.call.steps_of(0), (word as *const *mut u8).cast(), regs, sp);
                }
                for (i, v) in args.iter().enumerate() {
                    let src = if v.flag & goflags::INDIR != 0 { v.ptr } else { (&v.ptr as *const *mut u8).cast() };
                    store_value(abi.call.steps_of(first + i), src, regs, sp);
                }
            },
            |regs, sp| {
                let rets = rets();
                new_values(outs, |i, dst| load_value(abi.ret.steps_of(i), dst, regs, sp), |i, v| rets.add(i).write(v));
            },
        );
    }
}

/// `(ins, nin, outs, nout, variadic)`: `func(ins...) (outs...)`; the
/// caller has checked that a variadic signature ends in a slice.
///
/// # Safety
/// `ins` and `outs` must hold `nin` and `nout` live descriptors (any
/// pointer when the count is 0).
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_funcof(
    ins: *const &'static Type,
    nin: usize,
    outs: *const &'static Type,
    nout: usize,
    variadic: bool,
) -> *const Type {
    // SAFETY: as the caller promises.
    let (ins, outs) = unsafe {
        (
            if nin == 0 { &[][..] } else { core::slice::from_raw_parts(ins, nin) },
            if nout == 0 { &[][..] } else { core::slice::from_raw_parts(outs, nout) },
        )
    };
    types::func_of(ins, outs, variadic)
}

/// A field of reflect.StructOf as the Go side passes it (`structOfField`
/// in `toolchain/lib/reflect/ctor.go`, field for field).
#[repr(C)]
pub struct GoStructOfField {
    pub name: crate::GoString,
    pub typ: *const Type,
    pub tag: crate::GoString,
    pub embedded: bool,
}

/// `(fields, n, pkg_path)`: reflect.StructOf of `n` fields, written in
/// package `pkg_path` (which qualifies the unexported names; "" when there
/// are none). The Go side made Go's checks.
///
/// # Safety
/// `fields` must hold `n` fields with live descriptors and valid strings
/// (any pointer when `n` is 0).
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_structof(fields: *const GoStructOfField, n: usize, pkg_path: crate::GoString) -> *const Type {
    let text = |s: &crate::GoString| {
        // SAFETY: as the caller promises.
        alloc::string::String::from_utf8_lossy(unsafe { s.as_bytes() }).into_owned()
    };
    // SAFETY: as the caller promises.
    let fields = if n == 0 { &[][..] } else { unsafe { core::slice::from_raw_parts(fields, n) } };
    let built: alloc::vec::Vec<build::Field> = fields
        .iter()
        .map(|f| build::Field {
            name: text(&f.name),
            // SAFETY: as the caller promises.
            typ: unsafe { &*f.typ },
            embedded: f.embedded,
            tag: text(&f.tag),
        })
        .collect();
    build::struct_of_in(&built, &text(&pkg_path))
}

extern "C" {
    /// The code of every func value reflect makes at run time; see
    /// `rt-arch/asm/runtime/<arch>.S`.
    fn rgo_reflect_gostub();
}

/// The code address reflect puts at the head of a func value it makes
/// (`funcStub.code`).
#[no_mangle]
pub extern "C" fn rgo_reflect_gostub_code() -> usize {
    rgo_reflect_gostub as unsafe extern "C" fn() as usize
}

/// The handler `rgo_reflect_gostub` calls, on the system stack, for a call
/// of a func value reflect made: the arguments are read from the register
/// block and the caller's stack argument area by the func type's layout,
/// and the results written back there.
///
/// - MakeFunc ([`GoMakeFunc`]): each argument is boxed into a
///   `reflect.Value`, the implementation is called with the `[]Value`, and
///   Go's checks (`check`) make its results exactly of the result types.
/// - A method value or a method's `Func` ([`GoMethodFunc`]): the method is
///   called with the receiver word and the arguments as they came.
///
/// The call of the implementation or the method stands for the call of the
/// func value: deferred and run by a panic, `recover` works inside it.
///
/// Nothing collects between the stub's entry and the first Go call
/// (allocations inside a runtime call never do), so pointers held only in
/// the block are safe until they are passed on; after the last Go call
/// returns nothing allocates. Every field of the func value is read before
/// the first Go call: the caller may not keep the value itself alive.
///
/// # Safety
/// Called only by `rgo_reflect_gostub` with the closure it was called
/// with (a [`GoFuncStub`] reflect made), the caller's stack argument area
/// and the spilled argument registers.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_gostub_rs(stub: *mut GoFuncStub, stack_args: *mut u8, regs: *mut RegArgs) {
    let g = current_g();
    // SAFETY: the stub's contract; `g` is the running goroutine, which the
    // stub recorded as making a runtime call at the caller's stack pointer:
    // the func value's argument pointer, as a deferred call's.
    unsafe {
        let wrapper_argp = (*g).go_sp;
        // Called by the runtime rather than by compiled code (a deferred
        // call, a goroutine's start, Value.Call's trampoline): no Go frames
        // of this run to walk.
        if !is_go_caller((*g).go_pc) {
            (*g).go_pc = 0;
        }
        if (*stub).layout == 0 {
            let l = reflect::layout::layout_ref(&*(*stub).ftyp, None).unwrap_or_else(|_| no_layout());
            (*stub).layout = l as *const Layout as usize;
        }
        let l = &*((*stub).layout as *const Layout);
        let regs = &mut *regs;
        match (*stub).kind {
            goflags::STUB_MAKE_FUNC => make_func_call(&*stub.cast::<GoMakeFunc>(), &l.abi, regs, stack_args, wrapper_argp),
            goflags::STUB_METHOD_VALUE | goflags::STUB_METHOD_EXPR => {
                method_func_call(&*stub.cast::<GoMethodFunc>(), &l.abi, regs, stack_args, wrapper_argp)
            }
            _ => crate::fatal::fatal("reflect: a func value made at run time has an unknown kind"),
        }
    }
}

/// Whether `ret`, the return address a func value made at run time was
/// called with, is in compiled Go code: `collector::is_go_code`, with the
/// last answer kept (a loop calls from one place).
fn is_go_caller(ret: usize) -> bool {
    use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    /// The last return address found in Go code.
    static LAST: AtomicUsize = AtomicUsize::new(0);
    if ret != 0 && LAST.load(Relaxed) == ret {
        return true;
    }
    let go = crate::collector::is_go_code(ret.wrapping_sub(1));
    if go {
        LAST.store(ret, Relaxed);
    }
    go
}

/// Room for [`value_call`]'s small arrays in its own frame.
const SMALL: usize = 16;

/// `n` elements set to `fill`: of `small` when they fit (only those `n`
/// are written: zeroing the whole array cost more than the call's
/// marshalling), else of `big` grown to `n` (a call with many arguments or
/// large results).
fn small_or_heap<'a, T: Copy, const N: usize>(
    small: &'a mut [MaybeUninit<T>; N],
    big: &'a mut alloc::vec::Vec<T>,
    n: usize,
    fill: T,
) -> &'a mut [T] {
    if n <= N {
        for e in &mut small[..n] {
            e.write(fill);
        }
        // SAFETY: the first `n` elements were just written.
        unsafe { core::slice::from_raw_parts_mut(small.as_mut_ptr().cast::<T>(), n) }
    } else {
        big.resize(n, fill);
        big
    }
}

/// A layout kept for one signature (and receiver type): the Go side's
/// fixed signatures (a MakeFunc implementation's, its result check's) are
/// the same descriptors in every call of a program, and a loop of
/// Value.Call calls one function.
struct LayoutFor {
    typ: core::sync::atomic::AtomicUsize,
    recv: core::sync::atomic::AtomicUsize,
    layout: core::sync::atomic::AtomicUsize,
}

impl LayoutFor {
    const fn new() -> LayoutFor {
        use core::sync::atomic::AtomicUsize;
        LayoutFor { typ: AtomicUsize::new(0), recv: AtomicUsize::new(0), layout: AtomicUsize::new(0) }
    }

    /// The layout of `t` called with `recv`'s interface word as receiver
    /// (when any).
    fn get(&self, t: TypeRef, recv: Option<TypeRef>) -> &'static Layout {
        use core::sync::atomic::Ordering::Relaxed;
        let (key, rkey) = (t as *const Type as usize, recv.map_or(0, |r| r as *const Type as usize));
        let l = self.layout.load(Relaxed);
        if l != 0 && self.typ.load(Relaxed) == key && self.recv.load(Relaxed) == rkey {
            // SAFETY: stored below from a `layout_ref`, which lives for the
            // program.
            return unsafe { &*(l as *const Layout) };
        }
        let l = reflect::layout::layout_ref(t, recv.map(Receiver::InterfaceWord)).unwrap_or_else(|_| no_layout());
        self.layout.store(0, Relaxed);
        self.typ.store(key, Relaxed);
        self.recv.store(rkey, Relaxed);
        self.layout.store(l as *const Layout as usize, Relaxed);
        l
    }
}

/// The layouts of MakeFunc's implementation and result-check calls, and of
/// the latest Value.Call of a func and of a method.
static IMPL_LAYOUT: LayoutFor = LayoutFor::new();
static CHECK_LAYOUT: LayoutFor = LayoutFor::new();
static CALL_LAYOUT: LayoutFor = LayoutFor::new();
static METHOD_LAYOUT: LayoutFor = LayoutFor::new();
/// The layout of the latest call of a func value made of a method.
static METHOD_FUNC_LAYOUT: LayoutFor = LayoutFor::new();

fn no_layout() -> ! {
    crate::fatal::fatal("reflect: call of a function whose signature has no call layout")
}

/// A call of a MakeFunc func (see [`rgo_reflect_gostub_rs`]).
///
/// # Safety
/// As for [`rgo_reflect_gostub_rs`], `abi` being the layout of `mf`'s type.
unsafe fn make_func_call(mf: &GoMakeFunc, abi: &FuncAbi, regs: &mut RegArgs, stack_args: *mut u8, wrapper_argp: usize) {
    let mf = *mf;
    // SAFETY: the descriptors of a func value reflect made.
    let (ftyp, fntyp, checktyp) = unsafe { (&*mf.head.ftyp, &*mf.fntyp, &*mf.checktyp) };
    let Some(f) = ftyp.as_func() else { no_layout() };
    let ins = f.ins.as_slice();
    // The []Value and the pointer-free arguments in one object.
    let (typed, scalars) = (ins.len() * core::mem::size_of::<GoValue>(), plain_size(ins));
    // SAFETY: `vtyp` is reflect.Value's descriptor.
    let vals = crate::heap::go_alloc_typed_then_plain(typed, unsafe { &*mf.vtyp }, scalars).cast::<GoValue>();
    // SAFETY: the steps read argument `i` of the call being made into room
    // of its type; `vals` has room for every argument, then (8-aligned)
    // for the pointer-free ones.
    unsafe {
        let block = vals.cast::<u8>().add(typed);
        new_values_in(ins, block, |i, dst| load_value(abi.call.steps_of(i), dst, regs, stack_args), |i, v| vals.add(i).write(v));
    }
    let slice = [vals as usize, ins.len(), ins.len()];
    let mut out = [0usize; 3];
    let fl = IMPL_LAYOUT.get(fntyp, None);
    if fl.abi.call.values.len() != 1 || fl.abi.ret.values.len() != 1 {
        no_layout();
    }
    // SAFETY: `fn_` is a `func([]Value) []Value`, as `fntyp` says: one
    // slice in, one out.
    unsafe {
        crate::gocall::call_with(
            fl,
            mf.fn_,
            Some(wrapper_argp),
            |regs, sp| store_value(fl.abi.call.steps_of(0), slice.as_ptr().cast(), regs, sp),
            |regs, sp| load_value(fl.abi.ret.steps_of(0), out.as_mut_ptr().cast(), regs, sp),
        );
    }
    // Results of exactly the result types need none of Go's checks (the
    // common case); any others go through them.
    let results = f.outs.as_slice();
    // SAFETY: `out` is the []Value the implementation returned.
    let exact = unsafe {
        let given = if out[1] == 0 { &[][..] } else { core::slice::from_raw_parts(out[0] as *const GoValue, out[1]) };
        given.len() == results.len() && exactly(given, results) && given.iter().all(|v| v.flag & goflags::RO == 0)
    };
    let mut checked = out;
    if !exact {
        let ftyp_word = mf.head.ftyp as usize;
        // SAFETY: `check` is a `func(*rtype, []Value) []Value`, as
        // `checktyp` says; it panics unless the results suit `ftyp`.
        if unsafe {
            call_laid_out(
                CHECK_LAYOUT.get(checktyp, None),
                mf.check,
                &[(&ftyp_word as *const usize).cast(), out.as_ptr().cast()],
                &[checked.as_mut_ptr().cast()],
                None,
            )
        }
        .is_err()
        {
            no_layout();
        }
    }
    // SAFETY: Go's checks made `checked` as many Values as `ftyp` has
    // results, each of its result's type.
    unsafe {
        let outs = if checked[1] == 0 { &[][..] } else { core::slice::from_raw_parts(checked[0] as *const GoValue, checked[1]) };
        for (i, v) in outs.iter().enumerate().take(f.outs.as_slice().len()) {
            let src: *const u8 = if v.flag & goflags::INDIR != 0 { v.ptr } else { (&v.ptr as *const *mut u8).cast() };
            store_value(abi.ret.steps_of(i), src, regs, stack_args);
        }
    }
}

/// Go Values of values of `types`, value `i` read by `read(i, dst)` into
/// memory of its own and handed to `put(i, value)`: a pointer-shaped value
/// is held in the Value itself; the pointer-free ones share one block; each
/// other one gets an allocation typed for the collector. As gc's reflect,
/// the Values are not addressable. Allocates, never collects.
///
/// # Safety
/// `read` must write a value of type `types[i]` to `dst`, which has room
/// for one.
#[inline(always)]
pub(crate) unsafe fn new_values(types: &[TypeRef], read: impl FnMut(usize, *mut u8), put: impl FnMut(usize, GoValue)) {
    let size = plain_size(types);
    let block = if size == 0 { core::ptr::null_mut() } else { crate::heap::go_alloc_noscan(size) };
    // SAFETY: as the caller promises; `block` has room for the plain ones.
    unsafe { new_values_in(types, block, read, put) }
}

/// Whether values of `t` go in the shared block of [`new_values`]: a
/// pointer-shaped type always has pointers, so needs no test of its own.
fn plain(t: &Type) -> bool {
    t.ptrdata == 0 && t.size != 0
}

/// Bytes the pointer-free values among `types` take in [`new_values`]'s
/// block, each at its alignment.
fn plain_size(types: &[TypeRef]) -> usize {
    types.iter().filter(|t| plain(t)).fold(0, |size, t| align_up(size, t.align) + t.size)
}

/// [`new_values`] with the block for the pointer-free values given: 8-aligned, of
/// [`plain_size`] bytes (any pointer when that is 0).
///
/// # Safety
/// As for [`new_values`], and `block` as said.
#[inline(always)]
unsafe fn new_values_in(types: &[TypeRef], block: *mut u8, mut read: impl FnMut(usize, *mut u8), mut put: impl FnMut(usize, GoValue)) {
    let mut at = 0usize;
    for (i, &t) in types.iter().enumerate() {
        // Where the value goes: the block, the Value's own word (pointer-
        // shaped), or an allocation of its type. One call of `read`, so
        // that it is inlined.
        let mut word = 0usize;
        let (dst, indir) = if plain(t) {
            at = align_up(at, t.align);
            // SAFETY: the offsets were laid out the same way above.
            let p = unsafe { block.add(at) };
            at += t.size;
            (p, true)
        } else if t.is_pointer_shaped() {
            ((&mut word as *mut usize).cast::<u8>(), false)
        } else {
            (go_alloc(t.size, t), true)
        };
        read(i, dst);
        let kind = t.kind as usize;
        put(i, if indir { GoValue { typ: t, ptr: dst, flag: kind | goflags::INDIR } } else { GoValue { typ: t, ptr: word as *mut u8, flag: kind } });
    }
}

/// `at` rounded up to `align`, a power of two (0 counts as 1): a mask,
/// where `next_multiple_of` would divide.
fn align_up(at: usize, align: u8) -> usize {
    let mask = usize::from(align.max(1)) - 1;
    (at + mask) & !mask
}

/// A call of a method value or a method's `Func` (see
/// [`rgo_reflect_gostub_rs`]): the arguments go from the caller's layout to
/// the method's (the receiver as an interface word first) through a
/// buffer, and the results back the same way.
///
/// # Safety
/// As for [`rgo_reflect_gostub_rs`], `abi` being the layout of `mf`'s type.
unsafe fn method_func_call(mf: &GoMethodFunc, abi: &FuncAbi, regs: &mut RegArgs, stack_args: *mut u8, wrapper_argp: usize) {
    let mf = *mf;
    // SAFETY: the descriptors and method-table entry of a func value
    // reflect made.
    let (ftyp, recv, m) = unsafe { (&*mf.head.ftyp, &*mf.recv, &*mf.method) };
    let Some(f) = ftyp.as_func() else { no_layout() };
    let (ins, outs) = (f.ins.as_slice(), f.outs.as_slice());
    // Every argument and result at its own 8-aligned offset of one buffer,
    // in this frame unless the signature is big.
    let (mut small_offsets, mut big_offsets) = ([MaybeUninit::uninit(); SMALL], alloc::vec::Vec::new());
    let offsets = small_or_heap(&mut small_offsets, &mut big_offsets, ins.len() + outs.len(), 0usize);
    let mut size = 0usize;
    for (o, t) in offsets.iter_mut().zip(ins.iter().chain(outs)) {
        *o = size;
        size += t.size.next_multiple_of(8);
    }
    let (mut small_buf, mut big_buf) = ([MaybeUninit::uninit(); 2 * SMALL], alloc::vec::Vec::new());
    let base = small_or_heap(&mut small_buf, &mut big_buf, size / 8, 0u64).as_mut_ptr().cast::<u8>();
    for i in 0..ins.len() {
        // SAFETY: the steps read argument `i` into room of its size.
        unsafe { load_value(abi.call.steps_of(i), base.add(offsets[i]), regs, stack_args) };
    }
    let expr = mf.head.kind == goflags::STUB_METHOD_EXPR;
    let mut word = mf.word as usize;
    if expr {
        // The receiver is argument 0, of type `recv`: its interface word is
        // the value itself when pointer-shaped, else a pointer to a copy.
        // SAFETY: argument 0 was loaded at offset 0.
        unsafe {
            word = if recv.is_pointer_shaped() {
                base.cast::<usize>().read()
            } else {
                let p = go_alloc(recv.size, recv);
                core::ptr::copy_nonoverlapping(base, p, recv.size);
                p as usize
            };
        }
    }
    let first = usize::from(expr);
    let ml = METHOD_FUNC_LAYOUT.get(m.mtyp, Some(recv));
    if ml.abi.call.values.len() != 1 + ins.len() - first || ml.abi.ret.values.len() != outs.len() {
        no_layout();
    }
    // SAFETY: `m` is in `recv`'s method table; the receiver word and the
    // arguments are of its parameter types (the func value's type is the
    // method's), and every offset is inside the buffer.
    unsafe {
        crate::gocall::call_with(
            ml,
            m.ifn,
            Some(wrapper_argp),
            |r, sp| {
                store_value(ml.abi.call.steps_of(0), (&word as *const usize).cast(), r, sp);
                for i in first..ins.len() {
                    store_value(ml.abi.call.steps_of(1 + i - first), base.add(offsets[i]), r, sp);
                }
            },
            |r, sp| {
                for j in 0..outs.len() {
                    load_value(ml.abi.ret.steps_of(j), base.add(offsets[ins.len() + j]), r, sp);
                }
            },
        );
        for j in 0..outs.len() {
            store_value(abi.ret.steps_of(j), base.add(offsets[ins.len() + j]), regs, stack_args);
        }
    }
}
