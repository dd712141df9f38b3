//! The official JavaScript client against the reference server: amazon-chime-sdk-js's
//! `DefaultMessagingSession`, run in Node by `tests/js/session.mjs`, connects the way an
//! application does (GetMessagingSessionEndpoint, then a SigV4-presigned `wss://{Url}/connect`),
//! while users, channels and messages are made through REST with the official Rust SDK.
//! The script prints what the client observes, one JSON line each; the assertions here are on
//! those lines. It needs `node` (20 or newer) and npm; the first test to run installs the
//! pinned packages (`npm ci --prefix tests/js`) when they are not there yet. Without Node the
//! tests fail, they are not skipped. Every wait is bounded and a script that overruns is killed.

#[path = "common/sdk.rs"]
mod sdk;

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use messaging::types::{ChannelMembershipType, ChannelMessagePersistenceType, ChannelMessageType};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::task::JoinHandle;

/// How long an event that is due may take to reach the script (Node's start included).
const DUE: Duration = Duration::from_secs(15);
/// How long the non-member's session is watched, after the member has seen the last event,
/// for anything about the channel to arrive.
const QUIET: Duration = Duration::from_millis(750);
/// How long a script may take to stop and exit once told to.
const EXIT: Duration = Duration::from_secs(10);

/// How long `npm ci` may take to install the pinned packages.
const INSTALL: Duration = Duration::from_secs(300);

/// The Node package's directory, installed: a missing `node` fails the test with what to do,
/// never skips it; missing packages are installed once, by the first test that needs them.
fn js_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let version = std::process::Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    let major = version
        .as_deref()
        .and_then(|v| v.strip_prefix('v')?.split('.').next()?.parse::<u32>().ok());
    assert!(
        major.is_some_and(|m| m >= 20),
        "`node` 20 or newer is needed on PATH to run the official JavaScript client (found {version:?})"
    );
    static INSTALLED: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut installed = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
    let present = |dir: &PathBuf| {
        dir.join("node_modules/amazon-chime-sdk-js/package.json")
            .is_file()
            && dir.join("node_modules/ws/package.json").is_file()
    };
    if !*installed && !present(&dir) {
        npm_ci(&dir);
    }
    assert!(
        present(&dir),
        "tests/js could not be installed: run `npm ci --prefix tests/js` and see what it says"
    );
    *installed = true;
    dir
}

/// `npm ci` in `dir`, the packages exactly as the lockfile pins them, no install scripts.
fn npm_ci(dir: &PathBuf) {
    let mut npm = std::process::Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("`npm` is needed on PATH to install tests/js (Node.js 20 or newer)");
    let started = Instant::now();
    loop {
        match npm.try_wait().expect("waiting for npm ci") {
            Some(status) => {
                assert!(
                    status.success(),
                    "`npm ci --prefix tests/js` failed: {status}"
                );
                return;
            }
            None if started.elapsed() > INSTALL => {
                let _ = npm.kill();
                panic!("`npm ci --prefix tests/js` took longer than {INSTALL:?}");
            }
            None => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}

/// One run of `session.mjs`: its stdout read line by line, its stderr kept for messages.
struct JsSession {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: Lines<BufReader<ChildStdout>>,
    stderr: JoinHandle<String>,
    /// Every line read so far, in order.
    seen: Vec<Value>,
}

impl JsSession {
    fn spawn(name: &str, rest_endpoint: &str, user_arn: &str, extra: &[&str]) -> JsSession {
        let dir = js_dir();
        let mut child = Command::new("node")
            .current_dir(&dir)
            .arg("session.mjs")
            .args(["--endpoint", rest_endpoint, "--user-arn", user_arn])
            .args(["--timeout-ms", "30000"])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node starts");
        let stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut err = child.stderr.take().expect("stderr");
        let stderr = tokio::spawn(async move {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text).await;
            text
        });
        JsSession {
            name: name.into(),
            stdin: child.stdin.take(),
            child,
            stdout,
            stderr,
            seen: Vec::new(),
        }
    }

    /// Reads lines until one satisfies `wanted` (returned), failing with everything seen if the
    /// script ends or `within` passes first.
    async fn wait_for(
        &mut self,
        what: &str,
        within: Duration,
        wanted: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.stdout.next_line()).await {
                Ok(Ok(Some(line))) => {
                    let value: Value = serde_json::from_str(&line).unwrap_or_else(|e| {
                        panic!("{}: a line that is not JSON ({e}): {line}", self.name)
                    });
                    self.seen.push(value.clone());
                    if wanted(&value) {
                        return value;
                    }
                }
                Ok(Ok(None)) => panic!("{}: the script ended before {what}: {self}", self.name),
                Ok(Err(e)) => panic!("{}: reading the script's output: {e}", self.name),
                Err(_) => panic!("{}: no {what} within {within:?}: {self}", self.name),
            }
        }
    }

    /// Tells the script to stop the session, then reads the rest of its output until it exits
    /// (killing it if it overruns [`EXIT`]).
    async fn finish(mut self) -> Finished {
        if let Some(mut stdin) = self.stdin.take() {
            use tokio::io::AsyncWriteExt;
            // The script may have stopped already (`--until`, `--expect rejected`).
            let _ = stdin.write_all(b"stop\n").await;
        }
        let rest = tokio::time::timeout(EXIT, async {
            while let Ok(Some(line)) = self.stdout.next_line().await {
                match serde_json::from_str(&line) {
                    Ok(value) => self.seen.push(value),
                    Err(e) => panic!("{}: a line that is not JSON ({e}): {line}", self.name),
                }
            }
            self.child.wait().await
        })
        .await;
        let status = match rest {
            Ok(status) => status.expect("the script's exit status"),
            Err(_) => {
                let _ = self.child.kill().await;
                panic!(
                    "{}: the script did not exit within {EXIT:?}: {self}",
                    self.name
                );
            }
        };
        let stderr = tokio::time::timeout(EXIT, &mut self.stderr)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        Finished {
            name: self.name,
            status,
            lines: self.seen,
            stderr,
        }
    }
}

impl std::fmt::Display for JsSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the lines so far:")?;
        for line in &self.seen {
            write!(f, "\n  {line}")?;
        }
        Ok(())
    }
}

/// A script that has exited: its status and all it printed.
struct Finished {
    name: String,
    status: ExitStatus,
    lines: Vec<Value>,
    stderr: String,
}

impl Finished {
    fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.lines.iter().filter(move |l| l["kind"] == kind)
    }

    fn messages(&self) -> Vec<&Value> {
        self.of_kind("message").collect()
    }

    fn assert_exited_ok(&self) {
        assert!(
            self.status.success(),
            "{}: exit status {}: {self}",
            self.name,
            self.status
        );
    }
}

impl std::fmt::Display for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "lines:")?;
        for line in &self.lines {
            write!(f, "\n  {line}")?;
        }
        write!(f, "\nstderr:\n{}", self.stderr)
    }
}

fn is_message(line: &Value, event_type: &str) -> bool {
    line["kind"] == "message" && line["type"] == event_type
}

/// Users, channels and messages through the official Rust SDK, against a fresh server.
struct Rest {
    server: RunningServer,
    identity: identity::Client,
    messaging: messaging::Client,
    app: String,
}

impl Rest {
    async fn start() -> Rest {
        let server = server::spawn(ServerConfig::default())
            .await
            .expect("the server starts");
        let (messaging, identity) = sdk::clients(&server.url);
        let app = identity
            .create_app_instance()
            .name("js-client")
            .client_request_token("js-client-app")
            .send()
            .await
            .expect("CreateAppInstance")
            .app_instance_arn
            .expect("AppInstanceArn");
        Rest {
            server,
            identity,
            messaging,
            app,
        }
    }

    async fn user(&self, id: &str) -> String {
        self.identity
            .create_app_instance_user()
            .app_instance_arn(&self.app)
            .app_instance_user_id(id)
            .name(id)
            .client_request_token(format!("{id}-token"))
            .send()
            .await
            .expect("CreateAppInstanceUser")
            .app_instance_user_arn
            .expect("AppInstanceUserArn")
    }

    async fn make_admin(&self, user: &str) {
        self.identity
            .create_app_instance_admin()
            .app_instance_arn(&self.app)
            .app_instance_admin_arn(user)
            .send()
            .await
            .expect("CreateAppInstanceAdmin");
    }

    async fn channel(&self, creator: &str) -> String {
        self.messaging
            .create_channel()
            .app_instance_arn(&self.app)
            .name("lobby")
            .client_request_token("lobby-token")
            .chime_bearer(creator)
            .send()
            .await
            .expect("CreateChannel")
            .channel_arn
            .expect("ChannelArn")
    }

    async fn join(&self, channel: &str, by: &str, member: &str) {
        self.messaging
            .create_channel_membership()
            .channel_arn(channel)
            .member_arn(member)
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(by)
            .send()
            .await
            .expect("CreateChannelMembership");
    }

    async fn send(&self, channel: &str, sender: &str, content: &str) -> String {
        self.messaging
            .send_channel_message()
            .channel_arn(channel)
            .content(content)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .client_request_token(format!("{content}-token"))
            .chime_bearer(sender)
            .send()
            .await
            .expect("SendChannelMessage")
            .message_id
            .expect("MessageId")
    }

    async fn endpoint(&self) -> String {
        self.messaging
            .get_messaging_session_endpoint()
            .send()
            .await
            .expect("GetMessagingSessionEndpoint")
            .endpoint
            .and_then(|e| e.url)
            .expect("Endpoint.Url")
    }
}

/// B-WS-14: an ISO-8601 UTC time with milliseconds, within a minute of now.
fn assert_iso_timestamp(payload: &Value, member: &str) {
    let text = payload[member]
        .as_str()
        .unwrap_or_else(|| panic!("{member} is an ISO-8601 string: {payload}"));
    let shape = regex::Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$").expect("regex");
    assert!(
        shape.is_match(text),
        "{member} {text:?} is not yyyy-MM-ddTHH:mm:ss.SSSZ"
    );
    let at = chrono::DateTime::parse_from_rfc3339(text).expect("an RFC 3339 time");
    let off = (chrono::Utc::now() - at.with_timezone(&chrono::Utc))
        .num_seconds()
        .abs();
    assert!(off < 60, "{member} {text} is {off} s away from now");
}

/// The socket the client opened: `wss://{Endpoint.Url}/connect`, presigned for `user` (B-WS-01,
/// B-WS-02).
fn assert_connect_url(run: &Finished, endpoint: &str, user: &str) {
    let sockets: Vec<_> = run.of_kind("socket").collect();
    assert_eq!(
        sockets.len(),
        1,
        "{}: one socket, no reconnect: {run}",
        run.name
    );
    let url = sockets[0]["url"].as_str().expect("url");
    let parsed = reqwest::Url::parse(url).expect("a URL");
    assert_eq!(parsed.scheme(), "wss", "{url}");
    assert_eq!(parsed.path(), "/connect", "{url}");
    let authority = match parsed.port() {
        Some(port) => format!("{}:{port}", parsed.host_str().unwrap_or_default()),
        None => parsed.host_str().unwrap_or_default().to_owned(),
    };
    assert_eq!(authority, endpoint, "the client dials Endpoint.Url: {url}");
    let query: std::collections::HashMap<_, _> = parsed.query_pairs().into_owned().collect();
    assert_eq!(
        query.get("userArn").map(String::as_str),
        Some(user),
        "{url}"
    );
    for name in [
        "sessionId",
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Date",
        "X-Amz-Expires",
        "X-Amz-SignedHeaders",
        "X-Amz-Signature",
    ] {
        assert!(query.contains_key(name), "{name} missing from {url}");
    }
    assert!(
        query["X-Amz-Credential"].ends_with("/us-east-1/chime/aws4_request"),
        "{url}"
    );
}

/// SESSION_ESTABLISHED as the client reports it: didStart, then the message itself with no
/// payload and the SYSTEM message type (B-WS-03, B-WS-04).
fn assert_established(run: &Finished) {
    let start = run.lines.iter().position(|l| l["kind"] == "didStart");
    let established = run
        .lines
        .iter()
        .position(|l| is_message(l, "SESSION_ESTABLISHED"));
    let (Some(start), Some(established)) = (start, established) else {
        panic!("{}: no didStart and SESSION_ESTABLISHED: {run}", run.name);
    };
    assert!(
        start < established,
        "{}: didStart comes first: {run}",
        run.name
    );
    let frame = &run.lines[established];
    assert_eq!(
        frame["payloadKind"], "null",
        "SESSION_ESTABLISHED has no payload: {frame}"
    );
    assert_eq!(
        frame["headers"]["x-amz-chime-message-type"], "SYSTEM",
        "{frame}"
    );
    assert_eq!(run.of_kind("started").count(), 1, "start() resolved: {run}");
}

/// Stopped by the script (`stop()` closes with no code: 1005), and never reconnected.
fn assert_stopped_cleanly(run: &Finished) {
    run.assert_exited_ok();
    let stops: Vec<_> = run.of_kind("didStop").collect();
    assert_eq!(stops.len(), 1, "{}: one didStop: {run}", run.name);
    assert_eq!(stops[0]["code"], 1005, "{}: {run}", run.name);
    assert!(
        run.of_kind("didStartConnecting")
            .all(|l| l["reconnecting"] == false),
        "{}: the client reconnected: {run}",
        run.name
    );
    assert_eq!(
        run.of_kind("unhandledRejection").count(),
        0,
        "{}: {run}",
        run.name
    );
}

#[tokio::test]
async fn the_js_client_receives_a_members_message_events_and_a_non_member_receives_none() {
    let began = Instant::now();
    let rest = Rest::start().await;
    let (host, member, outsider) = (
        rest.user("host").await,
        rest.user("member").await,
        rest.user("outsider").await,
    );
    // Only an AppInstanceAdmin may delete a message; the host is the channel's creator too.
    rest.make_admin(&host).await;
    let channel = rest.channel(&host).await;
    let endpoint = rest.endpoint().await;

    let mut member_js = JsSession::spawn("member", &rest.server.url, &member, &[]);
    let mut outsider_js = JsSession::spawn("outsider", &rest.server.url, &outsider, &[]);
    let established = |l: &Value| is_message(l, "SESSION_ESTABLISHED");
    member_js
        .wait_for("SESSION_ESTABLISHED", DUE, established)
        .await;
    outsider_js
        .wait_for("SESSION_ESTABLISHED", DUE, established)
        .await;
    let connected = began.elapsed();

    // B-WS-09: added while connected, the member is told, and gets the channel's messages.
    rest.join(&channel, &host, &member).await;
    member_js
        .wait_for("CREATE_CHANNEL_MEMBERSHIP", DUE, |l| {
            is_message(l, "CREATE_CHANNEL_MEMBERSHIP")
        })
        .await;

    let id = rest.send(&channel, &host, "hello").await;
    rest.messaging
        .update_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .content("hello, edited")
        .chime_bearer(&host)
        .send()
        .await
        .expect("UpdateChannelMessage");
    rest.messaging
        .redact_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .chime_bearer(&host)
        .send()
        .await
        .expect("RedactChannelMessage");
    rest.messaging
        .delete_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .chime_bearer(&host)
        .send()
        .await
        .expect("DeleteChannelMessage");
    member_js
        .wait_for("DELETE_CHANNEL_MESSAGE", DUE, |l| {
            is_message(l, "DELETE_CHANNEL_MESSAGE")
        })
        .await;
    let delivered = began.elapsed();
    tokio::time::sleep(QUIET).await;
    let member_run = member_js.finish().await;
    let outsider_run = outsider_js.finish().await;

    assert_connect_url(&member_run, &endpoint, &member);
    assert_established(&member_run);
    assert_stopped_cleanly(&member_run);
    let events: Vec<&str> = member_run
        .messages()
        .iter()
        .map(|m| m["type"].as_str().unwrap_or_default())
        .collect();
    // B-WS-13 (assumed): in the order the API acknowledged the actions, each once.
    assert_eq!(
        events,
        [
            "SESSION_ESTABLISHED",
            "CREATE_CHANNEL_MEMBERSHIP",
            "CREATE_CHANNEL_MESSAGE",
            "UPDATE_CHANNEL_MESSAGE",
            "REDACT_CHANNEL_MESSAGE",
            "DELETE_CHANNEL_MESSAGE",
        ],
        "{member_run}"
    );
    let payload_of = |event_type: &str| -> &Value {
        let frame = member_run
            .messages()
            .into_iter()
            .find(|m| m["type"] == event_type)
            .expect("checked above");
        // B-WS-03: the Payload is a JSON document in a string, which the client passes on.
        assert_eq!(frame["payloadKind"], "string", "{frame}");
        assert_eq!(
            frame["headers"]["x-amz-chime-event-type"], event_type,
            "{frame}"
        );
        &frame["payload"]
    };
    let joined = payload_of("CREATE_CHANNEL_MEMBERSHIP");
    assert_eq!(joined["ChannelArn"], channel.as_str(), "{joined}");
    assert_eq!(joined["Member"]["Arn"], member.as_str(), "{joined}");
    assert_eq!(joined["InvitedBy"]["Arn"], host.as_str(), "{joined}");

    let created = payload_of("CREATE_CHANNEL_MESSAGE");
    assert_eq!(created["MessageId"], id.as_str(), "{created}");
    assert_eq!(created["ChannelArn"], channel.as_str(), "{created}");
    assert_eq!(created["Content"], "hello", "{created}");
    assert_eq!(created["Sender"]["Arn"], host.as_str(), "{created}");
    assert_eq!(created["Type"], "STANDARD", "{created}");
    assert_iso_timestamp(created, "CreatedTimestamp");
    let updated = payload_of("UPDATE_CHANNEL_MESSAGE");
    assert_eq!(updated["MessageId"], id.as_str(), "{updated}");
    assert_eq!(updated["Content"], "hello, edited", "{updated}");
    assert_iso_timestamp(updated, "LastEditedTimestamp");
    let redacted = payload_of("REDACT_CHANNEL_MESSAGE");
    assert_eq!(redacted["MessageId"], id.as_str(), "{redacted}");
    assert_eq!(redacted["Redacted"], true, "{redacted}");
    assert!(
        redacted.get("Content").is_none_or(|c| c == ""),
        "a redacted message is empty: {redacted}"
    );
    let deleted = payload_of("DELETE_CHANNEL_MESSAGE");
    assert_eq!(deleted["MessageId"], id.as_str(), "{deleted}");
    assert_eq!(deleted["ChannelArn"], channel.as_str(), "{deleted}");
    for frame in member_run.messages() {
        assert_eq!(
            frame["headers"]["x-amz-chime-message-type"],
            if frame["type"]
                .as_str()
                .is_some_and(|t| t.ends_with("_CHANNEL_MESSAGE"))
            {
                "STANDARD"
            } else {
                "SYSTEM"
            },
            "{frame}"
        );
    }

    // B-WS-05: the non-member is connected throughout and told nothing about the channel.
    assert_connect_url(&outsider_run, &endpoint, &outsider);
    assert_established(&outsider_run);
    assert_stopped_cleanly(&outsider_run);
    let told: Vec<_> = outsider_run
        .messages()
        .into_iter()
        .filter(|m| m["type"] != "SESSION_ESTABLISHED")
        .collect();
    assert!(told.is_empty(), "the non-member received {told:?}");
    let checked = began.elapsed();
    let stopping = Instant::now();
    rest.server.shutdown().await.expect("shutdown");
    eprintln!(
        "js client: both sessions established after {connected:?}, the member had the last \
         event after {delivered:?}, all checked after {checked:?}, the server stopped in {:?}",
        stopping.elapsed()
    );
}

#[tokio::test]
async fn a_user_arn_that_names_no_user_ends_start_with_4401_and_no_reconnect() {
    let rest = Rest::start().await;
    let real = rest.user("real").await;
    let nobody = format!("{real}-nobody");
    let mut js = JsSession::spawn(
        "nobody",
        &rest.server.url,
        &nobody,
        &["--expect", "rejected", "--linger-ms", "1500"],
    );
    js.wait_for("start() settled", DUE, |l| {
        l["kind"] == "startRejected" || l["kind"] == "started"
    })
    .await;
    let run = js.finish().await;
    run.assert_exited_ok();
    let rejected = run
        .of_kind("startRejected")
        .next()
        .expect("start() rejected");
    // B-WS-12: accepted at the upgrade, then closed with 4401 "Unauthorized", which is final.
    assert_eq!(rejected["code"], 4401, "{run}");
    assert_eq!(rejected["reason"], "Unauthorized", "{run}");
    assert_eq!(run.of_kind("didStart").count(), 0, "{run}");
    // The client's short backoff (100 ms) would show a reconnect within the 1.5 s linger.
    assert_eq!(run.of_kind("socket").count(), 1, "no reconnect: {run}");
    assert_eq!(
        run.of_kind("didStartConnecting").count(),
        1,
        "no reconnect: {run}"
    );
    assert_eq!(run.of_kind("unhandledRejection").count(), 0, "{run}");
    rest.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn with_prefetch_the_js_client_receives_the_details_of_its_channel() {
    let rest = Rest::start().await;
    let (host, member) = (rest.user("host").await, rest.user("member").await);
    let channel = rest.channel(&host).await;
    rest.join(&channel, &host, &member).await;
    let first = rest.send(&channel, &host, "first").await;
    let second = rest.send(&channel, &host, "second").await;
    let mut js = JsSession::spawn(
        "prefetch",
        &rest.server.url,
        &member,
        &["--prefetch", "unread", "--until", "CHANNEL_DETAILS"],
    );
    js.wait_for("CHANNEL_DETAILS", DUE, |l| is_message(l, "CHANNEL_DETAILS"))
        .await;
    let run = js.finish().await;
    assert_established(&run);
    assert_stopped_cleanly(&run);
    let url = run.of_kind("socket").next().expect("a socket")["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        url.contains("prefetch-on=connect") && url.contains("prefetch-sort-by=unread"),
        "{url}"
    );
    // B-WS-11: after SESSION_ESTABLISHED, one CHANNEL_DETAILS for the user's one channel.
    let types: Vec<_> = run.messages().iter().map(|m| m["type"].clone()).collect();
    assert_eq!(types, ["SESSION_ESTABLISHED", "CHANNEL_DETAILS"], "{run}");
    let details = &run.messages()[1]["payload"];
    assert_eq!(run.messages()[1]["payloadKind"], "string", "{run}");
    assert_eq!(
        details["Channel"]["ChannelArn"],
        channel.as_str(),
        "{details}"
    );
    assert_eq!(details["Channel"]["Name"], "lobby", "{details}");
    let ids: Vec<_> = details["ChannelMessages"]
        .as_array()
        .unwrap_or_else(|| panic!("ChannelMessages is a list: {details}"))
        .iter()
        .map(|m| m["MessageId"].clone())
        .collect();
    assert_eq!(
        ids,
        [second.as_str(), first.as_str()],
        "newest first: {details}"
    );
    assert_eq!(details["ChannelMessagesHasMore"], false, "{details}");
    let members: Vec<_> = details["ChannelMemberships"]
        .as_array()
        .unwrap_or_else(|| panic!("ChannelMemberships is a list: {details}"))
        .iter()
        .map(|m| m["Member"]["Arn"].clone())
        .collect();
    assert!(
        members.contains(&Value::from(member.as_str()))
            && members.contains(&Value::from(host.as_str())),
        "{details}"
    );
    rest.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn a_server_that_stops_closes_the_js_session_with_a_code_the_client_reconnects_on() {
    let rest = Rest::start().await;
    let user = rest.user("user").await;
    let mut js = JsSession::spawn("stopping", &rest.server.url, &user, &[]);
    js.wait_for("SESSION_ESTABLISHED", DUE, |l| {
        is_message(l, "SESSION_ESTABLISHED")
    })
    .await;
    tokio::time::timeout(DUE, rest.server.shutdown())
        .await
        .expect("the server stops in time")
        .expect("shutdown");
    // B-WS-12: 1001 (going away) invites a reconnect.
    let closed = js
        .wait_for("the socket's close", DUE, |l| l["kind"] == "socketClosed")
        .await;
    assert_eq!(closed["code"], 1001, "{js}");
    // The client tries again: it asks for the endpoint anew, which is gone, and gives up
    // once its reconnect deadline (3 s in the script) has passed.
    let stop = js
        .wait_for("didStop", DUE, |l| l["kind"] == "didStop")
        .await;
    assert_eq!(stop["code"], 4999, "the client retried the endpoint: {js}");
    let run = js.finish().await;
    run.assert_exited_ok();
}
