//! Thousands of malformed requests over real HTTP, from a seeded generator: the server must
//! answer every one with a modelled client error (never a 5xx, never a dropped connection), and
//! keep serving normal requests afterwards. Some name real resources wrongly (an ARN with junk
//! after it, a path with an empty segment), so that a server which read them as the resource
//! would answer with a success.

// Shared with tests/arns_and_paths.rs, which reads every field of an answer; this test only
// makes the resources.
#[allow(dead_code)]
#[path = "common/resources.rs"]
mod resources;

use chime_conformance::model::{Location, Operation, Service, ShapeKind};
use chime_conformance::server::{self, ServerConfig};
use futures::StreamExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use reqwest::Method;
use resources::{Resources, Target};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const REQUESTS: usize = 10_000;
const SEED: u64 = 0x00c4_1e5e_ed00;
const BODY_LIMIT: usize = 16 * 1024;

/// One generated request and what kind of mistake it carries (for failure messages).
#[derive(Debug)]
struct Malformed {
    kind: &'static str,
    method: Method,
    path_and_query: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

fn all_operations() -> Vec<(Service, &'static Operation)> {
    Service::ALL
        .into_iter()
        .flat_map(|svc| svc.model().operations.values().map(move |op| (svc, op)))
        .collect()
}

fn encode(label: &str) -> String {
    percent_encoding::utf8_percent_encode(label, percent_encoding::NON_ALPHANUMERIC).to_string()
}

const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";

/// The operation's path with every label set to `label` (already encoded), plus its literals.
fn path(op: &Operation, label: &str, extra_query: &[String]) -> String {
    let path = op
        .http
        .uri
        .expand(|_| Some(String::new()))
        .unwrap_or_default();
    // Expanding with empty labels leaves `//`; put the raw label text in each empty slot.
    let mut out = String::new();
    for seg in path.split('/').skip(1) {
        out.push('/');
        out.push_str(if seg.is_empty() { label } else { seg });
    }
    let mut query: Vec<String> = op
        .http
        .uri
        .query_literals
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        })
        .collect();
    query.extend(extra_query.iter().cloned());
    if query.is_empty() {
        out
    } else {
        format!("{out}?{}", query.join("&"))
    }
}

fn bearer() -> (String, Vec<u8>) {
    ("x-amz-chime-bearer".into(), USER.as_bytes().to_vec())
}

/// The operation's path with every label naming a real resource, `junk` after the label it
/// names, and the operation's query literals.
fn real_path(op: &Operation, real: &Resources, junk: Option<(&str, &str)>) -> String {
    let path = op
        .http
        .uri
        .expand(|label| {
            let value = real.arn_for(label).unwrap_or("m1");
            Some(match junk {
                Some((l, tail)) if l == label => format!("{value}{tail}"),
                _ => value.to_owned(),
            })
        })
        .unwrap_or_default();
    match op.http.uri.raw.split_once('?') {
        Some((_, query)) => format!("{path}?{query}"),
        None => path,
    }
}

fn random_text(rng: &mut StdRng, len: usize) -> String {
    const CHARS: &[u8] = b"abcXYZ019:/%-_.~ !@#$^&*()[]{}<>?=+,;'\"\\";
    (0..len)
        .map(|_| *CHARS.choose(rng).unwrap_or(&b'x') as char)
        .collect()
}

/// A JSON value of the wrong type for a shape.
fn wrong_type(kind: &ShapeKind) -> Value {
    match kind {
        ShapeKind::String(_) | ShapeKind::Blob { .. } => json!(42),
        ShapeKind::Integer { .. } | ShapeKind::Long { .. } | ShapeKind::Double => json!("seven"),
        ShapeKind::Boolean => json!("yes"),
        ShapeKind::Timestamp => json!("tomorrow"),
        ShapeKind::List { .. } => json!({"not": "a list"}),
        ShapeKind::Map { .. } | ShapeKind::Structure(_) => json!([1, 2]),
    }
}

fn generate(
    rng: &mut StdRng,
    ops: &[(Service, &'static Operation)],
    real: &Resources,
) -> Malformed {
    let (service, op) = *ops.choose(rng).expect("operations");
    let model = service.model();
    let input = model.input_structure(op);
    let body_members: Vec<_> = input
        .map(|s| s.body_members().map(|(_, m)| m).collect())
        .unwrap_or_default();
    let has_labels = op.http.uri.labels().next().is_some();
    let channel = encode(CHANNEL);
    let mut m = Malformed {
        kind: "",
        method: op.http.method.clone(),
        path_and_query: path(op, &channel, &[]),
        headers: vec![bearer()],
        body: Vec::new(),
    };
    match rng.random_range(0..12) {
        0 if !body_members.is_empty() => {
            m.kind = "invalid JSON";
            let broken: &[&[u8]] = &[
                b"{",
                b"{\"Name\": }",
                b"[1, 2",
                b"nul",
                b"{\"a\":1}{",
                b"\xff\xfe{}",
                b"'single'",
            ];
            m.body = broken.choose(rng).unwrap_or(&&b"{"[..]).to_vec();
        }
        1 if !body_members.is_empty() => {
            m.kind = "wrong type";
            let member = body_members.choose(rng).expect("a body member");
            let kind = &model.shape(&member.target).expect("target shape").kind;
            let Location::Body { json_name } = &member.location else {
                unreachable!("body members are in the body")
            };
            m.body = json!({ json_name.as_str(): wrong_type(kind) })
                .to_string()
                .into_bytes();
        }
        2 if input.is_some_and(|s| !s.required.is_empty()) => {
            m.kind = "missing required members";
            m.headers.clear();
            m.body = b"{}".to_vec();
        }
        3 => {
            m.kind = "over-long member";
            let long = "x".repeat(rng.random_range(1025..5000));
            if body_members.is_empty() && !has_labels {
                m.kind = "";
            } else if body_members.is_empty() {
                m.path_and_query = path(op, &long, &[]);
            } else {
                let obj: serde_json::Map<String, Value> = body_members
                    .iter()
                    .filter_map(|mem| match &mem.location {
                        Location::Body { json_name } => {
                            Some((json_name.clone(), Value::String(long.clone())))
                        }
                        _ => None,
                    })
                    .collect();
                m.body = Value::Object(obj).to_string().into_bytes();
            }
        }
        4 if has_labels => {
            m.kind = "bad ARN";
            let junk = [
                "arn:aws:chime".to_owned(),
                "not-an-arn".to_owned(),
                "arn:aws:s3:::bucket".to_owned(),
                random_text(rng, 12),
                format!("{CHANNEL}/extra/{}", random_text(rng, 4)),
            ];
            let label = junk.choose(rng).cloned().unwrap_or_default();
            m.path_and_query = path(op, &encode(&label), &[]);
            m.body = b"{}".to_vec();
        }
        5 if has_labels => {
            m.kind = "bad percent-encoding";
            let bad = ["%FF", "%C3%28", "%E2%82", "abc%80def", "%ED%A0%80"];
            m.path_and_query = path(op, bad.choose(rng).unwrap_or(&"%FF"), &[]);
        }
        6 => {
            m.kind = "wrong method";
            m.method = [Method::PATCH, Method::OPTIONS]
                .choose(rng)
                .cloned()
                .unwrap_or(Method::PATCH);
        }
        7 => {
            m.kind = "oversized body";
            m.body = vec![b' '; BODY_LIMIT + rng.random_range(1..4096)];
            if body_members.is_empty() {
                // Send it where a body is read.
                let send = Service::Messaging
                    .model()
                    .operation("SendChannelMessage")
                    .expect("SendChannelMessage");
                m.method = Method::POST;
                m.path_and_query = path(send, &channel, &[]);
            }
        }
        10 => {
            m.kind = "junk after a real ARN";
            let arn_labels: Vec<&str> = op
                .http
                .uri
                .labels()
                .filter(|l| real.arn_for(l).is_some())
                .collect();
            if let Some(label) = arn_labels.choose(rng) {
                let junk = ["/x", "/../..", "/", "/channel", "/user/u/x", "//"];
                let tail = junk.choose(rng).unwrap_or(&"/x");
                m.path_and_query = real_path(op, real, Some((label, tail)));
                m.headers = vec![("x-amz-chime-bearer".into(), real.user.as_bytes().to_vec())];
                m.body = b"{}".to_vec();
            } else {
                m.kind = "";
            }
        }
        11 => {
            m.kind = "empty path segment";
            let path = real_path(op, real, None);
            let (path, query) = path.split_once('?').unwrap_or((&path, ""));
            let slashes: Vec<usize> = path.match_indices('/').map(|(i, _)| i).collect();
            let at = *slashes.choose(rng).unwrap_or(&0);
            let path = match rng.random_range(0..2) {
                0 => format!("{path}/"),
                _ => format!("{}/{}", &path[..at], &path[at..]),
            };
            m.path_and_query = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            m.headers = vec![("x-amz-chime-bearer".into(), real.user.as_bytes().to_vec())];
            m.body = b"{}".to_vec();
        }
        8 => {
            m.kind = "unknown operation";
            m.method = [Method::GET, Method::POST, Method::PUT, Method::DELETE]
                .choose(rng)
                .cloned()
                .unwrap_or(Method::GET);
            m.path_and_query = format!(
                "/no-such-{}/{}",
                rng.random_range(0..1000),
                encode(&random_text(rng, 8))
            );
        }
        _ => {
            m.kind = "bad query values";
            let typed: Vec<String> = input
                .map(|s| {
                    s.members
                        .values()
                        .filter_map(
                            |mem| match (&mem.location, &model.shape(&mem.target)?.kind) {
                                (Location::Query(q), ShapeKind::Integer { .. }) => {
                                    Some(format!("{q}=many"))
                                }
                                (Location::Query(q), ShapeKind::Timestamp) => {
                                    Some(format!("{q}=last-tuesday"))
                                }
                                (Location::Query(q), _) => Some(format!("{q}=%FF%FE")),
                                _ => None,
                            },
                        )
                        .collect()
                })
                .unwrap_or_default();
            if typed.is_empty() {
                m.kind = "";
            } else {
                m.path_and_query = path(op, &encode(CHANNEL), &typed);
            }
        }
    }
    if m.kind.is_empty() {
        // The drawn mistake does not apply to this operation: use a wrong method instead.
        m.kind = "wrong method";
        m.method = Method::PATCH;
    }
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_modelled_client_errors() {
    let server = server::spawn(ServerConfig {
        max_body_bytes: BODY_LIMIT,
        ..ServerConfig::default()
    })
    .await
    .expect("server starts");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let shapes: BTreeSet<String> = Service::ALL
        .into_iter()
        .flat_map(|svc| svc.model().error_shapes().map(|s| s.name.clone()))
        .collect();
    let ops = all_operations();
    let real = Resources::create(&Target::new(&server.url)).await;
    let mut rng = StdRng::seed_from_u64(SEED);
    let requests: Vec<Malformed> = (0..REQUESTS)
        .map(|_| generate(&mut rng, &ops, &real))
        .collect();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &requests {
        *kinds.entry(m.kind).or_default() += 1;
    }
    println!("malformed requests by kind: {kinds:?}");
    for kind in ["junk after a real ARN", "empty path segment"] {
        assert!(
            kinds.contains_key(kind),
            "no {kind} request among {kinds:?}"
        );
    }

    let url = server.url.clone();
    let shapes = &shapes;
    let failures: Vec<String> = futures::stream::iter(requests)
        .map(|m| {
            let client = client.clone();
            let url = url.clone();
            async move {
                let mut req =
                    client.request(m.method.clone(), format!("{url}{}", m.path_and_query));
                for (k, v) in &m.headers {
                    req = req.header(k.as_str(), v.as_slice());
                }
                let answer = req.body(m.body.clone()).send().await;
                let problem = match answer {
                    Err(e) => Some(format!("no answer: {e}")),
                    Ok(r) => {
                        let status = r.status();
                        let error_type = r
                            .headers()
                            .get("x-amzn-ErrorType")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned);
                        let has_id = r.headers().contains_key("x-amzn-RequestId");
                        if !status.is_client_error() {
                            Some(format!("status {status}"))
                        } else if !error_type.as_ref().is_some_and(|t| shapes.contains(t)) {
                            Some(format!("x-amzn-ErrorType {error_type:?}"))
                        } else if !has_id {
                            Some("no x-amzn-RequestId".into())
                        } else {
                            None
                        }
                    }
                };
                problem.map(|p| {
                    format!(
                        "{} {} {} ({}): {p}",
                        m.kind,
                        m.method,
                        &m.path_and_query[..m.path_and_query.len().min(160)],
                        m.body.len()
                    )
                })
            }
        })
        .buffer_unordered(16)
        .filter_map(|p| async move { p })
        .collect()
        .await;
    assert!(
        failures.is_empty(),
        "{} of {REQUESTS} malformed requests were answered wrongly, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(15)].join("\n")
    );

    // Still serving: a well-formed request succeeds.
    let ok = client
        .post(format!("{url}/app-instances"))
        .json(&json!({"Name": "after-the-storm", "ClientRequestToken": "token-after"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(ok.status(), 201, "{:?}", ok.text().await);
    server.shutdown().await.expect("clean shutdown");
}

/// A client that sends its headers and part of the body, then stalls, is answered with a
/// modelled error at the body deadline instead of holding the request open.
#[tokio::test]
async fn a_stalled_body_is_answered_at_the_deadline() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let deadline = Duration::from_millis(300);
    let server = server::spawn(ServerConfig {
        body_timeout: deadline,
        ..ServerConfig::default()
    })
    .await
    .expect("server starts");
    let mut socket = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connects");
    let started = std::time::Instant::now();
    socket
        .write_all(
            b"POST /channels/c/messages HTTP/1.1\r\nHost: local\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Cont",
        )
        .await
        .expect("writes");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut answer))
        .await
        .expect("answered well before the client gives up")
        .expect("reads");
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&answer).to_lowercase();
    assert!(text.starts_with("http/1.1 400"), "{text}");
    assert!(
        text.contains("x-amzn-errortype: badrequestexception"),
        "{text}"
    );
    assert!(text.contains("did not arrive within"), "{text}");
    assert!(elapsed >= deadline, "answered after {elapsed:?}");

    // The server goes on serving (ListAppInstances).
    let r = reqwest::Client::new()
        .get(format!("{}/app-instances", server.url))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("answers");
    assert_eq!(r.status(), reqwest::StatusCode::OK);
}
