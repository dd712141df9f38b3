//! The test-control endpoints of `docs/control-protocol.md`, over HTTP, and the background
//! sweeper that deletes expired channels on its own.

use chime_conformance::model::Service;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use serde_json::{Map, Value, json};
use std::time::{Duration, Instant};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn call(server: &RunningServer, service: Service, op: &str, input: Value) -> Value {
    let Value::Object(input) = input else {
        panic!("input is an object")
    };
    server
        .domain
        .handle(service, op, &input)
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

/// An AppInstance, a user, and a channel that expires one day after creation.
fn expiring_channel(server: &RunningServer, name: &str) -> (String, String, String) {
    let app = call(
        server,
        Service::Identity,
        "CreateAppInstance",
        json!({"Name": name, "ClientRequestToken": format!("{name}-app")}),
    )["AppInstanceArn"]
        .as_str()
        .expect("AppInstanceArn")
        .to_owned();
    let user = call(
        server,
        Service::Identity,
        "CreateAppInstanceUser",
        json!({"AppInstanceArn": app, "AppInstanceUserId": "u", "Name": "u",
               "ClientRequestToken": format!("{name}-user")}),
    )["AppInstanceUserArn"]
        .as_str()
        .expect("AppInstanceUserArn")
        .to_owned();
    let channel = call(
        server,
        Service::Messaging,
        "CreateChannel",
        json!({"AppInstanceArn": app, "Name": "short-lived", "ChimeBearer": user,
               "ClientRequestToken": format!("{name}-channel"),
               "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}),
    )["ChannelArn"]
        .as_str()
        .expect("ChannelArn")
        .to_owned();
    (app, user, channel)
}

async fn get(url: String) -> (u16, Value) {
    let r = client().get(url).send().await.expect("answer");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn send(method: reqwest::Method, url: String, body: Value) -> (u16, Value) {
    let r = client()
        .request(method, url)
        .json(&body)
        .send()
        .await
        .expect("answer");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn capabilities_clock_and_sweep() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server");
    let base = format!("{}/_conformance/v1", server.url);
    let (status, caps) = get(format!("{base}/capabilities")).await;
    assert_eq!(status, 200);
    assert_eq!(
        caps,
        json!({"capabilities": ["clock", "expiration", "flow-events", "processor-reachability"]})
    );

    let (app, user, channel) = expiring_channel(&server, "sweep");
    let (status, clock) = get(format!("{base}/clock?app-instance-arn={}", encode(&app))).await;
    assert_eq!(status, 200);
    let now = clock["now"].as_f64().expect("now");

    let (status, lag) = get(format!("{base}/expiration")).await;
    assert_eq!(status, 200);
    let lag = lag["deletionLagSeconds"]
        .as_f64()
        .expect("deletionLagSeconds");

    // Not yet expired: nothing to sweep.
    let (status, swept) = send(
        reqwest::Method::POST,
        format!("{base}/expiration/sweep"),
        json!({"AppInstanceArn": app}),
    )
    .await;
    assert_eq!((status, swept), (200, json!({"deleted": []})));

    let (status, advanced) = send(
        reqwest::Method::POST,
        format!("{base}/clock/advance"),
        json!({"AppInstanceArn": app, "Seconds": 86_400.0 + lag + 1.0}),
    )
    .await;
    assert_eq!(status, 200);
    assert!(advanced["now"].as_f64().expect("now") >= now + 86_400.0 + lag);

    let (status, swept) = send(
        reqwest::Method::POST,
        format!("{base}/expiration/sweep"),
        json!({"AppInstanceArn": app}),
    )
    .await;
    assert_eq!((status, swept), (200, json!({"deleted": [channel]})));
    let mut input = Map::new();
    input.insert("ChannelArn".into(), json!(channel));
    input.insert("ChimeBearer".into(), json!(user));
    assert!(
        server
            .domain
            .handle(Service::Messaging, "DescribeChannel", &input)
            .is_err()
    );
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn the_background_sweeper_deletes_expired_channels() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server");
    let (app, user, channel) = expiring_channel(&server, "background");
    let url = format!("{}/channels/{}", server.url, encode(&channel));
    let before = client()
        .get(&url)
        .header("x-amz-chime-bearer", &user)
        .send()
        .await
        .expect("answer");
    assert_eq!(before.status(), 200, "the channel exists before it expires");
    server
        .domain
        .advance_clock(
            &app,
            86_400.0 + chime_conformance::server::domain::Domain::EXPIRATION_LAG_SECONDS + 1.0,
        )
        .expect("advance");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = client()
            .get(&url)
            .header("x-amz-chime-bearer", &user)
            .send()
            .await
            .expect("answer");
        if r.status().is_client_error() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the expired channel is still there after 10 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn flow_events_and_reachability_validate_their_input() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server");
    let base = format!("{}/_conformance/v1", server.url);
    let (status, _) = send(
        reqwest::Method::PUT,
        format!("{base}/processors/reachability"),
        json!({"ProcessorArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "Reachable": false}),
    )
    .await;
    assert_eq!(status, 200);
    for bad in [
        json!({"ProcessorArn": "x"}),
        json!({"Reachable": "no"}),
        json!([]),
    ] {
        let (status, body) = send(
            reqwest::Method::PUT,
            format!("{base}/processors/reachability"),
            bad,
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(body["Code"], "BadRequest");
    }
    let (status, _) = get(format!("{base}/flow-events")).await;
    assert_eq!(status, 400);
    let (status, body) = get(format!(
        "{base}/flow-events?channel-arn={}",
        encode("arn:aws:chime:us-east-1:1:app-instance/none/channel/none")
    ))
    .await;
    assert!((400..500).contains(&status), "{status} {body}");
    // A method the endpoint does not take.
    let r = client()
        .delete(format!("{base}/capabilities"))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["x-amzn-ErrorType"], "NotFoundException");
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn no_control_means_no_capabilities() {
    let server = server::spawn(ServerConfig {
        control: false,
        ..ServerConfig::default()
    })
    .await
    .expect("server");
    let r = client()
        .get(format!("{}/_conformance/v1/capabilities", server.url))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["x-amzn-ErrorType"], "NotFoundException");
    assert!(r.headers().contains_key("x-amzn-RequestId"));
    server.shutdown().await.expect("shutdown");
}

#[test]
fn serve_prints_its_url_and_answers() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(["serve", "--port", "0", "--no-control"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(20));
    let answer = line.as_ref().ok().and_then(|l| {
        let url = l.trim().strip_prefix("listening on ")?;
        let runtime = tokio::runtime::Runtime::new().ok()?;
        runtime.block_on(async {
            client()
                .get(format!("{url}/nowhere"))
                .send()
                .await
                .ok()
                .map(|r| r.status().as_u16())
        })
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(answer, Some(404), "serve printed {line:?}");
}
