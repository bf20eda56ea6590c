use std::cmp::Ordering;

use super::{Number, WireNumber, MAX_DECIMAL_EXPONENT};

fn p(text: &str) -> Number {
    Number::parse(text).unwrap_or_else(|| panic!("{text:?} should parse"))
}

fn f(v: f64) -> Number {
    Number::from_f64(v).expect("not NaN")
}

#[test]
fn parse_accepts_cty_decimal_syntax() {
    let cases = [
        ("0", "0"),
        ("-0", "0"),
        ("12", "12"),
        ("+12", "12"),
        ("-1.5", "-1.5"),
        ("1.50", "1.5"),
        ("001.2300", "1.23"),
        ("1.", "1"),
        (".5", "0.5"),
        ("-.5e1", "-5"),
        ("1e3", "1000"),
        ("1E+3", "1000"),
        ("12.5e-3", "0.0125"),
        ("0.001", "0.001"),
        (
            "123456789012345678901234567890",
            "123456789012345678901234567890",
        ),
        ("-1234567890.0987654321", "-1234567890.0987654321"),
        ("Inf", "+Inf"),
        ("+inf", "+Inf"),
        ("-Inf", "-Inf"),
    ];
    for (text, shown) in cases {
        assert_eq!(p(text).to_string(), shown, "parse({text:?})");
    }
    let big = p("1e400").to_string();
    assert_eq!(big.len(), 401);
    assert!(big.starts_with("10000") && big.bytes().skip(1).all(|b| b == b'0'));
    let tiny = p("1e-400").to_string();
    assert_eq!(tiny.len(), 402);
    assert!(tiny.starts_with("0.000") && tiny.ends_with("01"));
}

#[test]
fn parse_rejects_junk() {
    for text in [
        "",
        "-",
        "+",
        ".",
        "e5",
        "1e",
        "1e+",
        "1.2.3",
        "1,5",
        " 1",
        "1 ",
        "0x10",
        "1_000",
        "NaN",
        "nan",
        "Infinity",
        "inf5",
        "--1",
        "1e5.5",
        "1p3",
        "١",
        "1e2000000",
        "1e-2000000",
        // Beyond MAX_DECIMAL_EXPONENT: 4097 digits before the point, or 4097 zeros after it.
        "1e4096",
        "-1e4096",
        "10000e4092",
        "1e-4098",
        "0.1e-4097",
    ] {
        assert!(Number::parse(text).is_none(), "{text:?} should be rejected");
    }
    // A huge exponent on zero is still zero.
    assert_eq!(p("0e999999999999999999999"), Number::from_i64(0));
}

/// Found by fuzzing (`fuzz/regressions/number/`): `9e999999`, 8 bytes, used to print
/// (and go back to Terraform) as a megabyte of digits that took seconds to parse
/// again. Now every accepted number prints in at most about 4 KiB more than it was
/// written in.
#[test]
fn printed_text_grows_by_a_bounded_amount() {
    let bound = usize::try_from(MAX_DECIMAL_EXPONENT).unwrap() + 3;
    for text in [
        "9.99e4095",
        "-1e4095",
        "1e-4097",
        "-0.5e-4096",
        "123.456e4090",
    ] {
        let number = Number::parse(text).unwrap_or_else(|| panic!("{text:?} is accepted"));
        let printed = number.to_string();
        assert!(
            printed.len() <= text.len() + bound,
            "{text:?} prints as {} bytes",
            printed.len()
        );
        assert_eq!(Number::parse(&printed), Some(number), "{text:?}");
    }
}

#[test]
fn from_f64_rejects_nan_only() {
    assert!(Number::from_f64(f64::NAN).is_none());
    assert!(Number::from_f64(f64::INFINITY).is_some());
    assert!(Number::from_f64(f64::NEG_INFINITY).is_some());
}

#[test]
fn only_the_infinities_are_infinite() {
    for text in ["+Inf", "-Inf"] {
        assert!(p(text).is_infinite(), "{text}");
    }
    for text in ["0", "-1", "1e300", "9e4000", "0.5"] {
        assert!(!p(text).is_infinite(), "{text}");
    }
    assert!(Number::from_f64(f64::INFINITY).is_some_and(|n| n.is_infinite()));
    assert!(Number::from_f64(f64::MAX).is_some_and(|n| !n.is_infinite()));
}

#[test]
fn equality_is_numeric_across_forms() {
    assert_eq!(Number::from_i64(1), f(1.0));
    assert_eq!(Number::from_i64(1), p("1"));
    assert_eq!(f(1.0), p("1.000"));
    assert_eq!(f(0.5), p("0.5"));
    assert_eq!(f(-0.0), Number::from_i64(0));
    assert_eq!(Number::from_u64(u64::MAX), p("18446744073709551615"));
    assert_eq!(Number::from_u64(7), Number::from_i64(7));
    assert_eq!(f(f64::INFINITY), p("+Inf"));
    assert_eq!(f(1e22), p("1e22"));
    // 1e300 is not exactly representable as a float64.
    assert_ne!(f(1e300), p("1e300"));
    // 0.1 as a float64 is not exactly one tenth.
    assert_ne!(f(0.1), p("0.1"));
    assert_eq!(
        f(0.1),
        p("0.1000000000000000055511151231257827021181583404541015625")
    );
    assert_ne!(Number::from_i64(1), p("1.0000000000000000000000001"));
    assert_ne!(f(f64::INFINITY), f(f64::NEG_INFINITY));
}

#[test]
fn ordering_is_exact() {
    let ordered = [
        f(f64::NEG_INFINITY),
        p("-1e400"),
        Number::from_i64(i64::MIN),
        f(-1.5),
        p("-1e-400"),
        Number::from_i64(0),
        p("1e-400"),
        f(5e-324),
        p("0.5"),
        Number::from_i64(1),
        p("1.0000000000000000000000001"),
        Number::from_i64(i64::MAX),
        Number::from_u64(u64::MAX),
        p("123456789012345678901234567890"),
        f(1e300),
        p("1e400"),
        f(f64::INFINITY),
    ];
    for (i, a) in ordered.iter().enumerate() {
        for (j, b) in ordered.iter().enumerate() {
            assert_eq!(a.cmp(b), i.cmp(&j), "{a} vs {b}");
        }
    }
}

#[test]
fn cmp_i64_is_exact_for_any_size() {
    assert_eq!(
        p("123456789012345678901234567890").cmp_i64(i64::MAX),
        Ordering::Greater
    );
    assert_eq!(
        p("-123456789012345678901234567890").cmp_i64(i64::MIN),
        Ordering::Less
    );
    assert_eq!(p("1e-400").cmp_i64(0), Ordering::Greater);
    assert_eq!(p("-1e-400").cmp_i64(0), Ordering::Less);
    assert_eq!(
        p("9223372036854775807.5").cmp_i64(i64::MAX),
        Ordering::Greater
    );
    // 2^63 as a float is one more than i64::MAX.
    assert_eq!(f(2f64.powi(63)).cmp_i64(i64::MAX), Ordering::Greater);
    assert_eq!(f(1.0).cmp_i64(1), Ordering::Equal);
    assert_eq!(f(0.999).cmp_i64(1), Ordering::Less);
    assert_eq!(
        Number::from_u64(u64::MAX).cmp_i64(i64::MAX),
        Ordering::Greater
    );
    assert_eq!(f(f64::NEG_INFINITY).cmp_i64(i64::MIN), Ordering::Less);
    assert_eq!(Number::from_i64(-3).cmp_i64(-2), Ordering::Less);
}

#[test]
fn wholeness_and_exact_integers() {
    assert!(p("1e400").is_whole());
    assert!(!p("0.5").is_whole());
    assert!(!p("1e-400").is_whole());
    assert!(p("10.000").is_whole());
    assert!(f(3.0).is_whole());
    assert!(!f(3.25).is_whole());
    assert!(!f(f64::INFINITY).is_whole());
    assert!(Number::from_u64(u64::MAX).is_whole());

    assert_eq!(p("10.000").to_u64_exact(), Some(10));
    assert_eq!(p("1e19").to_u64_exact(), Some(10_000_000_000_000_000_000));
    assert_eq!(p("1e19").to_i64_exact(), None);
    assert_eq!(p("18446744073709551615").to_u64_exact(), Some(u64::MAX));
    assert_eq!(p("18446744073709551616").to_u64_exact(), None);
    assert_eq!(p("-9223372036854775808").to_i64_exact(), Some(i64::MIN));
    assert_eq!(p("-9223372036854775809").to_i64_exact(), None);
    assert_eq!(p("1e400").to_u64_exact(), None);
    assert_eq!(p("0.5").to_u64_exact(), None);
    assert_eq!(p("-1").to_u64_exact(), None);
    assert_eq!(p("-1").to_i64_exact(), Some(-1));
    assert_eq!(f(1e19).to_u64_exact(), Some(10_000_000_000_000_000_000));
    assert_eq!(f(18446744073709551616.0).to_u64_exact(), None);
    assert_eq!(f(-(2f64.powi(63))).to_i64_exact(), Some(i64::MIN));
    assert_eq!(f(2.5).to_i64_exact(), None);
    assert_eq!(f(f64::INFINITY).to_u64_exact(), None);
    assert_eq!(Number::from_u64(u64::MAX).to_u64_exact(), Some(u64::MAX));
    assert_eq!(Number::from_u64(u64::MAX).to_i64_exact(), None);
    assert_eq!(Number::from_i64(-5).to_u64_exact(), None);
}

#[test]
fn display_is_plain_decimal() {
    let cases = [
        (Number::from_i64(10), "10"),
        (Number::from_i64(-42), "-42"),
        (Number::from_u64(u64::MAX), "18446744073709551615"),
        (f(1.5), "1.5"),
        (f(10.0), "10"),
        (f(0.001), "0.001"),
        (f(0.1), "0.1"),
        (f(-0.0), "0"),
        (f(1e21), "1000000000000000000000"),
        (f(1.5e-7), "0.00000015"),
        (f(f64::INFINITY), "+Inf"),
        (f(f64::NEG_INFINITY), "-Inf"),
    ];
    for (n, shown) in cases {
        assert_eq!(n.to_string(), shown);
    }
}

#[test]
fn wire_form_keeps_the_arrival_form() {
    assert_eq!(Number::from_i64(-7).wire_form(), WireNumber::Int(-7));
    assert_eq!(
        Number::from_u64(u64::MAX).wire_form(),
        WireNumber::UInt(u64::MAX)
    );
    assert_eq!(f(1.0).wire_form(), WireNumber::Float(1.0));
    // Decimal text follows Terraform's encoder: int64, else exact float64, else text.
    assert_eq!(p("5").wire_form(), WireNumber::Int(5));
    assert_eq!(p("5e3").wire_form(), WireNumber::Int(5000));
    assert_eq!(p("1.5").wire_form(), WireNumber::Float(1.5));
    assert_eq!(p("0.1").wire_form(), WireNumber::Text("0.1".into()));
    assert_eq!(
        p("18446744073709551615").wire_form(),
        WireNumber::Text("18446744073709551615".into())
    );
    assert_eq!(p("1e20").wire_form(), WireNumber::Float(1e20));
    assert_eq!(
        p("123456789012345678901234567890").wire_form(),
        WireNumber::Text("123456789012345678901234567890".into())
    );
    assert_eq!(p("-Inf").wire_form(), WireNumber::Float(f64::NEG_INFINITY));
}

#[test]
fn lossy_f64_is_nearest() {
    assert_eq!(p("0.1").to_f64_lossy(), 0.1);
    assert_eq!(p("1e400").to_f64_lossy(), f64::INFINITY);
    assert_eq!(
        Number::from_u64(u64::MAX).to_f64_lossy(),
        18446744073709551615.0
    );
}

#[test]
fn debug_shows_value_and_form() {
    assert_eq!(format!("{:?}", Number::from_i64(5)), "Number(int 5)");
    assert_eq!(format!("{:?}", p("0.10")), "Number(decimal 0.1)");
    assert_eq!(format!("{:?}", f(1.5)), "Number(float 1.5)");
    assert_eq!(
        format!("{:?}", Number::from_u64(u64::MAX)),
        "Number(uint 18446744073709551615)"
    );
}
