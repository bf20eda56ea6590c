//! The msgpack decoder must not let a collection's header decide how much memory it
//! reserves: a message of a few bytes per claimed element could otherwise ask for
//! gigabytes (256 MiB of input times the size of a `Value`) and abort the process.
//!
//! A counting global allocator records the largest single allocation while a crafted
//! buffer is decoded; this file holds only this test so nothing else allocates then.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use terraform_provider_gaap::protocol::{msgpack, Type};

struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::SeqCst);
        // SAFETY: same layout contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::SeqCst);
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

/// A list header claiming `u32::MAX` elements, then 4 MiB of bytes whose first is
/// not a value (`0xc1` is msgpack's reserved byte): the decoder fails at element 0.
#[test]
fn a_huge_claimed_count_reserves_little() {
    let data_len = 4 << 20;
    let mut input = vec![0xdd, 0xff, 0xff, 0xff, 0xff];
    input.resize(input.len() + data_len, 0xc1);
    for ty in [
        Type::List(Box::new(Type::String)),
        Type::Set(Box::new(Type::Number)),
    ] {
        LARGEST.store(0, Ordering::SeqCst);
        let result = msgpack::decode(&input, &ty);
        let largest = LARGEST.load(Ordering::SeqCst);
        let err = result.expect_err("no element can be read");
        assert!(err.to_string().contains("0xc1"), "{err}");
        // Far less than the input itself, let alone input × size of a value.
        assert!(
            largest < data_len / 4,
            "{ty:?}: an allocation of {largest} bytes for {data_len} bytes of input"
        );
    }
}
