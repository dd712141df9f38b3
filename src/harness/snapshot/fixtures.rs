//! Fixtures the snapshot modules' tests share: a temporary directory, a listing snapshot, a
//! key, and a response as the wire client returns it.

use super::content::Snapshot;
use super::key::SnapshotKey;
use crate::model::Service;
use crate::wire;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("chime-snapshots-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

pub fn listing(content: &str) -> Snapshot {
    Snapshot::new(
        200,
        None,
        Some(json!({
            "ChannelArn": "<ChannelArn:1>",
            "ChannelMessages": [{"MessageId": "<MessageId:2>", "Content": content}]
        })),
    )
}

pub fn key() -> SnapshotKey {
    SnapshotKey::new(
        "/tmp/x/listing.feature",
        "Messages come back newest first",
        3,
    )
}

pub fn response(status: u16, headers: &[(&'static str, &str)], body: Value) -> wire::Response {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.insert(*k, v.parse().unwrap());
    }
    let error = wire::classify_error(status, &map, Some(&body));
    wire::Response {
        service: Service::Messaging,
        operation: "DescribeChannel".into(),
        status,
        headers: map,
        raw_body: bytes::Bytes::from(body.to_string()),
        body: Some(body),
        body_error: None,
        request_id: None,
        latency: Duration::from_millis(3),
        error,
    }
}
