//! The restJson1 client: requests built from the model bindings, SigV4-signed, sent with timeouts.
//!
//! - [`build_request`]: an operation's input (SDK member names) to an unsigned HTTP request.
//! - [`sign`]: SigV4 and the credential sources.
//! - [`Client`]: endpoints, signing, sending; the answer read back as a [`Response`].
//! - [`classify_error`]: the error an answer names, as the SDKs find it.
//! - [`session`]: real-time messaging sessions (WebSocket), opened and recorded.

mod classify;
pub mod client;
mod error;
pub mod request;
mod response;
pub mod session;
pub mod sign;
mod timestamps;

pub use classify::{ErrorInfo, classify_error};
pub use client::{Client, ClientConfig};
pub use error::WireError;
pub use request::build_request;
pub use response::Response;
