//! tfplugin5: values, schemas, diagnostics and the gRPC service.
//!
//! Only this layer touches the generated protobuf types (in [`proto`], private to the
//! crate's protocol layer); everything above works with the types defined here.

pub mod diagnostics;
pub mod json;
pub mod msgpack;
pub mod number;
pub mod provider_api;
pub mod schema;
pub mod value;

pub use diagnostics::{AttributePath, Diagnostic, Diagnostics, Severity};
pub use number::Number;
pub use provider_api::*;
pub use schema::*;
pub use value::{Type, Value};
