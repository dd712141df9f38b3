//! Headless Chromium (Debian's `chromium` package), driven over the DevTools protocol to read
//! a page as a reader sees it: `document.body.innerText` leaves out what is hidden or folded.
//! Every wait has a deadline; the browser is killed when the page is dropped.

use futures::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

pub const CHROMIUM: &str = "/usr/bin/chromium";
const WAIT: Duration = Duration::from_secs(60);

/// Chromium's flags for a test: no sandbox (containers), no GPU, nothing fetched on its own.
pub fn flags(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// The browser, or `None` when the test may skip: only outside CI, and loudly. In CI
/// (`CI` set) a missing browser fails the test: `.ci/run` installs it.
pub fn find() -> Option<PathBuf> {
    let path = PathBuf::from(CHROMIUM);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{CHROMIUM} is missing under CI: .ci/run installs Debian's chromium package"
    );
    eprintln!(
        "\n*** SKIPPED: {CHROMIUM} is not installed (apt-get install chromium); the HTML report was not checked in a browser ***\n"
    );
    None
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub struct Page {
    browser: Child,
    socket: Socket,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.browser.kill();
        let _ = self.browser.wait();
    }
}

impl Page {
    /// Opens `file` in a new headless browser of `width` x `height` pixels.
    pub async fn open(chromium: &Path, file: &Path, width: u32, height: u32) -> Page {
        let profile = tempfile::tempdir().expect("a profile directory");
        let mut browser = Command::new(chromium)
            .args(flags(profile.path()))
            .arg(format!("--window-size={width},{height}"))
            .arg("--remote-debugging-port=0")
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = browser.stderr.take().expect("stderr piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = tokio::task::spawn_blocking(move || rx.recv_timeout(WAIT))
            .await
            .expect("the reader")
            .expect("chromium prints its DevTools URL in time");
        let (socket, _) = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(&url))
            .await
            .expect("DevTools connects in time")
            .expect("DevTools connects");
        let mut page = Page {
            browser,
            socket,
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let file_url = format!("file://{}", file.display());
        let target = page
            .send(None, "Target.createTarget", json!({"url": file_url}))
            .await;
        let target_id = target["targetId"].as_str().expect("a target").to_owned();
        let attached = page
            .send(
                None,
                "Target.attachToTarget",
                json!({"targetId": target_id, "flatten": true}),
            )
            .await;
        page.session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_owned();
        let deadline = Instant::now() + WAIT;
        // A new target starts on about:blank, which is "complete" at once: wait for the file.
        let loaded = "document.readyState === 'complete' && location.protocol === 'file:'";
        while page.eval(loaded).await != json!(true) {
            assert!(Instant::now() < deadline, "the page did not load in time");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        page
    }

    /// Sends a DevTools command and waits for its answer.
    async fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.socket
            .send(Message::text(msg.to_string()))
            .await
            .expect("DevTools takes the command");
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let frame = tokio::time::timeout(left, self.socket.next())
                .await
                .unwrap_or_else(|_| panic!("{method}: no answer in time"))
                .expect("the socket stays open")
                .expect("a frame");
            let Message::Text(text) = frame else { continue };
            let v: Value = serde_json::from_str(&text).expect("DevTools speaks JSON");
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// The value of a JavaScript expression in the page.
    pub async fn eval(&mut self, expression: &str) -> Value {
        let session = self.session.clone();
        let r = self
            .send(
                Some(&session),
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true}),
            )
            .await;
        r["result"]["value"].clone()
    }

    /// What a reader sees of the element matched by `selector` (empty when none matches).
    pub async fn text(&mut self, selector: &str) -> String {
        let expr = format!(
            "(document.querySelector({}) || {{innerText: ''}}).innerText",
            json!(selector)
        );
        self.eval(&expr)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}
