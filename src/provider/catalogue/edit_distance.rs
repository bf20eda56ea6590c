//! Case-insensitive edit distance, for "did you mean ...?" on unknown region names.

/// Levenshtein distance between `a` and `b`, ignoring ASCII case.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The candidate closest to `given`, when it is close enough to be a likely typo:
/// at most a third of the longer name's length (and at least 1) edits away. Ties go
/// to the first candidate. An exact (case-sensitive) match is not a suggestion.
pub fn did_you_mean<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .filter(|c| **c != given)
        .map(|c| (edit_distance(given, c), *c))
        .filter(|(d, c)| *d <= (given.chars().count().max(c.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        let cases = [
            ("", "", 0),
            ("a", "", 1),
            ("", "abc", 3),
            ("EastChina", "EastChina", 0),
            ("eastchina", "EastChina", 0),
            ("EastChna", "EastChina", 1),
            ("EastChian", "EastChina", 2),
            ("Japn", "Japan", 1),
            ("kitten", "sitting", 3),
            ("Russia", "Canada", 5),
        ];
        for (a, b, want) in cases {
            assert_eq!(edit_distance(a, b), want, "{a} {b}");
            assert_eq!(edit_distance(b, a), want, "{b} {a}");
        }
    }

    #[test]
    fn suggestions() {
        let regions = ["SouthChina", "EastChina", "NorthChina", "Japan", "Korea"];
        let cases = [
            ("eastchina", Some("EastChina")),
            ("EastChna", Some("EastChina")),
            ("Japn", Some("Japan")),
            ("Kora", Some("Korea")),
            ("Atlantis", None),
            ("Mars", None),
            ("EastChina", None),
        ];
        for (given, want) in cases {
            assert_eq!(did_you_mean(given, &regions), want, "{given}");
        }
    }
}
