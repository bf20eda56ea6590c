//! Drives the emulator over loopback HTTP with raw reqwest and the TC3 signer: each
//! auth rejection, each knob, STS and metadata flows, stats counting.
//!
//! One test binary; the tests are grouped by concept in `emulator/`.

#[path = "emulator/api.rs"]
mod api;
#[path = "emulator/call.rs"]
mod call;
#[path = "emulator/control.rs"]
mod control;
#[path = "emulator/credentials.rs"]
mod credentials;
#[path = "emulator/faults.rs"]
mod faults;
