//! The restJson1 client: requests built from the model bindings, SigV4-signed, sent with timeouts.
