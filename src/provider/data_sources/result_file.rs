//! `result_output_file`: a data source's result as JSON, written the way the official
//! provider's users expect, but atomically and private to the user. The shared read
//! writes it for every data source whose table has the argument.

use std::io::Write;
use std::path::Path;

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
         as one JSON object keyed by attribute name (written atomically, mode 0600).",
        );

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
    let mut file = tempfile::Builder::new()
        .prefix(".gaap-result-")
        .tempfile_in(dir)?;
    set_private(file.as_file())?;
    file.write_all(&body)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
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

    #[test]
    fn missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.json");
        assert!(write_result_file(&path, &record()).is_err());
    }
}
