//! The reference server over TLS (`ServerConfig::tls`, `serve --tls-cert --tls-key`), with a
//! self-signed certificate made here: HTTPS calls through reqwest and the official SDK clients,
//! raw HTTP/1.1 over TLS, a WebSocket upgrade through TLS, and the clients that never get as far
//! as TLS (plain HTTP to the TLS port, a silent TCP connection).
//!
//! Every connect, read and wait has a timeout, and every loop a bound; the server listens on
//! 127.0.0.1.

#[path = "common/sdk.rs"]
mod sdk;

use aws_sdk_chimesdkmessaging as messaging;
use chime_conformance::model::Service;
use chime_conformance::schema::headers::Headers;
use chime_conformance::schema::{self, ResponseView};
use chime_conformance::server::tls::Tls;
use chime_conformance::server::{self, RunningServer, ServerConfig, listen};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls;

/// Slack for a loaded machine (two cores shared with other builds).
const MARGIN: Duration = Duration::from_millis(1500);
/// No single connect, read or call waits longer than this.
const WAIT: Duration = Duration::from_secs(10);

/// A self-signed certificate for 127.0.0.1 and localhost, made for one test.
struct Certificate {
    cert_pem: String,
    key_pem: String,
}

impl Certificate {
    fn new() -> Certificate {
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
            .expect("a self-signed certificate");
        Certificate {
            cert_pem: made.cert.pem(),
            key_pem: made.signing_key.serialize_pem(),
        }
    }

    fn tls(&self) -> Tls {
        Tls::from_pem(self.cert_pem.as_bytes(), self.key_pem.as_bytes()).expect("the pair loads")
    }

    /// A rustls client configuration that trusts this certificate alone and offers `alpn`.
    fn client_config(&self, alpn: &[&[u8]]) -> Arc<rustls::ClientConfig> {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_slice(self.cert_pem.as_bytes()).expect("a certificate"))
            .expect("a trust anchor");
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        Arc::new(config)
    }
}

async fn start(certificate: &Certificate, header_timeout: Duration) -> RunningServer {
    server::spawn(ServerConfig {
        tls: Some(certificate.tls()),
        header_timeout,
        ..ServerConfig::default()
    })
    .await
    .expect("the server starts")
}

fn reqwest_client(certificate: &Certificate) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_certs_only([
            reqwest::Certificate::from_pem(certificate.cert_pem.as_bytes()).expect("a certificate"),
        ])
        .timeout(WAIT)
        .connect_timeout(WAIT)
        .build()
        .expect("a client")
}

async fn connect(addr: std::net::SocketAddr) -> TcpStream {
    timeout(WAIT, TcpStream::connect(addr))
        .await
        .expect("connects in time")
        .expect("connects")
}

/// A TLS connection offering `alpn`, its handshake done.
async fn tls_connect(
    certificate: &Certificate,
    addr: std::net::SocketAddr,
    alpn: &[&[u8]],
) -> std::io::Result<tokio_rustls::client::TlsStream<TcpStream>> {
    let connector = TlsConnector::from(certificate.client_config(alpn));
    let name = ServerName::try_from("127.0.0.1").expect("a server name");
    timeout(WAIT, connector.connect(name, connect(addr).await))
        .await
        .expect("the handshake ends in time")
}

/// Reads until the peer closes (`Ok` with what came) or fails; panics past [`WAIT`].
async fn read_to_close(stream: &mut (impl AsyncRead + Unpin)) -> std::io::Result<Vec<u8>> {
    let mut seen = Vec::new();
    timeout(WAIT, stream.read_to_end(&mut seen))
        .await
        .expect("closed in time")
        .map(|_| seen)
}

/// ListAppInstances over HTTPS through reqwest: its answer, judged against the model.
async fn list_app_instances(client: &reqwest::Client, server: &RunningServer) -> serde_json::Value {
    let answer = client
        .get(format!("{}/app-instances", server.url))
        .send()
        .await
        .expect("ListAppInstances over HTTPS");
    assert_eq!(
        answer.version(),
        reqwest::Version::HTTP_11,
        "ALPN picks HTTP/1.1"
    );
    let status = answer.status().as_u16();
    let (content_type, request_id) = labels(&answer);
    let body: serde_json::Value = answer.json().await.expect("a JSON body");
    let violations = schema::validate_response(
        Service::Identity,
        "ListAppInstances",
        &ResponseView {
            status,
            error_type: None,
            body: Some(&body),
            headers: Some(Headers {
                content_type: content_type.as_deref(),
                request_id: request_id.as_deref(),
                has_body: true,
            }),
        },
    );
    assert!(violations.is_empty(), "{violations:?}");
    body
}

#[tokio::test]
async fn reqwest_trusting_the_certificate_gets_modelled_answers_over_https() {
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    assert_eq!(server.url, format!("https://{}", server.addr));
    let client = reqwest_client(&certificate);

    let created = client
        .post(format!("{}/app-instances", server.url))
        .json(&serde_json::json!({"Name": "over-tls", "ClientRequestToken": "over-tls-token"}))
        .send()
        .await
        .expect("CreateAppInstance over HTTPS");
    let status = created.status().as_u16();
    let (content_type, request_id) = labels(&created);
    let body: serde_json::Value = created.json().await.expect("a JSON body");
    let violations = schema::validate_response(
        Service::Identity,
        "CreateAppInstance",
        &ResponseView {
            status,
            error_type: None,
            body: Some(&body),
            headers: Some(Headers {
                content_type: content_type.as_deref(),
                request_id: request_id.as_deref(),
                has_body: true,
            }),
        },
    );
    assert!(violations.is_empty(), "{status} {body}: {violations:?}");
    assert_eq!(status, 201);
    let arn = body["AppInstanceArn"].as_str().expect("an AppInstanceArn");

    let listed = list_app_instances(&client, &server).await;
    let arns: Vec<&str> = listed["AppInstances"]
        .as_array()
        .expect("AppInstances")
        .iter()
        .filter_map(|a| a["AppInstanceArn"].as_str())
        .collect();
    assert_eq!(arns, [arn]);
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn a_client_that_does_not_trust_the_certificate_is_refused_by_its_own_side() {
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    let stranger = reqwest_client(&Certificate::new());
    let refused = stranger
        .get(format!("{}/app-instances", server.url))
        .send()
        .await;
    assert!(refused.is_err(), "{refused:?}");
    // The failed handshake cost the server nothing.
    list_app_instances(&reqwest_client(&certificate), &server).await;
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn the_official_sdk_clients_work_over_tls() {
    use aws_smithy_http_client::tls::{
        Provider, TlsContext, TrustStore, rustls_provider::CryptoMode,
    };
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    let trust = TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(certificate.cert_pem.as_bytes());
    let http_client = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(
            TlsContext::builder()
                .with_trust_store(trust)
                .build()
                .expect("a TLS context"),
        )
        .build_https();
    let (messaging, identity) = sdk::clients_over(&server.url, http_client, WAIT);

    let app = identity
        .create_app_instance()
        .name("sdk-over-tls")
        .client_request_token("sdk-over-tls-token")
        .send()
        .await
        .expect("CreateAppInstance over HTTPS")
        .app_instance_arn
        .expect("AppInstanceArn");
    let user = identity
        .create_app_instance_user()
        .app_instance_arn(&app)
        .app_instance_user_id("ada")
        .name("ada")
        .client_request_token("ada-token")
        .send()
        .await
        .expect("CreateAppInstanceUser over HTTPS")
        .app_instance_user_arn
        .expect("AppInstanceUserArn");
    let channel = messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("general")
        .chime_bearer(&user)
        .client_request_token("general-token")
        .send()
        .await
        .expect("CreateChannel over HTTPS")
        .channel_arn
        .expect("ChannelArn");
    messaging
        .send_channel_message()
        .channel_arn(&channel)
        .chime_bearer(&user)
        .content("hello over TLS")
        .r#type(messaging::types::ChannelMessageType::Standard)
        .persistence(messaging::types::ChannelMessagePersistenceType::Persistent)
        .client_request_token("hello-token")
        .send()
        .await
        .expect("SendChannelMessage over HTTPS");
    let listed = messaging
        .list_channel_messages()
        .channel_arn(&channel)
        .chime_bearer(&user)
        .send()
        .await
        .expect("ListChannelMessages over HTTPS");
    let contents: Vec<&str> = listed
        .channel_messages()
        .iter()
        .filter_map(|m| m.content())
        .collect();
    assert_eq!(contents, ["hello over TLS"]);
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn a_tls_connection_carries_http_1_1_requests_and_answers_and_alpn_says_so() {
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    let mut stream = tls_connect(&certificate, server.addr, &[b"h2", b"http/1.1"])
        .await
        .expect("the handshake completes");
    assert_eq!(stream.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    stream
        .write_all(b"GET /app-instances HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n")
        .await
        .expect("the request is written");
    let answer = read_to_close(&mut stream)
        .await
        .expect("an answer, then close");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
    assert!(
        text.to_ascii_lowercase().contains("\r\nx-amzn-requestid: "),
        "{text}"
    );
    assert!(text.ends_with(r#"{"AppInstances":[]}"#), "{text}");
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn a_client_offering_only_http_2_fails_the_handshake_and_the_server_serves_on() {
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    let refused = tls_connect(&certificate, server.addr, &[b"h2"]).await;
    let error = refused.expect_err("no protocol in common");
    assert!(
        error.to_string().contains("NoApplicationProtocol"),
        "{error}"
    );
    list_app_instances(&reqwest_client(&certificate), &server).await;
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn plain_http_to_the_tls_port_is_closed_without_an_http_answer() {
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    let started = Instant::now();
    let mut socket = connect(server.addr).await;
    socket
        .write_all(b"GET /app-instances HTTP/1.1\r\nHost: local\r\n\r\n")
        .await
        .expect("the request is written");
    // rustls may send an alert record first; a reset is a close too.
    let seen = read_to_close(&mut socket).await.unwrap_or_default();
    assert!(
        started.elapsed() < MARGIN,
        "closed at once, not at a timeout: {:?}",
        started.elapsed()
    );
    assert!(
        !seen.starts_with(b"HTTP/"),
        "{:?}",
        String::from_utf8_lossy(&seen)
    );
    list_app_instances(&reqwest_client(&certificate), &server).await;
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn a_connection_that_never_says_hello_is_closed_at_the_header_timeout() {
    let header_timeout = Duration::from_millis(1000);
    let certificate = Certificate::new();
    let server = start(&certificate, header_timeout).await;
    let started = Instant::now();
    let mut socket = connect(server.addr).await;
    let seen = read_to_close(&mut socket).await.expect("closed, not reset");
    let closed = started.elapsed();
    assert!(seen.is_empty(), "{seen:?}");
    assert!(
        closed >= header_timeout && closed < header_timeout + MARGIN,
        "closed after {closed:?}"
    );
    list_app_instances(&reqwest_client(&certificate), &server).await;
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn the_handshake_counts_against_the_header_timeout() {
    // A hello sent late, then no request: closed at the header timeout from the connection's
    // start, not a header timeout after the handshake.
    let header_timeout = Duration::from_millis(3000);
    let hello_after = Duration::from_millis(2000);
    let certificate = Certificate::new();
    let server = start(&certificate, header_timeout).await;
    let connector = TlsConnector::from(certificate.client_config(&[b"http/1.1"]));
    let started = Instant::now();
    let socket = connect(server.addr).await;
    tokio::time::sleep(hello_after).await;
    let name = ServerName::try_from("127.0.0.1").expect("a server name");
    let mut stream = timeout(WAIT, connector.connect(name, socket))
        .await
        .expect("the handshake ends in time")
        .expect("the handshake completes within the header timeout");
    let seen = read_to_close(&mut stream).await.unwrap_or_default();
    let closed = started.elapsed();
    assert!(seen.is_empty(), "{seen:?}");
    assert!(
        closed >= header_timeout && closed < hello_after + header_timeout,
        "closed after {closed:?}"
    );
    server.shutdown().await.expect("a clean shutdown");
}

#[tokio::test]
async fn shutdown_does_not_wait_for_a_connection_that_never_said_hello() {
    let certificate = Certificate::new();
    let server = start(&certificate, ServerConfig::DEFAULT_HEADER_TIMEOUT).await;
    let _silent = connect(server.addr).await;
    // Let the loop accept it before the shutdown begins.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    timeout(WAIT, server.shutdown())
        .await
        .expect("shutdown ends in time")
        .expect("a clean shutdown");
    assert!(
        started.elapsed() < listen::DRAIN_TIMEOUT,
        "took {:?}",
        started.elapsed()
    );
}

/// The accept loop over TLS with an application that upgrades `/ws` to a WebSocket echo.
/// (The reference server's own WebSocket endpoint is not served yet; the loop is what upgrades.)
#[tokio::test]
async fn a_websocket_upgrade_completes_through_tls() {
    use axum::extract::ws::{Message, WebSocketUpgrade};
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite;

    async fn echo(upgrade: WebSocketUpgrade) -> axum::response::Response {
        upgrade.on_upgrade(|mut socket| async move {
            while let Some(Ok(message)) = socket.next().await {
                if let Message::Text(_) = message
                    && socket.send(message).await.is_err()
                {
                    return;
                }
            }
        })
    }

    let certificate = Certificate::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let addr = listener.local_addr().expect("an address");
    let app = axum::Router::new().route("/ws", axum::routing::get(echo));
    let limits = listen::Limits {
        header_timeout: ServerConfig::DEFAULT_HEADER_TIMEOUT,
        idle_timeout: ServerConfig::DEFAULT_IDLE_TIMEOUT,
        max_connections: 4,
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(listen::serve(
        listener,
        app,
        limits,
        Some(certificate.tls().acceptor()),
        async {
            let _ = stopped.await;
        },
    ));

    let connector = tokio_tungstenite::Connector::Rustls(certificate.client_config(&[]));
    let (mut socket, response) = timeout(
        WAIT,
        tokio_tungstenite::connect_async_tls_with_config(
            format!("wss://{addr}/ws"),
            None,
            false,
            Some(connector),
        ),
    )
    .await
    .expect("the upgrade ends in time")
    .expect("the upgrade completes");
    assert_eq!(response.status(), 101);
    socket
        .send(tungstenite::Message::text("hello through TLS"))
        .await
        .expect("a message is sent");
    let echoed = timeout(WAIT, socket.next())
        .await
        .expect("an echo in time")
        .expect("an echo")
        .expect("a message");
    assert_eq!(echoed, tungstenite::Message::text("hello through TLS"));
    socket.close(None).await.expect("a clean close");

    let _ = stop.send(());
    timeout(WAIT, served)
        .await
        .expect("the loop ends in time")
        .expect("the loop task")
        .expect("the loop");
}

// The command line.

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
}

/// Waits at most [`WAIT`] for the child to exit; kills it past that.
fn wait_for_exit(child: &mut Child) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting for the binary") {
            return status;
        }
        if started.elapsed() > WAIT {
            let _ = child.kill();
            panic!("the binary did not exit within {WAIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `serve` with `args` (on an ephemeral port, should it serve after all): exit code and
/// stderr.
fn serve_expecting_exit(args: &[&str]) -> (Option<i32>, String) {
    let mut child = binary()
        .args(["serve", "--port", "0"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let status = wait_for_exit(&mut child);
    let mut stderr = String::new();
    use std::io::Read as _;
    child
        .stderr
        .take()
        .expect("stderr piped")
        .read_to_string(&mut stderr)
        .expect("stderr readable");
    (status.code(), stderr)
}

#[test]
fn serve_with_a_certificate_and_no_key_is_a_usage_error() {
    let (code, stderr) = serve_expecting_exit(&["--tls-cert", "cert.pem"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--tls-key <FILE>"), "{stderr}");
    let (code, stderr) = serve_expecting_exit(&["--tls-key", "key.pem"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--tls-cert <FILE>"), "{stderr}");
}

#[test]
fn serve_with_a_missing_or_unusable_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let certificate = Certificate::new();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, &certificate.cert_pem).expect("the certificate is written");
    std::fs::write(&key, &certificate.key_pem).expect("the key is written");
    let missing = dir.path().join("missing-key.pem");
    let (code, stderr) = serve_expecting_exit(&[
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: serve: cannot read the TLS key file {}: ",
            missing.display()
        )),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    // The certificate given as its own key.
    let (code, stderr) = serve_expecting_exit(&[
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        cert.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: serve: the TLS key file {} holds no private key",
            cert.display()
        )),
        "{stderr}"
    );
}

/// Kills the child when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serve_with_a_certificate_prints_an_https_url_and_answers_on_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let certificate = Certificate::new();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, &certificate.cert_pem).expect("the certificate is written");
    std::fs::write(&key, &certificate.key_pem).expect("the key is written");
    let mut child = Killed(
        binary()
            .args(["serve", "--port", "0", "--tls-cert"])
            .arg(&cert)
            .arg("--tls-key")
            .arg(&key)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout piped");
    let (line_tx, line_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = line_tx.send(line);
    });
    let line = tokio::task::spawn_blocking(move || line_rx.recv_timeout(WAIT))
        .await
        .expect("the reader task")
        .expect("a line in time");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{line:?}"));
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let answer = reqwest_client(&certificate)
        .get(format!("{url}/app-instances"))
        .send()
        .await
        .expect("ListAppInstances over HTTPS");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.json::<serde_json::Value>().await.expect("JSON"),
        serde_json::json!({"AppInstances": []})
    );
}

/// The Content-Type and x-amzn-RequestId an answer carries, for response validation.
fn labels(answer: &reqwest::Response) -> (Option<String>, Option<String>) {
    let header = |name: &str| {
        answer
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    (header("content-type"), header("x-amzn-requestid"))
}
