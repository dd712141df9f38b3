//! An operation of a model: its HTTP binding, input and output shapes, and the errors it lists.

use super::uri::UriTemplate;

#[derive(Debug, Clone)]
pub struct Operation {
    pub name: String,
    pub http: HttpBinding,
    pub input: Option<String>,
    pub output: Option<String>,
    /// The error shapes the operation lists, in model order.
    pub errors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct HttpBinding {
    pub method: http::Method,
    pub uri: UriTemplate,
    /// The success status code (botocore's default is 200).
    pub success_code: u16,
}
