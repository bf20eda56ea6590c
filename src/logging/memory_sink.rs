//! [`MemorySink`]: log lines kept in memory, for tests (behind the `test-support`
//! feature outside this crate's own tests).

use std::sync::{Arc, Mutex};

use super::layer::LineSink;

/// An in-memory sink for tests.
#[derive(Debug, Default, Clone)]
pub struct MemorySink(pub Arc<Mutex<Vec<u8>>>);

impl MemorySink {
    /// Everything written so far.
    pub fn contents(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl LineSink for MemorySink {
    fn write_line(&self, line: &[u8]) {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(line);
        }
    }
}
