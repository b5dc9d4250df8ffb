//! Per-signature call layouts, computed once and cached.
//!
//! A layout is the native [`FuncAbi`] of a func type (and receiver
//! convention) plus what the assembly needs each call: frame size and flags.
//! Repeated calls of one signature look the layout up instead of redoing the
//! assignment (Go caches the same thing in `reflect.funcLayout`).

use crate::abi::{FuncAbi, Receiver, NATIVE};
use crate::error::CallError;
use crate::types::TypeRef;
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use rt_arch::bindings::native as ffi;

/// The cached, native layout of one signature.
#[derive(Debug)]
pub struct Layout {
    /// The func type (without receiver).
    pub func_type: TypeRef,
    pub abi: FuncAbi,
    /// `rgo_call_frame.frame_size`: stack area plus spill area.
    pub frame_size: u32,
    /// `rgo_call_frame.flags`.
    pub flags: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ReceiverKey {
    None,
    ByType(usize),
    Word(usize),
}

static CACHE: spin::RwLock<BTreeMap<(usize, ReceiverKey), Arc<Layout>>> = spin::RwLock::new(BTreeMap::new());

/// The layout of calls of `func_type` with `receiver`, from the cache.
pub fn layout(func_type: TypeRef, receiver: Option<Receiver>) -> Result<Arc<Layout>, CallError> {
    let rkey = match receiver {
        None => ReceiverKey::None,
        Some(Receiver::ByType(t)) => ReceiverKey::ByType(t as *const _ as usize),
        Some(Receiver::InterfaceWord(t)) => ReceiverKey::Word(t as *const _ as usize),
    };
    let key = (func_type as *const _ as usize, rkey);
    if let Some(l) = CACHE.read().get(&key) {
        return Ok(l.clone());
    }
    let l = Arc::new(compute(func_type, receiver)?);
    Ok(CACHE.write().entry(key).or_insert(l).clone())
}

/// [`layout`] as a reference that lives as long as the program: the cache
/// never evicts a layout, so callers that keep one for later calls (the
/// func values a Go program's reflect makes at run time) skip the lookup.
pub fn layout_ref(func_type: TypeRef, receiver: Option<Receiver>) -> Result<&'static Layout, CallError> {
    let l = layout(func_type, receiver)?;
    let p: *const Layout = Arc::as_ptr(&l);
    // SAFETY: `CACHE` holds a clone of this `Arc` for the rest of the
    // program (entries are only ever added), so the layout is never freed
    // or moved.
    Ok(unsafe { &*p })
}

fn compute(func_type: TypeRef, receiver: Option<Receiver>) -> Result<Layout, CallError> {
    let abi = FuncAbi::new(NATIVE, func_type, receiver).map_err(CallError::Abi)?;
    let frame = abi.frame_size();
    if frame > ffi::RGO_CALL_MAX_FRAME as usize {
        return Err(CallError::FrameTooLarge { func: func_type.string(), bytes: frame });
    }
    let mut flags = 0;
    if abi.uses_float_args() {
        flags |= ffi::RGO_CALL_FLOAT_ARGS;
    }
    if abi.uses_float_results() {
        flags |= ffi::RGO_CALL_FLOAT_RESULTS;
    }
    if abi.out_reg_ptrs != 0 {
        flags |= ffi::RGO_CALL_PTR_RESULTS;
    }
    Ok(Layout { func_type, frame_size: frame as u32, flags, abi })
}
