//! `result_output_file`: a data source's result as JSON, written the way the official
//! provider's users expect, but atomically and private to the user. The shared read
//! writes it for every data source whose table has the argument.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::protocol::decode::{AttrDef, Kind};
use crate::provider::validators::Check;

/// The argument's name, the same in every data source (as in the official provider).
pub const RESULT_OUTPUT_FILE: &str = "result_output_file";

/// The argument of a data source whose file is its whole state.
pub const RESULT_OUTPUT_FILE_ARGUMENT: AttrDef =
    AttrDef::optional(RESULT_OUTPUT_FILE, Kind::String)
        .checks(&[&Check::NonEmpty])
        .text(
            "Path of a file to also write the result to: the arguments and computed attributes \
         as one JSON object keyed by attribute name (written atomically, mode 0600). A \
         leading `~` or `~/` is the home directory (`HOME`, else `USERPROFILE`), and \
         missing parent directories are created (mode 0700).",
        );

/// The variables the home directory is read from, in order, as the official provider
/// (go-homedir) reads them: `HOME` on every system, `USERPROFILE` on Windows.
pub const HOME_VARIABLES: [&str; 2] = ["HOME", "USERPROFILE"];

/// `given` with a leading `~` or `~/` replaced by `home` (from [`HOME_VARIABLES`]);
/// other paths as given. `~name/...` (another user's home) is refused, as the
/// official provider refuses it, rather than written to a directory named `~name`.
pub fn expand_home(given: &str, home: Option<OsString>) -> Result<PathBuf, String> {
    let Some(rest) = given.strip_prefix('~') else {
        return Ok(PathBuf::from(given));
    };
    let mut chars = rest.chars();
    match chars.next() {
        None => {}
        Some(c) if std::path::is_separator(c) => {}
        Some(_) => {
            return Err(format!(
                "{given:?} starts with ~ followed by a name; only ~ and ~/ (your own home \
                 directory) are expanded"
            ))
        }
    }
    let home = home.filter(|h| !h.is_empty()).ok_or_else(|| {
        format!(
            "{given:?} starts with ~, but neither {} nor {} names a home directory",
            HOME_VARIABLES[0], HOME_VARIABLES[1]
        )
    })?;
    Ok(PathBuf::from(home).join(chars.as_str()))
}

/// [`expand_home`] with the home directory of this process's environment.
pub fn resolve_path(given: &str) -> Result<PathBuf, String> {
    let home = HOME_VARIABLES.iter().find_map(std::env::var_os);
    expand_home(given, home)
}

/// Writes `record` to `path` as pretty JSON with a trailing newline, fields in the
/// record's order: a temporary file in the same directory (so the rename
/// cannot cross filesystems), mode 0600, flushed to disk, then renamed over `path`.
/// A reader sees the old file or the new one, never half of one.
pub fn write_result_file(path: &Path, record: &impl Serialize) -> std::io::Result<()> {
    let mut body = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
    body.push(b'\n');
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    create_private_dirs(dir)?;
    let mut file = tempfile::Builder::new()
        .prefix(".gaap-result-")
        .tempfile_in(dir)?;
    set_private(file.as_file())?;
    file.write_all(&body)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Creates `dir` and its missing parents, each mode 0700 on Unix; directories that
/// already exist are left as they are.
fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(unix)]
fn set_private(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile already creates 0600 on Unix; set it explicitly so that stays true.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> serde_json::Value {
        serde_json::json!({"check_flag": 1, "request_id": "req-1", "access_region": "SouthChina"})
    }

    #[test]
    fn writes_json_in_fixed_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_result_file(&path, &record()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "{\n  \"check_flag\": 1,\n  \"request_id\": \"req-1\",\n  \"access_region\": \"SouthChina\"\n}\n"
        );
        // Only the result file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private_even_when_replacing_a_public_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_result_file(&path, &record()).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(std::fs::read_to_string(&path).unwrap().contains("req-1"));
    }

    #[cfg(unix)]
    #[test]
    fn missing_directories_are_created_private_and_only_those() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("existing");
        std::fs::create_dir(&existing).unwrap();
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = existing.join("new/deeper/out.json");
        write_result_file(&path, &record()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&existing),
            0o755,
            "an existing directory is not changed"
        );
        assert_eq!(mode(&existing.join("new")), 0o700);
        assert_eq!(mode(&existing.join("new/deeper")), 0o700);
        assert_eq!(mode(&path), 0o600);
        // A file where a directory should be is still an error.
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "x").unwrap();
        assert!(write_result_file(&blocked.join("out.json"), &record()).is_err());
    }

    #[test]
    fn home_is_expanded_only_at_the_start() {
        let home = || Some(OsString::from("/home/ada"));
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("~", Ok("/home/ada")),
            ("~/out.json", Ok("/home/ada/out.json")),
            ("~/a/b.json", Ok("/home/ada/a/b.json")),
            ("out/~/x.json", Ok("out/~/x.json")),
            ("/tmp/~x.json", Ok("/tmp/~x.json")),
            ("~bob/x.json", Err("only ~ and ~/")),
        ];
        for (given, want) in cases {
            let got = expand_home(given, home());
            match (want, got) {
                (Ok(w), Ok(g)) => assert_eq!(g, PathBuf::from(w), "{given}"),
                (Err(w), Err(g)) => assert!(g.contains(w), "{given}: {g}"),
                (w, g) => panic!("{given}: want {w:?}, got {g:?}"),
            }
        }
        let no_home = expand_home("~/x.json", None).unwrap_err();
        assert!(
            no_home.contains("HOME") && no_home.contains("USERPROFILE"),
            "{no_home}"
        );
        assert!(expand_home("~/x.json", Some(OsString::new())).is_err());
        assert_eq!(expand_home("x.json", None), Ok(PathBuf::from("x.json")));
    }
}
