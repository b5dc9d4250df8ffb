//! Per-signature call layouts, computed once and cached.
//!
//! A layout is the native [`FuncAbi`] of a func type (and receiver
//! convention) plus what the assembly needs each call: frame size and flags.
//! Repeated calls of one signature look the layout up instead of redoing the
//! assignment (Go caches the same thing in `reflect.funcLayout`).

use crate::abi::{FuncAbi, Receiver, NATIVE};
use crate::error::CallError;
use crate::types::TypeRef;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use core::sync::atomic::{AtomicPtr, Ordering};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ReceiverKey {
    None,
    ByType(usize),
    Word(usize),
}

type Key = (usize, ReceiverKey);

/// A cached layout and what it was computed for. Entries are leaked: the
/// cache never evicts one, so references to them live as long as the
/// program.
struct Entry {
    key: Key,
    layout: Layout,
}

/// Every layout computed so far.
static CACHE: spin::RwLock<BTreeMap<Key, &'static Entry>> = spin::RwLock::new(BTreeMap::new());

/// Slots of the front cache: a direct-mapped table in front of `CACHE`
/// whose hits take no lock and no reference count, only a load.
const FRONT_SLOTS: usize = 256;

/// The front cache: each slot holds null or some entry of `CACHE` (the
/// last one looked up whose key hashes there).
static FRONT: [AtomicPtr<Entry>; FRONT_SLOTS] = [const { AtomicPtr::new(core::ptr::null_mut()) }; FRONT_SLOTS];

fn front_slot(key: &Key) -> &'static AtomicPtr<Entry> {
    let (tag, r) = match key.1 {
        ReceiverKey::None => (0u64, 0usize),
        ReceiverKey::ByType(t) => (1, t),
        ReceiverKey::Word(t) => (2, t),
    };
    let h = (key.0 as u64 ^ (r as u64).rotate_left(29) ^ tag).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    &FRONT[(h >> 56) as usize % FRONT_SLOTS]
}

/// The layout of calls of `func_type` with `receiver`, from the cache.
/// A hit allocates nothing and takes no lock.
#[inline]
pub fn layout(func_type: TypeRef, receiver: Option<Receiver>) -> Result<&'static Layout, CallError> {
    let rkey = match receiver {
        None => ReceiverKey::None,
        Some(Receiver::ByType(t)) => ReceiverKey::ByType(t as *const _ as usize),
        Some(Receiver::InterfaceWord(t)) => ReceiverKey::Word(t as *const _ as usize),
    };
    let key = (func_type as *const _ as usize, rkey);
    let slot = front_slot(&key);
    let e = slot.load(Ordering::Acquire);
    if !e.is_null() {
        // SAFETY: the front cache only holds leaked entries of `CACHE`,
        // published with release ordering after they were written.
        let e: &'static Entry = unsafe { &*e };
        if e.key == key {
            return Ok(&e.layout);
        }
    }
    layout_slow(key, slot, func_type, receiver)
}

/// [`layout`] past the front cache: the whole cache, or a new layout.
#[cold]
fn layout_slow(
    key: Key,
    slot: &AtomicPtr<Entry>,
    func_type: TypeRef,
    receiver: Option<Receiver>,
) -> Result<&'static Layout, CallError> {
    let found = CACHE.read().get(&key).copied();
    let e = match found {
        Some(e) => e,
        None => {
            let layout = compute(func_type, receiver)?;
            let mut map = CACHE.write();
            *map.entry(key).or_insert_with(|| Box::leak(Box::new(Entry { key, layout })))
        }
    };
    slot.store(e as *const Entry as *mut Entry, Ordering::Release);
    Ok(&e.layout)
}

/// [`layout`], by its older name: layouts live as long as the program.
pub fn layout_ref(func_type: TypeRef, receiver: Option<Receiver>) -> Result<&'static Layout, CallError> {
    layout(func_type, receiver)
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
