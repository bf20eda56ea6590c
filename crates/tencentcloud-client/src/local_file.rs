//! Reading a small local file a user pointed the client at (tccli profile files, OIDC
//! token files) so that the read can neither hang nor exhaust memory. Every local
//! read of the crate goes through [`read_text`]:
//!
//! - symlinks are followed (TKE's projected token file is one), then the target must be
//!   a regular file: a FIFO with no writer blocks `open` forever, and a device, socket
//!   or directory is never what was meant. The type is checked before opening, so a
//!   device is never opened, and again with `fstat` on the opened handle, so a file
//!   swapped in between the two is caught;
//! - on Unix the file is opened with `O_NONBLOCK`, so opening a FIFO swapped in after
//!   the first check returns at once (and a file under another process's write lease
//!   answers `EWOULDBLOCK` instead of waiting out the lease), and `O_NOCTTY`;
//! - at most `limit + 1` bytes are read, whatever size the file claims, so an oversized
//!   file is refused without being read (and a 1 GiB file costs no more memory than
//!   the limit);
//! - the blocking calls run on a thread of their own, waited for at most
//!   [`LOCAL_READ_TIMEOUT`]: a hung network filesystem costs that thread, never the
//!   caller's event loop. Dropping the returned future (Terraform's stop, raced with
//!   [`crate::cancel::or_cancelled`]) ends the wait at once. The thread is detached, not
//!   one of tokio's blocking pool, whose shutdown would join it: neither a runtime's
//!   drop nor the process's exit ever waits for a read stuck in the kernel.
//!
//! Errors say what the path is and what went wrong, never what the file holds (it
//! may be a secret).

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::CredentialError;

/// How long a local file read may take. A local disk answers in milliseconds; a read
/// that takes longer is stuck (a hung network home directory), and the provider must
/// answer Terraform rather than wait for it.
pub const LOCAL_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Name of the thread each read runs on (shown in debuggers and `/proc`).
const THREAD_NAME: &str = "local-file-read";

/// Why a local file could not be read. `Display` is a predicate to follow the file's
/// name: "/x/default.credential is a FIFO (named pipe), not a regular file".
#[derive(Debug, thiserror::Error)]
pub enum LocalFileError {
    /// Nothing at the path (a dangling symlink included).
    #[error("does not exist")]
    NotFound,
    /// Something other than a regular file: what it is, with its article.
    #[error("is {0}, not a regular file")]
    NotRegular(&'static str),
    /// More than `limit` bytes.
    #[error("is larger than the limit of {}", describe_limit(*.limit))]
    TooLarge { limit: u64 },
    /// Not UTF-8 text.
    #[error("is not UTF-8 text")]
    NotText,
    /// The read did not finish in time.
    #[error(
        "could not be read within {} s (is it on a network filesystem that does not answer?)",
        .0.as_secs_f64()
    )]
    TimedOut(Duration),
    /// Any other failure of `stat`, `open` or `read` (permission denied, ...).
    #[error("cannot be read: {0}")]
    Io(#[source] io::Error),
}

impl LocalFileError {
    /// The credential error for a file described by `subject` (e.g. "the shared
    /// credentials file /x/default.credential"), followed by `advice`: a time-out is
    /// a failed fetch (the next try may succeed), anything else an invalid setting.
    pub fn into_credential_error(self, subject: &str, advice: &str) -> CredentialError {
        let message = if advice.is_empty() {
            format!("{subject} {self}")
        } else {
            format!("{subject} {self}. {advice}")
        };
        match self {
            LocalFileError::TimedOut(_) => CredentialError::Fetch(message),
            _ => CredentialError::Invalid(message),
        }
    }
}

/// A size limit as messages and docs quote it: `64 KiB (65536 bytes)`, or the bytes
/// alone when not a whole number of KiB.
pub fn describe_limit(limit: u64) -> String {
    if limit >= 1024 && limit.is_multiple_of(1024) {
        format!("{} KiB ({limit} bytes)", limit / 1024)
    } else {
        format!("{limit} bytes")
    }
}

/// The text of the regular file at `path` (symlinks followed), at most `limit` bytes,
/// read within [`LOCAL_READ_TIMEOUT`] off the caller's thread. See the module.
pub async fn read_text(path: &Path, limit: u64) -> Result<String, LocalFileError> {
    read_text_within(path, limit, LOCAL_READ_TIMEOUT).await
}

/// [`read_text`] with another time bound (tests).
pub(crate) async fn read_text_within(
    path: &Path,
    limit: u64,
    timeout: Duration,
) -> Result<String, LocalFileError> {
    let path: PathBuf = path.to_path_buf();
    let bytes = off_thread(timeout, move || read_capped(&path, limit)).await?;
    String::from_utf8(bytes).map_err(|_| LocalFileError::NotText)
}

/// Runs `op` on a detached thread of its own and waits at most `timeout` for it. A
/// stuck `op` keeps its thread; the caller gets [`LocalFileError::TimedOut`].
pub(crate) async fn off_thread<T: Send + 'static>(
    timeout: Duration,
    op: impl FnOnce() -> Result<T, LocalFileError> + Send + 'static,
) -> Result<T, LocalFileError> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(THREAD_NAME.to_owned())
        .spawn(move || {
            // The caller may have stopped waiting; nobody to tell then.
            let _ = answer.send(op());
        })
        .map_err(LocalFileError::Io)?;
    match tokio::time::timeout(timeout, answered).await {
        Ok(Ok(result)) => result,
        // The thread ended without answering: `op` panicked.
        Ok(Err(_)) => Err(LocalFileError::Io(io::Error::other(
            "the reading thread ended without an answer",
        ))),
        Err(_) => Err(LocalFileError::TimedOut(timeout)),
    }
}

/// The blocking part: check, open without blocking, check the handle, read at most
/// `limit + 1` bytes.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, LocalFileError> {
    // Before opening: a device is never opened, a FIFO never waited on.
    check_regular(&std::fs::metadata(path).map_err(io_error)?)?;
    let file = open_nonblocking(path).map_err(io_error)?;
    // The handle's own type: the path may have been swapped since.
    let metadata = file.metadata().map_err(io_error)?;
    check_regular(&metadata)?;
    if metadata.len() > limit {
        return Err(LocalFileError::TooLarge { limit });
    }
    read_at_most(file, limit)
}

/// At most `limit` bytes of `reader`: one byte more means too large. Files that
/// report a size of 0 (`/proc`) or grow while read are capped all the same.
fn read_at_most(reader: impl Read, limit: u64) -> Result<Vec<u8>, LocalFileError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(LocalFileError::TooLarge { limit });
    }
    Ok(bytes)
}

fn io_error(error: io::Error) -> LocalFileError {
    match error.kind() {
        io::ErrorKind::NotFound => LocalFileError::NotFound,
        _ => LocalFileError::Io(error),
    }
}

fn check_regular(metadata: &Metadata) -> Result<(), LocalFileError> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(());
    }
    Err(LocalFileError::NotRegular(kind(&file_type)))
}

/// What a file that is not a regular file is, with its article.
fn kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// Opens for reading without blocking: a FIFO's `open` waits for a writer unless
/// `O_NONBLOCK` is given. `O_NOCTTY`: a terminal never becomes the controlling one.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// Windows has no FIFOs in the filesystem; the type checks refuse anything else.
#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
#[path = "local_file_tests.rs"]
mod tests;
