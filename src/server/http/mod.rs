//! The wire side of the server: routing from the model, request decoding, error rendering.
