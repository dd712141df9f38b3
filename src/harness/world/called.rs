//! A call a scenario made, with its answer, and the one line that names it in messages.

use crate::wire;
use serde_json::Value;

/// The last call a scenario made.
#[derive(Debug, Clone)]
pub struct Called {
    pub operation: String,
    /// The input the call was sent with (SDK member names), for the reports.
    pub input: Value,
    pub response: wire::Response,
}

impl Called {
    pub fn body(&self) -> Option<&Value> {
        self.response.body.as_ref()
    }

    /// "SendChannelMessage (request id abc, HTTP 400 BadRequestException: too long)".
    pub fn describe(&self) -> String {
        let r = &self.response;
        let mut s = format!("{} (", self.operation);
        if let Some(id) = &r.request_id {
            s.push_str(&format!("request id {id}, "));
        }
        s.push_str(&format!("HTTP {}", r.status));
        if let Some(e) = &r.error {
            s.push_str(&format!(" {}", e.shape));
            if let Some(m) = &e.message {
                s.push_str(&format!(": {m}"));
            }
        }
        s.push(')');
        s
    }
}
