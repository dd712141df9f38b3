//! The reference implementation of Chime SDK Messaging (and the identity operations it needs).

pub mod domain;
pub mod http;
