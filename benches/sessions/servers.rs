//! The two servers, each a child process (this binary again, its role in `ROLE`): the
//! reference server seeded with one channel and its members, and the bare broadcast. Each
//! prints one JSON line saying where it listens, then serves until its stdin closes.

use crate::shared::{CONNECTIONS, READ_BUFFER, ROLE, STEP, USERS, env_or, fail, text};
use chime_conformance::model::Service;
use chime_conformance::server::domain::Domain;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use tokio::sync::broadcast;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

pub async fn serve_child(ready: Value) {
    println!("{ready}");
    let mut stdin = tokio::io::stdin();
    let mut buf = [0u8; 64];
    while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
}

fn call(domain: &Domain, service: Service, op: &str, input: Value) -> Value {
    let Value::Object(input) = input else {
        fail(format!("{op}: the input is not an object"))
    };
    domain
        .handle(service, op, &input)
        .unwrap_or_else(|e| fail(format!("seeding {op}: {e}")))
}

/// The reference server, with an AppInstance, a sender who creates one channel, and
/// `BENCH_SESSIONS` users (or `USERS`), all members of it.
pub async fn reference_server() -> (Value, RunningServer) {
    let sessions = env_or(USERS, env_or("BENCH_SESSIONS", 1000)) as usize;
    let domain = Arc::new(Domain::new());
    let app = call(
        &domain,
        Service::Identity,
        "CreateAppInstance",
        json!({"Name": "bench", "ClientRequestToken": "bench-app"}),
    );
    let app = text(&app, "AppInstanceArn");
    let user = |id: String| {
        let out = call(
            &domain,
            Service::Identity,
            "CreateAppInstanceUser",
            json!({"AppInstanceArn": app, "AppInstanceUserId": id, "Name": id,
                   "ClientRequestToken": id}),
        );
        text(&out, "AppInstanceUserArn")
    };
    // No name or token but the Content holds the mark the sessions look for.
    let sender = user("bench-sender".into());
    let users: Vec<String> = (0..sessions)
        .map(|i| user(format!("bench-user-{i}")))
        .collect();
    let channel = call(
        &domain,
        Service::Messaging,
        "CreateChannel",
        json!({"AppInstanceArn": app, "Name": "bench", "ChimeBearer": sender,
               "ClientRequestToken": "bench-channel"}),
    );
    let channel = text(&channel, "ChannelArn");
    // BatchCreateChannelMembership takes at most 100 members a call (the model's MemberArns).
    for batch in users.chunks(100) {
        call(
            &domain,
            Service::Messaging,
            "BatchCreateChannelMembership",
            json!({"ChannelArn": channel, "MemberArns": batch, "Type": "DEFAULT",
                   "ChimeBearer": sender}),
        );
    }
    // Every session holds a connection slot; leave room for the sender's REST calls.
    let config = ServerConfig {
        max_connections: env_or(CONNECTIONS, sessions as u64 + 64) as usize,
        ..ServerConfig::default()
    };
    let server = server::spawn_with_domain(config, domain)
        .await
        .unwrap_or_else(|e| fail(format!("the reference server: {e}")));
    let ready = json!({"url": server.url, "channel": channel, "sender": sender, "users": users});
    (ready, server)
}

/// The bare broadcast: every frame the trigger socket names goes to every socket accepted.
pub async fn bare_server() -> Value {
    let read_buffer = std::env::var(READ_BUFFER).ok().and_then(|v| v.parse().ok());
    let config = read_buffer.map(|n| WebSocketConfig::default().read_buffer_size(n));
    let sockets = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let trigger = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let ready = json!({
        "sessions": sockets.local_addr().expect("addr").to_string(),
        "trigger": trigger.local_addr().expect("addr").to_string(),
    });
    let (frames, _) = broadcast::channel::<Utf8Bytes>(4096);
    let to_sockets = frames.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = sockets.accept().await {
            tokio::spawn(bare_socket(tcp, config, to_sockets.subscribe()));
        }
    });
    tokio::spawn(async move {
        while let Ok((tcp, _)) = trigger.accept().await {
            bare_trigger(tcp, &frames).await;
        }
    });
    ready
}

async fn bare_socket(
    tcp: TcpStream,
    config: Option<WebSocketConfig>,
    mut frames: broadcast::Receiver<Utf8Bytes>,
) {
    let accept = tokio_tungstenite::accept_async_with_config(tcp, config);
    let Ok(Ok(mut ws)) = timeout(STEP, accept).await else {
        return;
    };
    loop {
        tokio::select! {
            frame = frames.recv() => match frame {
                Ok(f) => if !matches!(timeout(STEP, ws.send(Message::Text(f))).await, Ok(Ok(()))) {
                    return;
                },
                // Lagged or closed: the client learns it from the missing frames.
                Err(_) => return,
            },
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// The trigger's first frame is `{"template", "placeholder"}`; each later one a Content of
/// the placeholder's length, broadcast as the template with the Content swapped in.
async fn bare_trigger(tcp: TcpStream, frames: &broadcast::Sender<Utf8Bytes>) {
    let Ok(Ok(mut ws)) = timeout(STEP, tokio_tungstenite::accept_async(tcp)).await else {
        return;
    };
    let mut template: Option<(String, String)> = None;
    while let Some(Ok(message)) = ws.next().await {
        let Message::Text(t) = message else { continue };
        match &template {
            None => {
                let v: Value = serde_json::from_str(&t).unwrap_or_default();
                template = Some((text(&v, "template"), text(&v, "placeholder")));
            }
            Some((frame, placeholder)) => {
                let _ = frames.send(Utf8Bytes::from(frame.replacen(placeholder, &t, 1)));
            }
        }
    }
}

pub async fn spawn_child(role: &str, read_buffer: Option<usize>) -> (Child, Value) {
    let env: Vec<_> = read_buffer
        .map(|n| (READ_BUFFER, n.to_string()))
        .into_iter()
        .collect();
    spawn_child_with(role, &env).await
}

/// Starts this binary again as `role`, with `env` set, and reads its ready line.
pub async fn spawn_child_with(role: &str, env: &[(&str, String)]) -> (Child, Value) {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(format!("current_exe: {e}")));
    let mut command = Command::new(exe);
    command.envs(env.iter().cloned());
    let mut child = command
        .env(ROLE, role)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| fail(format!("starting the {role} server: {e}")));
    let stdout = child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    let read = timeout(Duration::from_secs(60), async {
        BufReader::new(stdout).read_line(&mut line).await
    });
    if !matches!(read.await, Ok(Ok(n)) if n > 0) {
        fail(format!("the {role} server did not say it was ready"));
    }
    let ready = serde_json::from_str(&line)
        .unwrap_or_else(|e| fail(format!("the {role} server's ready line: {e}")));
    (child, ready)
}

pub async fn stop_child(mut child: Child) {
    drop(child.stdin.take());
    if timeout(Duration::from_secs(5), child.wait()).await.is_err() {
        let _ = child.kill().await;
    }
}
