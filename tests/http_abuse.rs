//! Abuse of the HTTP layer over raw sockets: half-closing clients, pipelining, silent and
//! trickling connections, idle kept-alive connections, the connection limit, and requests the
//! HTTP parser rejects before the application sees them.
//!
//! Every answer is checked to be a modelled error, or, for the inputs `docs/http-limits.md`
//! lists as answered by hyper alone, exactly the answer the document gives, so that the
//! document cannot drift from the server.
//!
//! Every read and wait has a timeout and every loop a bound; the server listens on 127.0.0.1.

use chime_conformance::server::{self, RunningServer, ServerConfig};
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const HEADER_TIMEOUT: Duration = Duration::from_millis(1000);
/// Longer than the header timeout, to tell the two apart.
const IDLE_TIMEOUT: Duration = Duration::from_millis(3000);
/// Slack for a loaded machine (two cores shared with other builds).
const MARGIN: Duration = Duration::from_millis(3000);
/// No single read waits longer than this.
const WAIT: Duration = Duration::from_secs(10);

/// The limits `docs/http-limits.md` gives (pinned here so that a change to either fails).
const MAX_HEADERS: usize = 256;
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// ListAppInstances: needs no bearer, answers 200.
const GET: &str = "GET /app-instances HTTP/1.1\r\nHost: local\r\n\r\n";
/// ListAppInstances with a MaxResults below the model's minimum: a BadRequestException.
const BAD_GET: &str = "GET /app-instances?max-results=0 HTTP/1.1\r\nHost: local\r\n\r\n";
/// CreateAppInstance without a Name: a BadRequestException, after the handler has waited for
/// the body (which is when a client's early FIN used to be taken for an abort).
const BAD_POST: &str = "POST /app-instances HTTP/1.1\r\nHost: local\r\n\
                        Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

async fn start(max_connections: usize, header_timeout: Duration) -> RunningServer {
    server::spawn(ServerConfig {
        header_timeout,
        idle_timeout: IDLE_TIMEOUT,
        max_connections,
        ..ServerConfig::default()
    })
    .await
    .expect("the server starts")
}

async fn start_default() -> RunningServer {
    start(ServerConfig::DEFAULT_MAX_CONNECTIONS, HEADER_TIMEOUT).await
}

async fn connect(server: &RunningServer) -> TcpStream {
    timeout(WAIT, TcpStream::connect(server.addr))
        .await
        .expect("connects in time")
        .expect("connects")
}

#[derive(Debug)]
struct Response {
    status: u16,
    /// The status line and headers as sent, lines joined with `\n`, the date's value elided.
    head: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Answered by the application: every answer of it carries a request id.
    fn by_application(&self) -> bool {
        self.header("x-amzn-requestid").is_some()
    }

    /// A modelled error an AWS SDK can classify: named in `x-amzn-ErrorType`, `Code` and
    /// `Message` in a JSON body, with a request id.
    fn assert_modelled_error(&self, shape: &str) {
        assert!(self.by_application(), "no request id: {self:?}");
        assert!((400..600).contains(&self.status), "not an error: {self:?}");
        let error_type = self.header("x-amzn-errortype").unwrap_or_default();
        assert_eq!(
            error_type.split(':').next(),
            Some(shape),
            "x-amzn-ErrorType: {self:?}"
        );
        let body: Value = serde_json::from_slice(&self.body).expect("a JSON body");
        assert_eq!(
            body["Code"].as_str(),
            Some(shape.trim_end_matches("Exception"))
        );
        assert!(body["Message"].is_string(), "{body}");
    }
}

/// Parses one response at the start of `raw`: `None` until it is complete.
fn parse_response(raw: &[u8]) -> Option<(Response, usize)> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&raw[..end - 4]).expect("an ASCII head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("a status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').expect("a header line");
            (n.to_string(), v.trim().to_string())
        })
        .collect();
    assert!(
        !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding")),
        "a chunked answer: {head}"
    );
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().expect("a content length"));
    if raw.len() < end + length {
        return None;
    }
    let shown = std::iter::once(status_line.to_string())
        .chain(headers.iter().map(|(n, v)| {
            if n.eq_ignore_ascii_case("date") {
                format!("{n}: <date>")
            } else {
                format!("{n}: {v}")
            }
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let response = Response {
        status,
        head: shown,
        headers,
        body: raw[end..end + length].to_vec(),
    };
    Some((response, end + length))
}

/// Every complete response in `raw`, and whether bytes are left over.
fn parse_all(raw: &[u8]) -> (Vec<Response>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((r, used)) = parse_response(&raw[at..]) {
        out.push(r);
        at += used;
    }
    (out, raw.len() - at)
}

/// How a read of a connection to its end came out.
#[derive(Debug, PartialEq)]
enum End {
    /// The server closed the connection (end of stream or reset).
    Closed,
    /// Still open after the wait.
    Open,
}

/// Reads until the server closes the connection or `wait` passes: what arrived, and how.
async fn read_to_close(stream: &mut TcpStream, wait: Duration) -> (Vec<u8>, End) {
    let mut raw = Vec::new();
    let deadline = tokio::time::Instant::now() + wait;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (raw, End::Open),
            Ok(Ok(0)) | Ok(Err(_)) => return (raw, End::Closed),
            Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
        }
    }
}

/// Reads one complete response from a kept-alive connection.
async fn read_one(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some((r, used)) = parse_response(&raw) {
            assert_eq!(used, raw.len(), "more than one answer");
            return r;
        }
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => panic!("no complete answer within {WAIT:?}: {raw:?}"),
            Ok(Ok(0)) => panic!(
                "closed before a complete answer: {:?}",
                String::from_utf8_lossy(&raw)
            ),
            Ok(Err(e)) => panic!("read failed: {e}"),
            Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
        }
    }
}

/// Sends `request` on a fresh connection (the server may close early: write errors are
/// ignored) and reads until the server closes it.
async fn exchange(server: &RunningServer, request: &[u8]) -> (Vec<u8>, End) {
    let mut stream = connect(server).await;
    let _ = timeout(WAIT, stream.write_all(request)).await;
    read_to_close(&mut stream, WAIT).await
}

// ---- 1. half-closing clients ------------------------------------------------------------

/// A request followed at once by a FIN (`nc -q`, HTTP/1.0 clients, some proxies) is answered,
/// every time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_then_fin_is_answered() {
    let server = start_default().await;
    for round in 0..20 {
        let (request, status) = if round % 2 == 0 {
            (BAD_POST, 400)
        } else {
            (GET, 200)
        };
        let mut stream = connect(&server).await;
        stream.write_all(request.as_bytes()).await.expect("writes");
        stream.shutdown().await.expect("half-closes");
        let (raw, end) = read_to_close(&mut stream, WAIT).await;
        let (answers, left) = parse_all(&raw);
        assert_eq!(end, End::Closed, "round {round}: closed after the answer");
        assert_eq!(answers.len(), 1, "round {round}: {raw:?}");
        assert_eq!(left, 0, "round {round}");
        assert_eq!(answers[0].status, status, "round {round}: {:?}", answers[0]);
        assert!(answers[0].by_application());
    }
    server.shutdown().await.expect("clean shutdown");
}

/// 100 pipelined requests then a FIN: 100 answers, in order, the last one included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_requests_then_fin_are_all_answered() {
    let server = start_default().await;
    let burst: String = (0..100)
        .map(|i| if i % 2 == 0 { GET } else { BAD_POST })
        .collect();
    for round in 0..3 {
        let mut stream = connect(&server).await;
        stream.write_all(burst.as_bytes()).await.expect("writes");
        stream.shutdown().await.expect("half-closes");
        let (raw, end) = read_to_close(&mut stream, WAIT).await;
        let (answers, left) = parse_all(&raw);
        assert_eq!(end, End::Closed, "round {round}");
        assert_eq!(answers.len(), 100, "round {round}: answers");
        assert_eq!(left, 0, "round {round}");
        for (i, a) in answers.iter().enumerate() {
            if i % 2 == 0 {
                assert_eq!(a.status, 200, "round {round}, answer {i}: {a:?}");
            } else {
                a.assert_modelled_error("BadRequestException");
            }
        }
    }
    server.shutdown().await.expect("clean shutdown");
}

// ---- 2. header and idle timeouts --------------------------------------------------------

/// Asserts the server closes `stream` between `at_least` and `at_most` after `since`.
async fn assert_closed_between(
    stream: &mut TcpStream,
    since: Instant,
    at_least: Duration,
    at_most: Duration,
) -> Vec<u8> {
    let wait = (since + at_most).saturating_duration_since(Instant::now());
    let (raw, end) = read_to_close(stream, wait).await;
    let after = since.elapsed();
    assert_eq!(end, End::Closed, "still open after {after:?}");
    assert!(after >= at_least, "closed too early, after {after:?}");
    raw
}

/// A connection that sends nothing is closed at the header timeout, without an answer.
#[tokio::test]
async fn a_silent_connection_is_closed_at_the_header_timeout() {
    let class = "Head not complete within the header timeout";
    documented(&doc(), class, "closed, no answer").unwrap();
    let server = start_default().await;
    let opened = Instant::now();
    let mut stream = connect(&server).await;
    let raw = assert_closed_between(
        &mut stream,
        opened,
        HEADER_TIMEOUT - Duration::from_millis(100),
        HEADER_TIMEOUT + MARGIN,
    )
    .await;
    assert!(raw.is_empty(), "{raw:?}");
    server.shutdown().await.expect("clean shutdown");
}

/// Half a request line, then nothing: closed at the header timeout.
#[tokio::test]
async fn half_a_request_line_is_closed_at_the_header_timeout() {
    let server = start_default().await;
    let mut stream = connect(&server).await;
    let sent = Instant::now();
    stream.write_all(b"GET /app-inst").await.expect("writes");
    let raw = assert_closed_between(
        &mut stream,
        sent,
        HEADER_TIMEOUT - Duration::from_millis(100),
        HEADER_TIMEOUT + MARGIN,
    )
    .await;
    assert!(raw.is_empty(), "{raw:?}");
    server.shutdown().await.expect("clean shutdown");
}

/// Headers trickling in a byte at a time never reset the deadline: the whole head must
/// arrive within the header timeout.
#[tokio::test]
async fn a_trickling_head_is_closed_at_the_header_timeout() {
    let server = start_default().await;
    let mut stream = connect(&server).await;
    let started = Instant::now();
    stream
        .write_all(b"GET /app-instances HTTP/1.1\r\nHost: local\r\nX-Slow: ")
        .await
        .expect("writes");
    let step = HEADER_TIMEOUT / 5;
    let mut buf = [0u8; 1024];
    let mut closed_after = None;
    // A byte every step for up to (timeout + margin) / step bytes.
    let steps = (HEADER_TIMEOUT + MARGIN).as_millis() / step.as_millis();
    for _ in 0..steps {
        if stream.write_all(b"a").await.is_err() {
            closed_after = Some(started.elapsed());
            break;
        }
        match timeout(step, stream.read(&mut buf)).await {
            Err(_) => continue,
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed_after = Some(started.elapsed());
                break;
            }
            Ok(Ok(n)) => panic!("an answer to half a head: {:?}", &buf[..n]),
        }
    }
    let after = closed_after.expect("closed while trickling");
    assert!(
        after >= HEADER_TIMEOUT - Duration::from_millis(100),
        "after {after:?}"
    );
    assert!(after <= HEADER_TIMEOUT + MARGIN, "after {after:?}");
    server.shutdown().await.expect("clean shutdown");
}

/// A kept-alive connection that carries nothing is closed at the idle timeout (not at the
/// shorter header timeout), without an answer.
#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_at_the_idle_timeout() {
    let class = "Kept-alive connection idle past the idle timeout";
    documented(&doc(), class, "closed, no answer").unwrap();
    let server = start_default().await;
    let mut stream = connect(&server).await;
    stream.write_all(GET.as_bytes()).await.expect("writes");
    let answer = read_one(&mut stream).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let answered = Instant::now();
    let raw = assert_closed_between(
        &mut stream,
        answered,
        IDLE_TIMEOUT - Duration::from_millis(100),
        IDLE_TIMEOUT + MARGIN,
    )
    .await;
    assert!(raw.is_empty(), "{raw:?}");
    server.shutdown().await.expect("clean shutdown");
}

/// A kept-alive client that pauses for less than the idle timeout (and longer than the
/// header timeout) keeps its connection, pause after pause.
#[tokio::test]
async fn a_pause_shorter_than_the_idle_timeout_keeps_the_connection() {
    let server = start_default().await;
    let mut stream = connect(&server).await;
    let pause = HEADER_TIMEOUT + (IDLE_TIMEOUT - HEADER_TIMEOUT) / 2;
    for round in 0..3 {
        stream.write_all(GET.as_bytes()).await.expect("writes");
        let answer = read_one(&mut stream).await;
        assert_eq!(answer.status, 200, "round {round}: {answer:?}");
        tokio::time::sleep(pause).await;
    }
    stream.write_all(BAD_GET.as_bytes()).await.expect("writes");
    read_one(&mut stream)
        .await
        .assert_modelled_error("BadRequestException");
    server.shutdown().await.expect("clean shutdown");
}

// ---- 3. the connection limit ------------------------------------------------------------

/// At the limit a newcomer waits (the kernel's backlog holds it) and is answered as soon as
/// a connection closes.
#[tokio::test]
async fn at_the_connection_limit_a_newcomer_is_answered_once_a_slot_frees() {
    // Long timeouts: only the client closing a connection frees its slot.
    let server = start(2, Duration::from_secs(30)).await;
    let first = connect(&server).await;
    let _second = connect(&server).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut newcomer = connect(&server).await;
    newcomer.write_all(GET.as_bytes()).await.expect("writes");
    let mut buf = [0u8; 1024];
    let early = timeout(Duration::from_millis(700), newcomer.read(&mut buf)).await;
    assert!(early.is_err(), "served over the limit: {early:?}");
    drop(first);
    let answer = read_one(&mut newcomer).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    server.shutdown().await.expect("clean shutdown");
}

/// Silent connections holding every slot are closed at the header timeout, so they cannot
/// keep a well-formed request waiting longer than that.
#[tokio::test]
async fn silent_connections_at_the_limit_free_their_slots_at_the_header_timeout() {
    let server = start(3, HEADER_TIMEOUT).await;
    let mut silent = Vec::new();
    for _ in 0..3 {
        silent.push(connect(&server).await);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let sent = Instant::now();
    let mut newcomer = connect(&server).await;
    newcomer.write_all(GET.as_bytes()).await.expect("writes");
    let answer = read_one(&mut newcomer).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let after = sent.elapsed();
    assert!(
        after >= HEADER_TIMEOUT - Duration::from_millis(300),
        "served over the limit, after {after:?}"
    );
    assert!(after <= HEADER_TIMEOUT + MARGIN, "after {after:?}");
    server.shutdown().await.expect("clean shutdown");
}

// ---- 4. requests the HTTP parser rejects ------------------------------------------------

/// Requests hyper used to reject that now reach the application, which answers them as any
/// other (here with the modelled error the bad MaxResults earns).
#[tokio::test]
async fn more_than_100_headers_reach_the_application() {
    let server = start_default().await;
    for count in [101, 200, MAX_HEADERS] {
        // Host, Connection and count - 2 others.
        let extra: String = (2..count).map(|i| format!("X-H{i}: v\r\n")).collect();
        let request = format!(
            "GET /app-instances?max-results=0 HTTP/1.1\r\nHost: local\r\n{extra}\
             Connection: close\r\n\r\n"
        );
        let (raw, _) = exchange(&server, request.as_bytes()).await;
        let (answers, _) = parse_all(&raw);
        assert_eq!(answers.len(), 1, "{count} headers: {raw:?}");
        answers[0].assert_modelled_error("BadRequestException");
    }
    server.shutdown().await.expect("clean shutdown");
}

/// A head of up to the limit (its target then over 65,000 bytes) reaches the application.
#[tokio::test]
async fn a_long_path_within_the_head_limit_reaches_the_application() {
    let server = start_default().await;
    let prefix = "GET /app-instances/";
    let suffix = " HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n";
    for head in [20_000, MAX_HEAD_BYTES] {
        let path = "a".repeat(head - prefix.len() - suffix.len());
        let request = format!("{prefix}{path}{suffix}");
        assert_eq!(request.len(), head);
        let (raw, _) = exchange(&server, request.as_bytes()).await;
        let (answers, _) = parse_all(&raw);
        assert_eq!(answers.len(), 1, "a {head}-byte head: {raw:?}");
        assert!(
            answers[0].by_application() && answers[0].status >= 400,
            "{:?}",
            answers[0].head
        );
        let body: Value = serde_json::from_slice(&answers[0].body).expect("JSON");
        assert!(body["Code"].is_string(), "{body}");
    }
    server.shutdown().await.expect("clean shutdown");
}

/// Raw UTF-8 in the target (not percent-encoded, as SDKs would) reaches the application.
#[tokio::test]
async fn raw_utf8_in_the_target_reaches_the_application() {
    let server = start_default().await;
    let request = "GET /caf\u{e9} HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n";
    let (raw, _) = exchange(&server, request.as_bytes()).await;
    let (answers, _) = parse_all(&raw);
    assert_eq!(answers.len(), 1, "{raw:?}");
    answers[0].assert_modelled_error("NotFoundException");
    server.shutdown().await.expect("clean shutdown");
}

/// A malformed chunked body is read by the application, which answers it typed.
#[tokio::test]
async fn a_malformed_chunked_body_is_answered_typed() {
    let server = start_default().await;
    let request = "POST /app-instances HTTP/1.1\r\nHost: local\r\n\
                   Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
                   zz\r\n{}\r\n0\r\n\r\n";
    let (raw, _) = exchange(&server, request.as_bytes()).await;
    let (answers, _) = parse_all(&raw);
    assert_eq!(answers.len(), 1, "{raw:?}");
    answers[0].assert_modelled_error("BadRequestException");
    server.shutdown().await.expect("clean shutdown");
}

/// What `docs/http-limits.md` says hyper answers on its own.
#[derive(Debug, Clone, Copy)]
enum Untyped {
    /// This status line, `content-length: 0` and a date, then the connection is closed.
    Status(&'static str),
    /// The connection is closed without an answer.
    Closed,
}

/// The rows of the document's table, each with requests of its class.
fn untyped_cases() -> Vec<(&'static str, Untyped, Vec<Vec<u8>>)> {
    let with_header = |line: &[u8]| {
        let mut r = b"GET /app-instances HTTP/1.1\r\nHost: local\r\n".to_vec();
        r.extend_from_slice(line);
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let many_headers = {
        let extra: String = (1..=MAX_HEADERS)
            .map(|i| format!("X-H{i}: v\r\n"))
            .collect();
        format!("GET /app-instances HTTP/1.1\r\nHost: local\r\n{extra}\r\n").into_bytes()
    };
    // Exactly one byte over the head limit, unfinished, so that the server reads it all
    // before it answers (unread bytes would turn its close into a reset).
    let long_head = |prefix: &str| {
        let mut r = prefix.as_bytes().to_vec();
        r.resize(MAX_HEAD_BYTES, b'a');
        r
    };
    let bad_request = Untyped::Status("400 Bad Request");
    vec![
        (
            "Malformed request line",
            bad_request,
            vec![
                b"G@T /app-instances HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
                b"GET  /app-instances HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app instances HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
            ],
        ),
        (
            "HTTP version other than 1.0 and 1.1",
            bad_request,
            vec![
                b"GET /app-instances HTTP/1.2\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances HTTP/2.0\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances HTTP/3\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances\r\n\r\n".to_vec(),
            ],
        ),
        (
            "Target with control bytes or bytes that are not UTF-8",
            bad_request,
            vec![
                b"GET /app-instances/\xff HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances/caf\xc3 HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances?x=\x80 HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances/\x7f HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
                b"GET /app-instances/\x01 HTTP/1.1\r\nHost: local\r\n\r\n".to_vec(),
            ],
        ),
        (
            "Malformed header line",
            bad_request,
            vec![
                with_header(b"X Bad: v"),
                with_header(b"X(Bad): v"),
                with_header(b": v"),
                with_header(b"X-A : v"),
                with_header(b"NoColon"),
                with_header(b"X-A: a\r\n folded"),
                b"GET /app-instances HTTP/1.1\r\n Host: local\r\n\r\n".to_vec(),
            ],
        ),
        (
            "Control bytes in a header value",
            bad_request,
            vec![
                with_header(b"X-A: a\x01b"),
                with_header(b"X-A: a\x7fb"),
                with_header(b"X-A: a\x00b"),
                with_header(b"X-A: a\rb"),
            ],
        ),
        (
            "Content-Length not a decimal number",
            bad_request,
            vec![
                with_header(b"Content-Length: abc"),
                with_header(b"Content-Length: -1"),
                with_header(b"Content-Length: +1"),
                with_header(b"Content-Length: 1, 2"),
                with_header(b"Content-Length: 99999999999999999999"),
                with_header(b"Content-Length: 1\r\nContent-Length: 2"),
            ],
        ),
        (
            "Transfer-Encoding that does not end in chunked",
            bad_request,
            vec![
                with_header(b"Transfer-Encoding: gzip"),
                with_header(b"Transfer-Encoding: chunked, gzip"),
                b"GET /app-instances HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec(),
            ],
        ),
        (
            "More than 256 header lines",
            Untyped::Status("431 Request Header Fields Too Large"),
            vec![many_headers],
        ),
        (
            "Head over 65,536 bytes",
            Untyped::Status("431 Request Header Fields Too Large"),
            vec![
                long_head("GET /app-instances/"),
                long_head("GET /app-instances HTTP/1.1\r\nHost: local\r\nX-Big: "),
            ],
        ),
        (
            "HTTP/2 connection preface",
            Untyped::Closed,
            vec![b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec()],
        ),
    ]
}

const DOC: &str = "docs/http-limits.md";

fn doc() -> String {
    std::fs::read_to_string(format!("{}/{DOC}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{DOC}: {e}"))
}

/// The document's table has a row for `class` whose answer is `answer`.
fn documented(doc: &str, class: &str, answer: &str) -> Result<(), String> {
    match doc.lines().find(|l| l.starts_with(&format!("| {class} |"))) {
        Some(row) if row.contains(answer) => Ok(()),
        other => Err(format!(
            "{DOC} has no row `| {class} | ... {answer} ...`: {other:?}"
        )),
    }
}

/// Each class of request hyper rejects before the application can is answered exactly as
/// the document says, and the document's table has that class with that answer.
#[tokio::test]
async fn requests_hyper_rejects_are_answered_as_documented() {
    let doc = doc();
    assert!(
        doc.contains("\nconnection: close\ncontent-length: 0\ndate: "),
        "{DOC} shows hyper's answer"
    );
    let server = start_default().await;
    let mut wrong = Vec::new();
    for (class, expected, requests) in untyped_cases() {
        let answer_cell = match expected {
            Untyped::Status(status) => format!("`{status}`"),
            Untyped::Closed => "closed, no answer".to_string(),
        };
        if let Err(e) = documented(&doc, class, &answer_cell) {
            wrong.push(e);
        }
        for request in requests {
            let shown = String::from_utf8_lossy(&request[..request.len().min(60)]).into_owned();
            let (raw, end) = exchange(&server, &request).await;
            if end != End::Closed {
                wrong.push(format!("{class}: {shown:?}: left open"));
                continue;
            }
            let ok = match expected {
                Untyped::Status(status) => match parse_all(&raw) {
                    (answers, 0) if answers.len() == 1 => {
                        let want = format!(
                            "HTTP/1.1 {status}\nconnection: close\ncontent-length: 0\n\
                             date: <date>"
                        );
                        answers[0].head == want && answers[0].body.is_empty()
                    }
                    _ => false,
                },
                Untyped::Closed => raw.is_empty(),
            };
            if !ok {
                wrong.push(format!(
                    "{class}: {shown:?}: answered {:?}",
                    String::from_utf8_lossy(&raw)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Still serving.
    let (raw, _) = exchange(
        &server,
        GET.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .await;
    assert_eq!(parse_all(&raw).0.first().map(|r| r.status), Some(200));
    server.shutdown().await.expect("clean shutdown");
}

/// A head cut short by the end of the stream is closed without an answer, as documented.
#[tokio::test]
async fn a_head_cut_short_by_a_fin_is_closed_without_an_answer() {
    documented(
        &doc(),
        "Head cut short by the end of the stream",
        "closed, no answer",
    )
    .unwrap();
    let server = start_default().await;
    for partial in [
        &b"GET /app-inst"[..],
        b"GET /app-instances HTTP/1.1\r\nHost: lo",
    ] {
        let mut stream = connect(&server).await;
        stream.write_all(partial).await.expect("writes");
        stream.shutdown().await.expect("half-closes");
        let (raw, end) = read_to_close(&mut stream, WAIT).await;
        assert_eq!(end, End::Closed);
        assert!(raw.is_empty(), "{raw:?}");
    }
    server.shutdown().await.expect("clean shutdown");
}
