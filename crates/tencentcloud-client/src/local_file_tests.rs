use super::*;
use std::time::Instant;

/// Well above a local read, well below the time bound: a check that something
/// answered "at once" rather than after a hang or a time-out.
const PROMPTLY: Duration = Duration::from_secs(2);

const LIMIT: u64 = 64 * 1024;

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo(3) with a NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
}

/// The process's peak resident set so far, in bytes (Linux reports KiB).
#[cfg(target_os = "linux")]
fn peak_rss_bytes() -> u64 {
    // SAFETY: getrusage(2) fills the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_SELF, &mut usage), 0);
        usage
    };
    usage.ru_maxrss as u64 * 1024
}

#[cfg(unix)]
#[tokio::test]
async fn a_fifo_without_a_writer_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("default.credential");
    mkfifo(&fifo);
    let started = Instant::now();
    let error = read_text(&fifo, LIMIT).await.unwrap_err();
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
    assert_eq!(
        error.to_string(),
        "is a FIFO (named pipe), not a regular file"
    );
}

/// The second line of defence, for a FIFO swapped in after the first check: opening
/// it does not wait for a writer, and the handle's own type refuses it.
#[cfg(unix)]
#[test]
fn opening_a_fifo_does_not_block_and_its_handle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("token");
    mkfifo(&fifo);
    let (done, finished) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let checked = open_nonblocking(&path)
            .map_err(LocalFileError::Io)
            .and_then(|file| check_regular(&file.metadata().map_err(LocalFileError::Io)?));
        let _ = done.send(checked);
    });
    let checked = finished
        .recv_timeout(PROMPTLY)
        .expect("opening a FIFO without a writer blocked");
    assert!(
        matches!(checked, Err(LocalFileError::NotRegular(k)) if k.contains("FIFO")),
        "{checked:?}"
    );
}

#[tokio::test]
async fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let error = read_text(dir.path(), LIMIT).await.unwrap_err();
    assert_eq!(error.to_string(), "is a directory, not a regular file");
}

#[tokio::test]
async fn a_missing_file_and_a_dangling_symlink_do_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert!(matches!(
        read_text(&missing, LIMIT).await,
        Err(LocalFileError::NotFound)
    ));
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&missing, &link).unwrap();
        assert!(matches!(
            read_text(&link, LIMIT).await,
            Err(LocalFileError::NotFound)
        ));
    }
}

/// TKE mounts the projected token as `token -> ..data/token`.
#[cfg(unix)]
#[tokio::test]
async fn a_symlink_to_a_regular_file_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("..data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("token"), "eyJ.a.b\n").unwrap();
    let link = dir.path().join("token");
    std::os::unix::fs::symlink("..data/token", &link).unwrap();
    assert_eq!(read_text(&link, LIMIT).await.unwrap(), "eyJ.a.b\n");
}

#[cfg(unix)]
#[tokio::test]
async fn a_symlink_to_a_fifo_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let link = dir.path().join("token");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let error = read_text(&link, LIMIT).await.unwrap_err();
    assert!(error.to_string().contains("is a FIFO"), "{error}");
}

#[cfg(unix)]
#[tokio::test]
async fn a_character_device_is_refused_without_being_opened() {
    // /dev/zero would hand out bytes for ever; it is never read.
    let error = read_text(Path::new("/dev/zero"), LIMIT).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "is a character device, not a regular file"
    );
}

#[tokio::test]
async fn a_file_exactly_at_the_limit_is_read_one_byte_more_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let at = dir.path().join("at");
    std::fs::write(&at, "x".repeat(LIMIT as usize)).unwrap();
    assert_eq!(read_text(&at, LIMIT).await.unwrap().len() as u64, LIMIT);
    let over = dir.path().join("over");
    std::fs::write(&over, "x".repeat(LIMIT as usize + 1)).unwrap();
    let error = read_text(&over, LIMIT).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "is larger than the limit of 64 KiB (65536 bytes)"
    );
}

/// A 1 GiB file (sparse: no disk used) is refused, quickly and without its content
/// ever being held in memory.
#[tokio::test]
async fn an_oversized_sparse_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("default.credential");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    #[cfg(target_os = "linux")]
    let peak_before = peak_rss_bytes();
    let started = Instant::now();
    let error = read_text(&huge, LIMIT).await.unwrap_err();
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
    assert!(
        matches!(error, LocalFileError::TooLarge { limit: LIMIT }),
        "{error:?}"
    );
    assert!(error.to_string().contains("65536 bytes"), "{error}");
    #[cfg(target_os = "linux")]
    {
        let grown = peak_rss_bytes().saturating_sub(peak_before);
        assert!(grown < 64 << 20, "peak memory grew by {grown} bytes");
    }
}

/// The cap holds for what is read, not only for the size the file claims (`/proc`
/// files claim 0 bytes; a file may grow while read): an endless reader stops after
/// `limit + 1` bytes.
#[test]
fn the_read_itself_stops_one_byte_past_the_limit() {
    let endless = std::io::repeat(b'x');
    assert!(matches!(
        read_at_most(endless, 10),
        Err(LocalFileError::TooLarge { limit: 10 })
    ));
    assert_eq!(read_at_most(&b"0123456789"[..], 10).unwrap().len(), 10);
}

#[tokio::test]
async fn binary_content_is_not_text_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bin");
    std::fs::write(&file, b"secret\xff\xfe").unwrap();
    let error = read_text(&file, LIMIT).await.unwrap_err();
    assert_eq!(error.to_string(), "is not UTF-8 text");
}

/// A read stuck in the kernel (a hung network filesystem; no test can make a regular
/// local file hang, so a blocked closure stands in for it) ends with a time-out.
#[tokio::test]
async fn a_stuck_read_times_out() {
    let started = Instant::now();
    let result: Result<(), _> = off_thread(Duration::from_millis(100), || loop {
        std::thread::park();
    })
    .await;
    assert!(
        matches!(result, Err(LocalFileError::TimedOut(_))),
        "{result:?}"
    );
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
    let shown = result.unwrap_err().to_string();
    assert!(
        shown.starts_with("could not be read within 0.1 s"),
        "{shown}"
    );
}

/// Terraform's stop drops the read's future: the wait ends at once, long before the
/// time bound, though the thread stays stuck.
#[tokio::test]
async fn a_stuck_read_ends_when_its_future_is_dropped() {
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let reading = off_thread(LOCAL_READ_TIMEOUT, || -> Result<(), _> {
        loop {
            std::thread::park();
        }
    });
    let started = Instant::now();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        stop.send_replace(true);
    });
    let outcome = tokio::select! {
        result = reading => Some(result),
        () = crate::cancel::cancelled(&mut stopped) => None,
    };
    assert!(outcome.is_none(), "{outcome:?}");
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
}

/// The runtime that started a stuck read shuts down without waiting for it (a read
/// on tokio's blocking pool would hold the runtime's drop, and so the process's
/// orderly exit, for ever).
#[test]
fn a_stuck_read_does_not_hold_the_runtime_shutdown() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let result: Result<(), _> =
            runtime.block_on(off_thread(Duration::from_millis(20), || loop {
                std::thread::park();
            }));
        drop(runtime);
        let _ = done.send(result.is_err());
    });
    let timed_out = finished
        .recv_timeout(PROMPTLY)
        .expect("the runtime's shutdown waited for the stuck read");
    assert!(timed_out);
}

#[test]
fn errors_become_credential_errors_that_name_the_file() {
    let subject = "the shared credentials file /d/default.credential";
    let invalid = LocalFileError::NotRegular("a FIFO (named pipe)")
        .into_credential_error(subject, "Use a regular file");
    assert_eq!(
        invalid,
        CredentialError::Invalid(
            "the shared credentials file /d/default.credential is a FIFO (named pipe), not a \
             regular file. Use a regular file"
                .to_owned()
        )
    );
    let late = LocalFileError::TimedOut(LOCAL_READ_TIMEOUT).into_credential_error(subject, "");
    assert!(
        matches!(&late, CredentialError::Fetch(m) if m.contains("within 10 s")),
        "{late:?}"
    );
}

#[test]
fn limits_are_described_in_kib_and_bytes() {
    assert_eq!(describe_limit(64 * 1024), "64 KiB (65536 bytes)");
    assert_eq!(describe_limit(256 * 1024), "256 KiB (262144 bytes)");
    assert_eq!(describe_limit(1000), "1000 bytes");
}
