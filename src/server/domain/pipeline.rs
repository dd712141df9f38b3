//! The request pipeline, `Domain::handle`: the bearer, the operation's AppInstance and its lock,
//! idempotency tokens and quotas, then the operation's handler.

use super::args::Args;
use super::bearer::{known_bearer, require_bearer};
use super::context::Ctx;
use super::dispatch::{domain_handler, table};
use super::error::ApiError;
use super::idempotency::{fingerprint, token_member};
use super::ids::{Kind, expect_kind};
use super::instances::{Domain, lock};
use super::quotas;
use super::records::AppInstanceState;
use crate::model::Service;
use crate::server::faults::Fault;
use serde_json::{Map, Value};

/// The members that name the AppInstance an operation acts on, in the order they are looked
/// at, and the kinds of resource each may hold.
const SCOPE_MEMBERS: [(&str, &[Kind]); 6] = [
    ("AppInstanceArn", &[Kind::AppInstance]),
    ("ChannelArn", &[Kind::Channel]),
    ("AppInstanceUserArn", &[Kind::User]),
    ("AppInstanceBotArn", &[Kind::Bot]),
    ("ChannelFlowArn", &[Kind::ChannelFlow]),
    ("ResourceARN", &Kind::ALL),
];

impl Domain {
    /// The AppInstance an operation acts on, from the first member that names one. An ARN of
    /// the wrong kind, or with anything after the resource it names, is refused here rather
    /// than read as its AppInstance.
    fn scope<'a>(&self, args: &Args<'a>) -> Result<&'a str, ApiError> {
        for (name, kinds) in SCOPE_MEMBERS {
            if let Some(arn) = args.opt_str(name) {
                return expect_kind(name, arn, kinds).map(|a| a.app_instance);
            }
        }
        if let Some(arn) = args.opt_str("ChimeBearer") {
            return expect_kind("ChimeBearer", arn, &[Kind::User, Kind::Bot])
                .map(|a| a.app_instance)
                .map_err(|_| ApiError::unauthorized(format!("unknown bearer {arn}")));
        }
        Err(ApiError::bad_request(format!(
            "{}: no member names an AppInstance",
            args.op
        )))
    }

    /// Runs one operation. `input` holds the operation's members by model name.
    pub fn handle(
        &self,
        service: Service,
        operation: &str,
        input: &Map<String, Value>,
    ) -> Result<Value, ApiError> {
        self.handle_addressed(service, operation, input, None)
    }

    /// Like [`Domain::handle`], for a request addressed to `host:port` (`addressed_to`).
    pub fn handle_addressed(
        &self,
        service: Service,
        operation: &str,
        input: &Map<String, Value>,
        addressed_to: Option<&str>,
    ) -> Result<Value, ApiError> {
        let args = Args {
            op: operation,
            map: input,
            addressed_to,
        };
        let op_model = service.model().operation(operation).ok_or_else(|| {
            ApiError::bad_request(format!("{operation} is not a {service} operation"))
        })?;
        let input_shape = service.model().input_structure(op_model);
        // B-AUTH-01/03: a missing bearer is refused before anything else (the HTTP layer
        // applies the same rule; this covers callers of the domain itself).
        if let Some(shape) = input_shape {
            require_bearer(shape, input)?;
        }
        let token_member = token_member(input_shape);
        if let Some(run) = domain_handler(operation) {
            return run(self, &args);
        }
        let handler = table().get(operation).ok_or_else(|| {
            ApiError::bad_request(format!("{operation} is not supported by this server"))
        })?;
        let token = token_member
            .filter(|_| !self.fault(Fault::ClientRequestTokenIgnored))
            .and_then(|m| args.opt_str(m).map(|t| (m, t)));
        // Only a digest of the parameters is kept per token, not a copy of them: every
        // SendChannelMessage carries a token, so this record exists for every message. It is
        // taken before the AppInstance is locked, which concurrent requests wait for.
        // The faulty server takes every parameter as the same on one operation.
        let blind = self.fault(Fault::TokenConflictIgnoredOnOneOperation)
            && operation == "CreateAppInstanceBot";
        let fingerprint = token.map(|(m, _)| if blind { 0 } else { fingerprint(input, m) });
        let scope = self.scope(&args)?;
        let shared = self.instance(scope).map_err(|e| {
            // The faulty server refuses a missing AppInstance otherwise on one operation.
            if self.fault(Fault::MissingResourceForbiddenOnOneOperation)
                && operation == "GetMessagingStreamingConfigurations"
                && e.shape == "NotFoundException"
            {
                ApiError::forbidden(e.message)
            } else {
                e
            }
        })?;
        let mut guard = lock(&shared);
        let st: &mut AppInstanceState = &mut guard;
        let bearer = known_bearer(self, st, &args, scope)?;
        let now = self.now_of(st);
        // The faulty server keeps its tokens' time still, so none is ever forgotten.
        let token_time = if self.fault(Fault::ClientRequestTokenNeverForgotten) {
            0.0
        } else {
            now
        };
        if let (Some((_, tok)), Some(fp)) = (token, fingerprint)
            && let Some(answer) = st
                .tokens
                .replay(op_model.name.as_str(), tok, fp, token_time)
        {
            return answer;
        }
        if self.quotas && quotas::MESSAGE_WRITES.contains(&operation) {
            admit_write(st, &args, bearer.as_deref(), now)?;
        }
        let mut cx = Ctx {
            d: self,
            st,
            now,
            args,
            bearer,
        };
        let out = handler(&mut cx)?;
        if let (Some((_, tok)), Some(fp)) = (token, fingerprint) {
            cx.st
                .tokens
                .remember(op_model.name.as_str(), tok, fp, &out, token_time);
        }
        Ok(out)
    }
}

/// Counts a message write against its channel's and its bearer's quota windows.
fn admit_write(
    st: &mut AppInstanceState,
    args: &Args,
    bearer: Option<&str>,
    now: f64,
) -> Result<(), ApiError> {
    let (Some(channel), Some(bearer)) = (args.opt_str("ChannelArn"), bearer) else {
        return Ok(());
    };
    let Some(ch) = st.channels.get_mut(channel) else {
        // The operation itself answers for a channel that does not exist.
        return Ok(());
    };
    let by_bearer = st.bearer_writes.entry(bearer.to_owned()).or_default();
    quotas::admit(&mut ch.writes, by_bearer, now, args.op)
}

#[cfg(test)]
mod tests {
    use crate::model;
    use crate::server::domain::Domain;
    use crate::server::domain::fixture::{Fx, T0, call, ok};
    use crate::server::domain::quotas;
    use serde_json::{Value, json};
    use std::collections::HashSet;
    use std::sync::Arc;

    /// Many threads send to one channel: every acknowledged message is listed exactly once,
    /// in creation order, and each sender's messages keep their order.
    #[test]
    fn concurrent_senders_lose_and_reorder_nothing() {
        let fx = Fx::with(Domain::new());
        let ch = fx.channel("alice", json!({}));
        let senders = ["alice", "bob", "carol", "dave"];
        for s in &senders[1..] {
            fx.join(&ch, "alice", s);
        }
        let per_thread = 100;
        let handles: Vec<_> = senders
            .iter()
            .map(|s| {
                let d = fx.d.clone();
                let ch = ch.clone();
                let bearer = fx.user(s);
                std::thread::spawn(move || {
                    (0..per_thread)
                        .map(|i| {
                            ok(
                                &d,
                                "SendChannelMessage",
                                json!({"ChannelArn": ch, "ChimeBearer": bearer, "Content": format!("{i}"),
                                       "Type": "STANDARD", "Persistence": "PERSISTENT",
                                       "ClientRequestToken": uuid::Uuid::new_v4().to_string()}),
                            )["MessageId"]
                                .as_str()
                                .unwrap()
                                .to_owned()
                        })
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        let acked: Vec<Vec<String>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let mut listed = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut extra = json!({"SortOrder": "ASCENDING", "MaxResults": 50});
            if let Some(t) = &token {
                extra["NextToken"] = json!(t);
            }
            let page = fx.list(&ch, "alice", extra);
            listed.extend(page["ChannelMessages"].as_array().unwrap().iter().cloned());
            match page.get("NextToken").and_then(Value::as_str) {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        let ids: Vec<String> = listed
            .iter()
            .map(|m| m["MessageId"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), senders.len() * per_thread);
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
        let times: Vec<f64> = listed
            .iter()
            .map(|m| m["CreatedTimestamp"].as_f64().unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        for sent in &acked {
            let positions: Vec<usize> = sent
                .iter()
                .map(|id| {
                    ids.iter()
                        .position(|x| x == id)
                        .expect("acked id is listed")
                })
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]));
        }
    }

    /// No input shape makes an operation panic: each one gets an empty input, and every member
    /// filled with a string, a number, null or a valid ARN of the fixture.
    #[test]
    fn no_operation_panics_on_odd_input() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let fills = [
            json!("x"),
            json!(7),
            Value::Null,
            json!([]),
            json!({}),
            json!(ch),
            json!(fx.user("alice")),
        ];
        for svc in model::Service::ALL {
            for (name, op) in &svc.model().operations {
                let Some(shape) = svc.model().input_structure(op) else {
                    continue;
                };
                let _ = fx.d.handle(svc, name, &serde_json::Map::new());
                for fill in &fills {
                    let mut input = serde_json::Map::new();
                    for member in shape.members.keys() {
                        input.insert(member.clone(), fill.clone());
                    }
                    if fill.is_string() {
                        input.insert("ChimeBearer".into(), json!(fx.user("alice")));
                        input.insert("ChannelArn".into(), json!(ch));
                    }
                    let _ = fx.d.handle(svc, name, &input);
                }
            }
        }
        // The fixture still answers afterwards.
        fx.ok(
            "DescribeAppInstanceUser",
            json!({"AppInstanceUserArn": fx.user("bob")}),
        );
    }

    /// An ARN names one resource exactly, of the kind its member holds: an AppInstance ARN with
    /// anything after it, or the ARN of another kind of resource, is refused by every operation
    /// on an AppInstance, and changes nothing.
    #[test]
    fn arns_with_junk_after_them_are_refused() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let alice = fx.user("alice");
        let wrong: Vec<String> = ["/x", "/../..", "/", "/channel"]
            .iter()
            .map(|junk| format!("{}{junk}", fx.inst))
            .chain([alice.clone(), ch.clone()])
            .collect();
        let operations = [
            ("DescribeAppInstance", json!({})),
            (
                "UpdateAppInstance",
                json!({"Name": "renamed", "Metadata": "m"}),
            ),
            ("ListAppInstanceUsers", json!({})),
            ("ListAppInstanceAdmins", json!({})),
            ("ListAppInstanceBots", json!({})),
            ("ListChannels", json!({"ChimeBearer": alice})),
            ("ListChannelFlows", json!({})),
            ("GetAppInstanceRetentionSettings", json!({})),
            (
                "PutAppInstanceRetentionSettings",
                json!({"AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 1}}}),
            ),
            ("GetMessagingStreamingConfigurations", json!({})),
            (
                "PutMessagingStreamingConfigurations",
                json!({"StreamingConfigurations": [{"DataType": "Channel",
                       "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s"}]}),
            ),
            ("DeleteMessagingStreamingConfigurations", json!({})),
            ("DeleteAppInstance", json!({})),
        ];
        for arn in &wrong {
            for (op, input) in &operations {
                let mut input = input.clone();
                input["AppInstanceArn"] = json!(arn);
                let e = fx.err(op, input);
                assert_eq!(e.shape, "NotFoundException", "{op} {arn}: {e}");
                assert!(e.message.contains(" is not the ARN of "), "{op} {arn}: {e}");
            }
        }
        let d = fx.ok("DescribeAppInstance", json!({"AppInstanceArn": fx.inst}));
        assert_eq!(d["AppInstance"]["Name"], "test");
        let e = fx.err(
            "GetAppInstanceRetentionSettings",
            json!({"AppInstanceArn": format!("{}/x", fx.inst)}),
        );
        assert!(
            e.message.contains("is not the ARN of an AppInstance"),
            "{e}"
        );
        // The same holds for the other kinds: a channel ARN with a tail names no channel.
        let e = fx.err(
            "DescribeChannel",
            json!({"ChannelArn": format!("{ch}/x"), "ChimeBearer": alice}),
        );
        assert_eq!(e.shape, "NotFoundException", "{e}");
    }

    #[test]
    fn quotas_throttle_message_writes_only_when_on() {
        let send = |fx: &Fx, ch: &str, token: String| {
            call(
                &fx.d,
                "SendChannelMessage",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "hi",
                       "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": token}),
            )
        };
        let fx = Fx::with(Domain::with_clock(Arc::new(|| T0)).with_quotas(true));
        let ch = fx.channel("alice", json!({}));
        for i in 0..quotas::PER_BEARER {
            send(&fx, &ch, format!("t{i}")).expect("within the quota");
        }
        // A replay is not a new write: it answers as before.
        send(&fx, &ch, "t0".into()).expect("an idempotent replay");
        let e = send(&fx, &ch, "over".into()).unwrap_err();
        assert_eq!(e.shape, "ThrottledClientException");
        // Reads are not writes.
        fx.list(&ch, "alice", json!({}));
        fx.d.advance_clock(&fx.inst, 1.0).unwrap();
        send(&fx, &ch, "next-second".into()).expect("a new second");

        let free = Fx::new();
        let ch = free.channel("alice", json!({}));
        for i in 0..3 * quotas::PER_CHANNEL {
            send(&free, &ch, format!("t{i}")).expect("no quotas by default");
        }
    }
}
