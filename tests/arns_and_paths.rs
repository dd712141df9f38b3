//! The reference server against requests that name resources wrongly, as foreign clients and
//! a model-driven request generator sent them: ARNs with junk after them or of the wrong kind,
//! paths with empty segments (over raw sockets, which send the path as written), integers past
//! their type's width; and the shapes of the ARNs the server mints.

#[path = "common/resources.rs"]
mod resources;

use chime_conformance::model::{Service, sample};
use chime_conformance::schema::{ResponseView, validate_response};
use chime_conformance::server::{self, ServerConfig};
use resources::{Resources, Target, required_input};
use serde_json::{Map, Value, json};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What follows a real ARN in the requests of the finding: none of them names a resource.
const JUNK: [&str; 4] = ["/x", "/../..", "/", "/channel"];

/// Every operation, and every member of its input that holds the ARN of a resource made here:
/// the real ARN with junk after it, or the ARN of another kind of resource, is answered with a
/// modelled client error the operation lists, and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_arn_names_one_resource_exactly() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let t = Target::new(&server.url);
    let r = Resources::create(&t).await;
    let mut sent = 0;
    let mut wrong = Vec::new();
    for service in Service::ALL {
        let model = service.model();
        for op in model.operations.values() {
            let Some(shape) = model.input_structure(op) else {
                continue;
            };
            let mut base = required_input(service, &op.name);
            for name in shape.members.keys() {
                if let Some(arn) = r.arn_for(name) {
                    base.insert(name.clone(), json!(arn));
                }
            }
            for name in shape.members.keys() {
                let Some(real) = r.arn_for(name) else {
                    continue;
                };
                // ResourceARN holds any kind of resource; every other member one kind.
                let other_kind = if real == r.app { &r.channel } else { &r.app };
                let other_kind = (name != "ResourceARN").then(|| other_kind.clone());
                let variants = JUNK
                    .iter()
                    .map(|junk| format!("{real}{junk}"))
                    .chain(other_kind);
                for arn in variants {
                    let mut input = base.clone();
                    input.insert(name.clone(), json!(arn));
                    let answer = t.call(&op.name, &input).await;
                    sent += 1;
                    let listed = answer
                        .error_type
                        .as_ref()
                        .is_some_and(|t| op.errors.contains(t));
                    if !(400..500).contains(&answer.status) || !listed || !answer.has_request_id {
                        wrong.push(format!("{} {name}={arn}: {answer:?}", op.name));
                    }
                }
            }
        }
    }
    println!("{sent} requests naming a resource wrongly");
    assert!(sent > 400, "only {sent} requests");
    assert!(
        wrong.is_empty(),
        "{} of {sent} answered wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // Nothing changed: not renamed, no user or channel added through a wrong ARN, not deleted.
    let app = Map::from_iter([("AppInstanceArn".to_owned(), json!(r.app))]);
    let described = t.call("DescribeAppInstance", &app).await;
    assert_eq!(described.status, 200, "{described:?}");
    assert_eq!(described.body["AppInstance"]["Name"], "abused");
    let users = t.call("ListAppInstanceUsers", &app).await;
    assert_eq!(
        users.body["AppInstanceUsers"].as_array().map(Vec::len),
        Some(1),
        "{users:?}"
    );
    let mut listing = app.clone();
    listing.insert("ChimeBearer".into(), json!(r.user));
    let channels = t.call("ListChannels", &listing).await;
    assert_eq!(
        channels.body["Channels"].as_array().map(Vec::len),
        Some(1),
        "{channels:?}"
    );
    server.shutdown().await.expect("clean shutdown");
}

/// The operations the finding named answer for the real ARN and refuse it with junk after it:
/// the refusal is the ARN's, not the request's.
#[tokio::test]
async fn app_instance_operations_refuse_what_they_served() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let t = Target::new(&server.url);
    let r = Resources::create(&t).await;
    for op in [
        "DescribeAppInstance",
        "ListAppInstanceUsers",
        "ListAppInstanceAdmins",
        "ListAppInstanceBots",
        "ListChannels",
        "ListChannelFlows",
        "GetAppInstanceRetentionSettings",
        "DeleteMessagingStreamingConfigurations",
    ] {
        let input = |arn: &str| {
            let mut m = Map::from_iter([("AppInstanceArn".to_owned(), json!(arn))]);
            m.insert("ChimeBearer".into(), json!(r.user));
            if op != "ListChannels" {
                m.remove("ChimeBearer");
            }
            m
        };
        let clean = t.call(op, &input(&r.app)).await;
        assert!((200..300).contains(&clean.status), "{op}: {clean:?}");
        for junk in JUNK {
            let arn = format!("{}{junk}", r.app);
            let refused = t.call(op, &input(&arn)).await;
            assert!(
                (400..500).contains(&refused.status),
                "{op} {arn}: {refused:?}"
            );
            let message = refused.body["Message"].as_str().unwrap_or_default();
            assert!(
                message.contains("is not the ARN of an AppInstance"),
                "{op} {arn}: {refused:?}"
            );
        }
    }
    server.shutdown().await.expect("clean shutdown");
}

/// The Chime resource types of the Service Authorization Reference ("Actions, resources, and
/// condition keys for Amazon Chime"), each `${…}` one field without `/` or `:`.
const RESOURCE_TYPES: [(&str, &str); 5] = [
    (
        "app-instance",
        "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}",
    ),
    (
        "app-instance-user",
        "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/user/${AppInstanceUserId}",
    ),
    (
        "app-instance-bot",
        "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/bot/${AppInstanceBotId}",
    ),
    (
        "channel",
        "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/channel/${ChannelId}",
    ),
    (
        "channel-flow",
        "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/channel-flow/${ChannelFlowId}",
    ),
];

/// The fields of `arn` by the template's `${…}` names, if it fits the template.
fn fields(template: &str, arn: &str) -> Option<Vec<(String, String)>> {
    let mut pattern = String::from("^");
    let mut names = Vec::new();
    for (i, piece) in template.split("${").enumerate() {
        let literal = if i == 0 {
            piece
        } else {
            let (name, rest) = piece.split_once('}')?;
            names.push(name.to_owned());
            pattern.push_str("([^/:]+)");
            rest
        };
        pattern.push_str(&regex::escape(literal));
    }
    pattern.push('$');
    let caps = regex::Regex::new(&pattern).ok()?.captures(arn)?;
    Some(
        names
            .into_iter()
            .zip(caps.iter().skip(1))
            .map(|(n, c)| (n, c.map_or("", |m| m.as_str()).to_owned()))
            .collect(),
    )
}

/// Every ARN the server mints fits its resource type's template, and names the AppInstance it
/// was made in; a channel flow's ARN is usable everywhere a flow ARN goes.
#[tokio::test]
async fn minted_arns_have_the_shapes_of_the_authorization_reference() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let t = Target::new(&server.url);
    let r = Resources::create(&t).await;
    let app_id = fields(RESOURCE_TYPES[0].1, &r.app).expect("an app-instance ARN");
    let minted = [&r.app, &r.user, &r.bot, &r.channel, &r.flow];
    for ((kind, template), arn) in RESOURCE_TYPES.iter().zip(minted) {
        let found = fields(template, arn).unwrap_or_else(|| panic!("{kind}: {arn} {template}"));
        assert_eq!(found[..3], app_id[..3], "{arn}: partition, region, account");
        assert_eq!(
            found[3], app_id[3],
            "{arn} names the AppInstance it was made in"
        );
        for (other, t) in RESOURCE_TYPES {
            assert_eq!(
                fields(t, arn).is_some(),
                other == *kind,
                "{arn} against {t}"
            );
        }
    }

    // The flow's ARN in use: described, tagged (routed to messaging by its resource type),
    // associated with a channel, listed there, and deleted once free.
    let flow = Map::from_iter([("ChannelFlowArn".to_owned(), json!(r.flow))]);
    let d = t.call("DescribeChannelFlow", &flow).await;
    assert_eq!(
        d.body["ChannelFlow"]["ChannelFlowArn"],
        json!(r.flow),
        "{d:?}"
    );
    let mut tag = Map::from_iter([("ResourceARN".to_owned(), json!(r.flow))]);
    tag.insert("Tags".into(), json!([{"Key": "team", "Value": "blue"}]));
    let tagged = t.call("TagResource", &tag).await;
    assert_eq!(tagged.status, 204, "{tagged:?}");
    let mut assoc = flow.clone();
    assoc.insert("ChannelArn".into(), json!(r.channel));
    assoc.insert("ChimeBearer".into(), json!(r.user));
    let associated = t.call("AssociateChannelFlow", &assoc).await;
    assert_eq!(associated.status, 200, "{associated:?}");
    let listed = t.call("ListChannelsAssociatedWithChannelFlow", &flow).await;
    assert_eq!(listed.body["Channels"][0]["ChannelArn"], json!(r.channel));
    let refused = t.call("DeleteChannelFlow", &flow).await;
    assert_eq!(refused.error_type.as_deref(), Some("ConflictException"));
    let freed = t.call("DisassociateChannelFlow", &assoc).await;
    assert_eq!(freed.status, 204, "{freed:?}");
    let deleted = t.call("DeleteChannelFlow", &flow).await;
    assert_eq!(deleted.status, 204, "{deleted:?}");
    server.shutdown().await.expect("clean shutdown");
}

/// Sends one request over a fresh TCP connection exactly as written and reads the answer:
/// its status and its whole text.
async fn raw(addr: std::net::SocketAddr, method: &str, path: &str, bearer: &str) -> (u16, String) {
    let mut socket =
        tokio::time::timeout(Duration::from_secs(5), tokio::net::TcpStream::connect(addr))
            .await
            .expect("connects in time")
            .expect("connects");
    let body = if matches!(method, "POST" | "PUT") {
        "{}"
    } else {
        ""
    };
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: local\r\nx-amz-chime-bearer: {bearer}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    socket.write_all(request.as_bytes()).await.expect("writes");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut answer))
        .await
        .expect("answered in time")
        .expect("reads");
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// The header `name` of a raw answer, if present.
fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    let head = answer.split("\r\n\r\n").next()?;
    head.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// `GET /app-instances/` was ListAppInstances and `.../admins/` ListAppInstanceAdmins. A
/// trailing slash is an empty label: the operation whose label it is refuses the request.
#[tokio::test]
async fn a_trailing_slash_does_not_change_the_operation() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let r = Resources::create(&Target::new(&server.url)).await;
    let app = percent_encoding::utf8_percent_encode(&r.app, percent_encoding::NON_ALPHANUMERIC);
    for (path, missing) in [
        ("/app-instances/".to_owned(), "AppInstanceArn"),
        (
            format!("/app-instances/{app}/admins/"),
            "AppInstanceAdminArn",
        ),
        ("/app-instances//admins".to_owned(), "AppInstanceArn"),
        ("/channels/".to_owned(), "ChannelArn"),
    ] {
        let (status, answer) = raw(server.addr, "GET", &path, &r.user).await;
        assert_eq!(status, 400, "{path}: {answer}");
        assert_eq!(
            header(&answer, "x-amzn-ErrorType"),
            Some("BadRequestException"),
            "{path}: {answer}"
        );
        assert!(
            answer.contains(&format!("{missing} is required")),
            "{path}: {answer}"
        );
    }
    let (status, answer) = raw(server.addr, "GET", "/app-instances", &r.user).await;
    assert_eq!(status, 200, "{answer}");
    server.shutdown().await.expect("clean shutdown");
}

/// Every operation's path with real ARNs in its labels, then with a slash after it, a slash
/// doubled or a leading one doubled: over raw sockets, so nothing tidies the path on the way.
/// None of those paths reaches a success, and every answer is a modelled client error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paths_with_empty_segments_reach_no_operation() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let r = Resources::create(&Target::new(&server.url)).await;
    let mut sent = 0;
    let mut wrong = Vec::new();
    for service in Service::ALL {
        for op in service.model().operations.values() {
            let path = op
                .http
                .uri
                .expand(|label| Some(r.arn_for(label).unwrap_or("m1").to_owned()))
                .expect("expands");
            let (path, query) = match op.http.uri.raw.split_once('?') {
                Some((_, q)) => (path, format!("?{q}")),
                None => (path, String::new()),
            };
            let slashes: Vec<usize> = path.match_indices('/').map(|(i, _)| i).collect();
            let mut variants = vec![format!("{path}/"), format!("/{path}")];
            variants.extend(
                slashes
                    .iter()
                    .skip(1)
                    .map(|&i| format!("{}/{}", &path[..i], &path[i..])),
            );
            for variant in variants {
                let target = format!("{variant}{query}");
                let (status, answer) =
                    raw(server.addr, op.http.method.as_str(), &target, &r.user).await;
                sent += 1;
                let typed = header(&answer, "x-amzn-ErrorType").is_some()
                    && header(&answer, "x-amzn-RequestId").is_some();
                if !(400..500).contains(&status) || !typed {
                    wrong.push(format!("{} {} {target}: {status}", op.name, op.http.method));
                }
            }
        }
    }
    let operations: usize = Service::ALL
        .iter()
        .map(|s| s.model().operations.len())
        .sum();
    println!("{sent} paths with an empty segment");
    assert!(sent > 2 * operations, "only {sent} requests");
    assert!(
        wrong.is_empty(),
        "{} of {sent} answered wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    server.shutdown().await.expect("clean shutdown");
}

/// Smithy's `integer` is 32 bits and the SDKs read it into an `i32`: the server refuses 2^31
/// where the model sets no upper bound, accepts 2^31 - 1, and answers it back intact.
#[tokio::test]
async fn integers_past_32_bits_are_refused() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let t = Target::new(&server.url);
    let r = Resources::create(&t).await;
    let elastic = |target: i64, token: &str| {
        let mut m = required_input(Service::Messaging, "CreateChannel");
        m.insert("AppInstanceArn".into(), json!(r.app));
        m.insert("ChimeBearer".into(), json!(r.user));
        m.insert("ClientRequestToken".into(), json!(token));
        m.insert("Mode".into(), json!("RESTRICTED"));
        m.insert("Privacy".into(), json!("PRIVATE"));
        m.insert(
            "ElasticChannelConfiguration".into(),
            json!({"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": target,
                   "MinimumMembershipPercentage": 10}),
        );
        m
    };
    let refused = t.call("CreateChannel", &elastic(1 << 31, "too-wide")).await;
    assert_eq!(refused.status, 400, "{refused:?}");
    let message = refused.body["Message"].as_str().unwrap_or_default();
    assert!(message.contains("2147483647"), "{refused:?}");
    let made = t
        .call("CreateChannel", &elastic(i32::MAX.into(), "widest"))
        .await;
    assert_eq!(made.status, 201, "{made:?}");
    let mut describe = Map::new();
    describe.insert("ChannelArn".into(), made.body["ChannelArn"].clone());
    describe.insert("ChimeBearer".into(), json!(r.user));
    let d = t.call("DescribeChannel", &describe).await;
    assert_eq!(
        d.body["Channel"]["ElasticChannelConfiguration"]["TargetMembershipsPerSubChannel"],
        json!(i32::MAX),
        "{d:?}"
    );
    server.shutdown().await.expect("clean shutdown");
}

/// Pattern readings by side: a response whose Metadata holds a line break conforms (the lenient
/// reading), and the server refuses the same Metadata in a request (the Java reading).
#[tokio::test]
async fn patterns_judge_responses_leniently_and_requests_strictly() {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let t = Target::new(&server.url);
    let r = Resources::create(&t).await;
    let mut update = required_input(Service::Messaging, "UpdateChannel");
    update.insert("ChannelArn".into(), json!(r.channel));
    update.insert("ChimeBearer".into(), json!(r.user));
    update.insert("Metadata".into(), json!("{\n  \"topic\": \"two lines\"\n}"));
    let refused = t.call("UpdateChannel", &update).await;
    assert_eq!(refused.status, 400, "{refused:?}");
    assert!(
        refused.body["Message"]
            .as_str()
            .is_some_and(|m| m.contains("Metadata")),
        "{refused:?}"
    );

    let op = Service::Messaging
        .model()
        .operation("DescribeChannel")
        .expect("DescribeChannel");
    let output = op.output.as_deref().expect("an output shape");
    let mut body = sample::value(
        Service::Messaging.model(),
        Service::Messaging,
        output,
        "",
        0,
    );
    let judged = |body: &Value| {
        let view = ResponseView {
            status: 200,
            error_type: None,
            body: Some(body),
            // The body alone is judged here.
            headers: None,
        };
        validate_response(Service::Messaging, "DescribeChannel", &view)
    };
    body["Channel"]["Metadata"] = json!("{\n  \"topic\": \"two lines\"\n}");
    assert_eq!(judged(&body), vec![]);
    body["Channel"]["ChannelArn"] = Value::String("no ARN in here".into());
    assert_eq!(judged(&body).len(), 1, "{:?}", judged(&body));
    server.shutdown().await.expect("clean shutdown");
}
