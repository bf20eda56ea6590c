//! Bounds on nesting, refinement size and allocation, whatever the input claims.

use super::*;

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // A dynamic value whose type is again dynamic, 10 000 levels deep.
    let level = bytes("92 c409 2264796e616d696322");
    let mut dynamic_in_dynamic: Vec<u8> = level
        .iter()
        .copied()
        .cycle()
        .take(level.len() * 10_000)
        .collect();
    dynamic_in_dynamic.push(0xc0);
    // Deep type-driven nesting: list(list(...)) 100 levels.
    let mut list_of_lists = Type::String;
    for _ in 0..100 {
        list_of_lists = list(list_of_lists);
    }
    let lists = [vec![0x91; 100], vec![0xc0]].concat();
    let cases = [
        ("dynamic in dynamic", dynamic_in_dynamic, Type::Dynamic),
        ("list of lists", lists, list_of_lists),
    ];
    for (case, input, ty) in cases {
        let err = decode(&input, &ty).expect_err(case);
        assert!(
            err.0.contains("nested more than 64 levels"),
            "{case}: {err}"
        );
    }

    // Refinement payloads (each within 1024 bytes) nested deeply.
    let payloads = [
        ("arrays", [vec![0x91; 900], vec![0xc0]].concat()),
        (
            "maps through their keys",
            [vec![0x81; 300], vec![0xc0; 301]].concat(),
        ),
        (
            "maps through their values",
            [[0x81, 0xc0].repeat(300), vec![0xc0]].concat(),
        ),
    ];
    for (case, nested) in payloads {
        let input = refined_unknown(&[&[0x81, 0x01], &nested[..]].concat());
        let err = decode(&input, &Type::String).expect_err(case);
        assert!(err.0.contains("nested too deeply"), "{case}: {err}");
    }
}

/// An unknown value with a refinement `payload` (ext16, type 12).
fn refined_unknown(payload: &[u8]) -> Vec<u8> {
    let mut input = bytes("c8");
    input.extend((payload.len() as u16).to_be_bytes());
    input.push(0x0c);
    input.extend(payload);
    input
}

#[test]
fn refinement_payloads_are_at_most_1024_bytes() {
    let mut oversized = bytes("c8 0401 0c");
    oversized.extend(std::iter::repeat_n(0xc0, 1025));
    let got = decode(&oversized, &Type::String).expect_err("oversized refinements");
    assert!(got.0.contains("1025 bytes long, at most 1024"), "{got}");
    // Exactly at the limit: {2: "aaa…"}, 1 + 1 + 3 + 1019 = 1024 bytes, is accepted.
    let mut at_limit = bytes("c8 0400 0c 81 02 da 03fb");
    at_limit.extend(std::iter::repeat_n(b'a', 1019));
    assert_eq!(decode(&at_limit, &Type::String), Ok(Value::Unknown));
}

#[test]
fn huge_declared_lengths_do_not_allocate() {
    // array32 claiming 4 billion elements, followed by nothing.
    let err = decode(&bytes("dd ffffffff"), &list(Type::String)).expect_err("truncated");
    assert!(err.0.contains("ends unexpectedly"), "{err}");
}

#[test]
fn initial_capacity_is_bounded_whatever_the_header_says() {
    use super::decode::{initial_capacity, MAX_INITIAL_CAPACITY};
    assert_eq!(initial_capacity(3, 100), 3);
    assert_eq!(initial_capacity(100, 3), 3);
    assert_eq!(
        initial_capacity(u32::MAX as usize, 256 << 20),
        MAX_INITIAL_CAPACITY
    );
    assert_eq!(
        initial_capacity(usize::MAX, usize::MAX),
        MAX_INITIAL_CAPACITY
    );
}

#[test]
fn a_list_longer_than_the_initial_capacity_still_decodes() {
    let n = super::decode::MAX_INITIAL_CAPACITY * 3 + 1;
    let mut input = vec![0xdd];
    input.extend_from_slice(&(n as u32).to_be_bytes());
    input.resize(input.len() + n, 0x01);
    let Value::List(items) = decode(&input, &list(Type::Number)).expect("decodes") else {
        panic!("a list");
    };
    assert_eq!(items.len(), n);
    assert!(items.iter().all(|v| *v == int(1)));
}
