//! An AppInstance's messaging streaming configurations (stored, never streamed to).

use super::context::{Ctx, Handler};
use super::error::ApiError;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("PutMessagingStreamingConfigurations", put_streaming);
    t.insert("GetMessagingStreamingConfigurations", get_streaming);
    t.insert("DeleteMessagingStreamingConfigurations", delete_streaming);
}

fn put_streaming(cx: &mut Ctx) -> Result<Value, ApiError> {
    let configs = cx.args.value("StreamingConfigurations")?.clone();
    cx.st.streaming = Some(configs.clone());
    Ok(json!({ "StreamingConfigurations": configs }))
}

fn get_streaming(cx: &mut Ctx) -> Result<Value, ApiError> {
    match &cx.st.streaming {
        Some(c) => Ok(json!({ "StreamingConfigurations": c })),
        None => Err(ApiError::not_found(
            "the AppInstance has no streaming configurations",
        )),
    }
}

fn delete_streaming(cx: &mut Ctx) -> Result<Value, ApiError> {
    cx.st.streaming = None;
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn streaming_configurations_are_put_got_and_deleted() {
        let fx = Fx::new();
        let e = fx.err(
            "GetMessagingStreamingConfigurations",
            json!({"AppInstanceArn": fx.inst}),
        );
        assert_eq!(e.shape, "NotFoundException");
        let cfg =
            json!([{"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:1:stream/s"}]);
        fx.ok(
            "PutMessagingStreamingConfigurations",
            json!({"AppInstanceArn": fx.inst, "StreamingConfigurations": cfg}),
        );
        let g = fx.ok(
            "GetMessagingStreamingConfigurations",
            json!({"AppInstanceArn": fx.inst}),
        );
        assert_eq!(g["StreamingConfigurations"], cfg);
        fx.ok(
            "DeleteMessagingStreamingConfigurations",
            json!({"AppInstanceArn": fx.inst}),
        );
    }
}
