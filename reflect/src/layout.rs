//! Per-signature call layouts, computed once and cached.
//!
//! A layout is the native [`FuncAbi`] of a func type (and receiver
//! convention) plus what the assembly needs each call: frame size and flags.
//! Repeated calls of one signature look the layout up instead of redoing the
//! assignment (Go caches the same thing in `reflect.funcLayout`).

use crate::abi::{FuncAbi, Placement, Receiver, Seq, StepKind, NATIVE};
use crate::error::CallError;
use crate::types::TypeRef;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
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
    /// The same assignment as moves between each value's memory and one
    /// buffer, when the call fits a direct one (see [`WordPlan`]).
    pub(crate) words: Option<WordPlan>,
}

/// Words of stack area a [`WordPlan`] call keeps in its own frame: as many
/// as a direct call's outgoing area holds.
pub(crate) const WORD_PLAN_STACK_WORDS: usize = rt_arch::direct::FRAME / 8;

/// How one value of a call moves between its memory and the buffer of a
/// [`WordPlan`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    /// One word, at buffer word `slot` (an int, a pointer, a float64).
    Word(u16),
    /// Its words in order, at buffer words `slots[start..start + n]` (a
    /// string, a slice, an interface, a struct or an array of words; none
    /// for a zero-sized value).
    Words { start: u16, n: u16 },
    /// By its ABI steps, into the buffer as into a register block and a
    /// stack area: it has a part narrower than a word (a bool, an int32, a
    /// float32, which a float register keeps boxed on some targets).
    Steps,
}

/// A call's values as moves between their memory and one buffer: the
/// integer registers, then the float registers (rt-arch's `Regs`), then
/// the stack area. Made for every layout whose frame fits a direct call.
/// Most Go values are whole 8-byte words, each in a register of its class
/// or in the stack area (ints, pointers, float64s, strings, slices,
/// interfaces, structs of those): those move word by word, with no step to
/// interpret; the others go by their steps.
#[derive(Debug)]
pub(crate) struct WordPlan {
    /// Per input value (receiver word first, always a [`Move::Word`]),
    /// then per result.
    pub ins: Vec<Move>,
    pub outs: Vec<Move>,
    /// Buffer word of each word of the [`Move::Words`] values: `<
    /// INT_REGS` an integer register, then `FLOAT_REGS` float registers,
    /// then the stack area's words.
    pub slots: Vec<u16>,
    /// Registers used (the most of the arguments' and the results').
    pub int_regs: usize,
    pub float_regs: usize,
    /// Words of the stack area (arguments, then results).
    pub stack_words: usize,
}

impl WordPlan {
    /// Buffer words: the registers and the largest stack area of a plan.
    pub const BUF_WORDS: usize = rt_arch::direct::INT_REGS + rt_arch::direct::FLOAT_REGS + WORD_PLAN_STACK_WORDS;

    /// The plan of `abi` (of a method when `method`), if its frame fits a
    /// direct call.
    fn new(abi: &FuncAbi, frame_size: usize, method: bool) -> Option<WordPlan> {
        use rt_arch::direct::{FLOAT_REGS, FRAME, INT_REGS};
        let stack_words = abi.stack_size.div_ceil(8);
        if stack_words > WORD_PLAN_STACK_WORDS || frame_size > FRAME {
            return None;
        }
        let mut slots = Vec::new();
        let mut assign = |seq: &Seq| -> Vec<Move> {
            let mut moves = Vec::with_capacity(seq.values.len());
            for (i, v) in seq.values.iter().enumerate() {
                let start = slots.len();
                let whole = match v.placement {
                    Placement::ZeroSized { .. } => true,
                    Placement::Stack { offset } => {
                        let first = INT_REGS + FLOAT_REGS + offset as usize / 8;
                        slots.extend((first..first + v.typ.size / 8).map(|w| w as u16));
                        offset % 8 == 0 && v.typ.size % 8 == 0
                    }
                    Placement::Registers { .. } => seq.steps_of(i).iter().enumerate().all(|(k, st)| {
                        let reg = st.reg as usize;
                        let slot = match st.kind {
                            StepKind::IntReg | StepKind::Pointer if reg < INT_REGS => reg,
                            StepKind::FloatReg if reg < FLOAT_REGS => INT_REGS + reg,
                            _ => return false,
                        };
                        slots.push(slot as u16);
                        st.size == 8 && st.offset as usize == 8 * k
                    }),
                };
                let n = slots.len() - start;
                moves.push(if !whole || n * 8 != v.typ.size {
                    slots.truncate(start);
                    Move::Steps
                } else if n == 1 {
                    let slot = slots.pop().expect("one slot");
                    Move::Word(slot)
                } else {
                    Move::Words { start: start as u16, n: n as u16 }
                });
            }
            moves
        };
        let ins = assign(&abi.call);
        let outs = assign(&abi.ret);
        if method && !matches!(ins.first(), Some(Move::Word(_))) {
            return None;
        }
        debug_assert!(slots.iter().all(|&w| (w as usize) < Self::BUF_WORDS));
        Some(WordPlan {
            ins,
            outs,
            slots,
            int_regs: abi.call.int_regs.max(abi.ret.int_regs),
            float_regs: abi.call.float_regs.max(abi.ret.float_regs),
            stack_words,
        })
    }
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
    let words = WordPlan::new(&abi, frame, receiver.is_some());
    Ok(Layout { func_type, frame_size: frame as u32, flags, abi, words })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{self, TypeRef};
    use alloc::vec;
    use rt_arch::direct::{FLOAT_REGS, INT_REGS};

    fn plan(ins: &[TypeRef], outs: &[TypeRef]) -> Option<&'static WordPlan> {
        layout(types::func_of(ins, outs, false), None).unwrap().words.as_ref()
    }

    #[test]
    fn word_signatures_have_plans() {
        let p = plan(&[&types::INT, &types::INT], &[&types::INT]).unwrap();
        assert_eq!((p.ins.as_slice(), p.outs.as_slice()), (&[Move::Word(0), Move::Word(1)][..], &[Move::Word(0)][..]));
        assert!(p.slots.is_empty());
        assert_eq!((p.int_regs, p.float_regs, p.stack_words), (2, 0, 0));

        // A string is two integer registers, a float64 a float register.
        let p = plan(&[&types::STRING, &types::FLOAT64], &[&types::STRING]).unwrap();
        let f = Move::Word(INT_REGS as u16);
        assert_eq!(p.ins, [Move::Words { start: 0, n: 2 }, f]);
        assert_eq!(p.outs, [Move::Words { start: 2, n: 2 }]);
        assert_eq!(p.slots, [0, 1, 0, 1]);
        assert_eq!((p.int_regs, p.float_regs), (2, 1));
    }

    #[test]
    fn stack_words_follow_the_registers() {
        // One more int argument than there are integer registers: the last
        // goes to the stack area's first word.
        let ins = vec![&types::INT as TypeRef; INT_REGS + 1];
        let p = plan(&ins, &[&types::INT]).unwrap();
        assert_eq!(p.ins[INT_REGS], Move::Word((INT_REGS + FLOAT_REGS) as u16));
        assert_eq!(p.stack_words, 1);
        let l = layout(types::func_of(&ins, &[&types::INT], false), None).unwrap();
        assert_eq!(l.abi.stack_size, 8);
    }

    #[test]
    fn narrow_values_go_by_their_steps() {
        let p = plan(&[&types::INT32, &types::INT], &[]).unwrap();
        assert_eq!(p.ins, [Move::Steps, Move::Word(1)]);
        assert_eq!(plan(&[], &[&types::BOOL]).unwrap().outs, [Move::Steps]);
        assert_eq!(plan(&[&types::FLOAT32], &[&types::INT]).unwrap().ins, [Move::Steps]);
        // A narrow value on the stack, after the registers are used up.
        let mut ins = vec![&types::INT as TypeRef; INT_REGS];
        ins.push(&types::INT32);
        ins.push(&types::INT);
        let p = plan(&ins, &[]).unwrap();
        assert_eq!(p.ins[INT_REGS..], [Move::Steps, Move::Word((INT_REGS + FLOAT_REGS + 1) as u16)]);
    }

    #[test]
    fn frames_too_large_for_a_direct_call_have_no_plan() {
        let ins = vec![&types::INT as TypeRef; INT_REGS + WORD_PLAN_STACK_WORDS + 1];
        assert!(plan(&ins, &[]).is_none());
    }
}
