//! The plugin's listening socket.
//!
//! go-plugin servers listen on a Unix socket on every OS but Windows, and on TCP
//! `127.0.0.1` (ports tried from `PLUGIN_MIN_PORT` to `PLUGIN_MAX_PORT`) on Windows.
//! We put the socket in a fresh private directory (mode 0700, from `tempfile`), so
//! no other local user can connect, and remove it when the guard is dropped.
//! `sun_path` holds 108 bytes on Linux and 104 on macOS; a long `$TMPDIR` made Go
//! providers crash (hashicorp/terraform#22198), so we fall back to `/tmp` then.

use std::io;
use std::path::{Path, PathBuf};

use super::handshake::Network;

/// Directory for the socket when set (go-plugin's client sets it only for custom runners).
pub const UNIX_SOCKET_DIR_ENV: &str = "PLUGIN_UNIX_SOCKET_DIR";
/// Lowest TCP port to try on Windows.
pub const MIN_PORT_ENV: &str = "PLUGIN_MIN_PORT";
/// Highest TCP port to try on Windows.
pub const MAX_PORT_ENV: &str = "PLUGIN_MAX_PORT";

/// Longest socket path we create; below macOS's 104-byte `sun_path` with room for the NUL.
pub const MAX_SOCKET_PATH_LEN: usize = 100;

/// Name of the socket file inside the private directory.
const SOCKET_FILE_NAME: &str = "plugin.sock";

/// Prefix of the private socket directory: go-plugin's own server names its socket
/// `plugin<random>` (`server.go`, `serverListener_unix`), and it names no provider.
const SOCKET_DIR_PREFIX: &str = "plugin";

/// A connection accepted by [`PluginListener`].
#[cfg(unix)]
pub type RawStream = tokio::net::UnixStream;
/// A connection accepted by [`PluginListener`].
#[cfg(windows)]
pub type RawStream = tokio::net::TcpStream;

/// A bound listener and the address to announce.
pub struct PluginListener {
    #[cfg(unix)]
    inner: tokio::net::UnixListener,
    #[cfg(windows)]
    inner: tokio::net::TcpListener,
    address: String,
    guard: SocketGuard,
}

/// Removes the socket's private directory when dropped (nothing to do for TCP).
#[derive(Debug)]
pub struct SocketGuard {
    dir: Option<tempfile::TempDir>,
}

impl SocketGuard {
    /// Removes the directory now (and reports failures) instead of at drop.
    pub fn remove(mut self) -> io::Result<()> {
        match self.dir.take() {
            Some(dir) => dir.close(),
            None => Ok(()),
        }
    }
}

impl PluginListener {
    /// Binds the listener go-plugin would use on this OS, reading the environment.
    pub fn bind() -> io::Result<Self> {
        #[cfg(unix)]
        {
            let dir = std::env::var_os(UNIX_SOCKET_DIR_ENV).map(PathBuf::from);
            let tmp = std::env::var_os("TMPDIR").map(PathBuf::from);
            Self::bind_unix(&socket_parent_dir(dir.as_deref(), tmp.as_deref()))
        }
        #[cfg(windows)]
        {
            let min = std::env::var(MIN_PORT_ENV).ok();
            let max = std::env::var(MAX_PORT_ENV).ok();
            let (min, max) = port_range(min.as_deref(), max.as_deref());
            Self::bind_tcp(min, max)
        }
    }

    /// Binds a Unix socket in a new private directory under `parent`.
    #[cfg(unix)]
    pub fn bind_unix(parent: &Path) -> io::Result<Self> {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates directories with the umask's mode; make it private.
        let dir = tempfile::Builder::new()
            .prefix(SOCKET_DIR_PREFIX)
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir_in(parent)?;
        let path = dir.path().join(SOCKET_FILE_NAME);
        let len = path.as_os_str().len();
        if len > MAX_SOCKET_PATH_LEN {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "socket path {} is {len} bytes long; at most {MAX_SOCKET_PATH_LEN} fit in sun_path \
                     (set TMPDIR to a shorter directory)",
                    path.display()
                ),
            ));
        }
        let inner = tokio::net::UnixListener::bind(&path)?;
        Ok(Self {
            inner,
            address: path.to_string_lossy().into_owned(),
            guard: SocketGuard { dir: Some(dir) },
        })
    }

    /// Binds TCP on `127.0.0.1`, trying ports `min..=max` in order.
    #[cfg(windows)]
    pub fn bind_tcp(min: u16, max: u16) -> io::Result<Self> {
        let mut last_error = None;
        for port in min..=max {
            match std::net::TcpListener::bind(("127.0.0.1", port)) {
                Ok(listener) => {
                    listener.set_nonblocking(true)?;
                    let inner = tokio::net::TcpListener::from_std(listener)?;
                    let address = inner.local_addr()?.to_string();
                    return Ok(Self {
                        inner,
                        address,
                        guard: SocketGuard { dir: None },
                    });
                }
                Err(error) => last_error = Some(error),
            }
        }
        Err(last_error.unwrap_or_else(|| {
            io::Error::new(
                io::ErrorKind::AddrNotAvailable,
                format!("no free TCP port on 127.0.0.1 between {min} and {max}"),
            )
        }))
    }

    /// `unix` or `tcp`.
    pub fn network(&self) -> Network {
        #[cfg(unix)]
        {
            Network::Unix
        }
        #[cfg(windows)]
        {
            Network::Tcp
        }
    }

    /// The socket path or `127.0.0.1:PORT`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Separates the cleanup guard, so the listener can move into an accept task
    /// while the caller keeps the guard until exit.
    pub fn into_parts(self) -> (AcceptOnly, SocketGuard) {
        (AcceptOnly { inner: self.inner }, self.guard)
    }
}

/// The accepting half of a [`PluginListener`].
pub struct AcceptOnly {
    #[cfg(unix)]
    inner: tokio::net::UnixListener,
    #[cfg(windows)]
    inner: tokio::net::TcpListener,
}

impl AcceptOnly {
    /// Waits for the next connection.
    pub async fn accept(&self) -> io::Result<RawStream> {
        let (stream, _) = self.inner.accept().await?;
        Ok(stream)
    }
}

/// Where to create the socket directory: `PLUGIN_UNIX_SOCKET_DIR` if set, else
/// `$TMPDIR` when short enough for a socket path, else `/tmp`.
pub fn socket_parent_dir(socket_dir: Option<&Path>, tmpdir: Option<&Path>) -> PathBuf {
    // "/pluginXXXXXX/plugin.sock" is 25 bytes.
    const SUFFIX_LEN: usize = 25;
    let fits = |p: &Path| {
        !p.as_os_str().is_empty() && p.as_os_str().len() + SUFFIX_LEN <= MAX_SOCKET_PATH_LEN
    };
    match (socket_dir, tmpdir) {
        (Some(dir), _) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        (_, Some(tmp)) if fits(tmp) => tmp.to_path_buf(),
        _ => PathBuf::from("/tmp"),
    }
}

/// go-plugin's port range: the variables when both parse, else 10000..=25000.
pub fn port_range(min: Option<&str>, max: Option<&str>) -> (u16, u16) {
    const DEFAULT: (u16, u16) = (10000, 25000);
    match (
        min.and_then(|v| v.trim().parse::<u16>().ok()),
        max.and_then(|v| v.trim().parse::<u16>().ok()),
    ) {
        (Some(min), Some(max)) if min <= max && min > 0 => (min, max),
        _ => DEFAULT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_dir_choice() {
        let long = "/".to_owned() + &"d".repeat(90);
        let cases: &[(Option<&str>, Option<&str>, &str)] = &[
            (None, None, "/tmp"),
            (None, Some("/var/tmp"), "/var/tmp"),
            (None, Some(""), "/tmp"),
            (None, Some(&long), "/tmp"),
            (Some("/run/sock"), Some("/var/tmp"), "/run/sock"),
            (Some(""), Some("/var/tmp"), "/var/tmp"),
        ];
        for (dir, tmp, want) in cases {
            let got = socket_parent_dir(dir.map(Path::new), tmp.map(Path::new));
            assert_eq!(got, PathBuf::from(want), "{dir:?} {tmp:?}");
        }
    }

    #[test]
    fn port_range_table() {
        type Case<'a> = (Option<&'a str>, Option<&'a str>, (u16, u16));
        let cases: &[Case] = &[
            (Some("10000"), Some("25000"), (10000, 25000)),
            (Some("2000"), Some("2001"), (2000, 2001)),
            (None, None, (10000, 25000)),
            (Some("x"), Some("3"), (10000, 25000)),
            (Some("9"), Some("3"), (10000, 25000)),
            (Some("0"), Some("3"), (10000, 25000)),
        ];
        for (min, max, want) in cases {
            assert_eq!(port_range(*min, *max), *want, "{min:?} {max:?}");
        }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn unix_socket_is_private_and_removed() {
        use std::os::unix::fs::PermissionsExt;
        let base = tempfile::tempdir().unwrap();
        let listener = PluginListener::bind_unix(base.path()).unwrap();
        let path = PathBuf::from(listener.address());
        assert!(path.starts_with(base.path()));
        let dir = path.parent().unwrap().to_path_buf();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        assert_eq!(listener.network(), Network::Unix);

        let (accept, guard) = listener.into_parts();
        let client = tokio::net::UnixStream::connect(&path).await.unwrap();
        let server = accept.accept().await.unwrap();
        drop((client, server));

        guard.remove().unwrap();
        assert!(!dir.exists());
    }

    #[cfg(unix)]
    #[test]
    fn too_long_socket_path_is_refused_with_reason() {
        let base = tempfile::tempdir().unwrap();
        let deep = base.path().join("x".repeat(100));
        std::fs::create_dir(&deep).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let err = rt.block_on(async { PluginListener::bind_unix(&deep).err().unwrap() });
        assert!(err.to_string().contains("sun_path"), "{err}");
    }
}
