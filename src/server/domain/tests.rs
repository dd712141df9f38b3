//! Domain tests without HTTP, one or more per behaviour entry (named in the test names).

use super::{ApiError, Domain};
use crate::model;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

const T0: f64 = 1_700_000_000.0;

fn call(d: &Domain, op: &str, input: Value) -> Result<Value, ApiError> {
    let (svc, _) = model::find_operation(op).expect("operation exists in the model");
    let map = input.as_object().cloned().unwrap_or_default();
    d.handle(svc, op, &map)
}

fn ok(d: &Domain, op: &str, input: Value) -> Value {
    match call(d, op, input.clone()) {
        Ok(v) => v,
        Err(e) => panic!("{op} {input} failed: {e}"),
    }
}

fn err(d: &Domain, op: &str, input: Value) -> ApiError {
    match call(d, op, input.clone()) {
        Ok(v) => panic!("{op} {input} succeeded with {v}, an error was expected"),
        Err(e) => e,
    }
}

/// An AppInstance with users alice, bob, carol, dave and an AppInstanceAdmin `admin`.
struct Fx {
    d: Arc<Domain>,
    inst: String,
}

impl Fx {
    fn new() -> Fx {
        Self::with(Domain::with_clock(Arc::new(|| T0)))
    }
    fn with(d: Domain) -> Fx {
        let d = Arc::new(d);
        let inst = ok(
            &d,
            "CreateAppInstance",
            json!({"Name": "test", "ClientRequestToken": "tok-inst"}),
        )["AppInstanceArn"]
            .as_str()
            .unwrap()
            .to_owned();
        for u in ["alice", "bob", "carol", "dave", "admin"] {
            ok(
                &d,
                "CreateAppInstanceUser",
                json!({"AppInstanceArn": inst, "AppInstanceUserId": u, "Name": u,
                       "ClientRequestToken": format!("tok-{u}")}),
            );
        }
        let fx = Fx { d, inst };
        ok(
            &fx.d,
            "CreateAppInstanceAdmin",
            json!({"AppInstanceArn": fx.inst, "AppInstanceAdminArn": fx.user("admin")}),
        );
        fx
    }
    fn user(&self, u: &str) -> String {
        format!("{}/user/{u}", self.inst)
    }
    fn ok(&self, op: &str, input: Value) -> Value {
        ok(&self.d, op, input)
    }
    /// A new user who expires `days` after its creation.
    fn expiring_user(&self, id: &str, days: u64) -> String {
        self.ok(
            "CreateAppInstanceUser",
            json!({"AppInstanceArn": self.inst, "AppInstanceUserId": id, "Name": id,
                   "ClientRequestToken": id,
                   "ExpirationSettings": expire(days, "CREATED_TIMESTAMP")}),
        );
        self.user(id)
    }
    fn err(&self, op: &str, input: Value) -> ApiError {
        err(&self.d, op, input)
    }
    /// A channel created by `creator` with extra members given.
    fn channel(&self, creator: &str, extra: Value) -> String {
        let mut input = json!({"AppInstanceArn": self.inst, "Name": "room",
            "ChimeBearer": self.user(creator), "ClientRequestToken": uuid::Uuid::new_v4().to_string()});
        if let (Some(o), Some(e)) = (input.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        self.ok("CreateChannel", input)["ChannelArn"]
            .as_str()
            .unwrap()
            .to_owned()
    }
    fn join(&self, ch: &str, by: &str, who: &str) {
        self.ok(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": self.user(by), "MemberArn": self.user(who), "Type": "DEFAULT"}),
        );
    }
    fn send(&self, ch: &str, who: &str, content: &str) -> Value {
        self.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": self.user(who), "Content": content,
                   "Type": "STANDARD", "Persistence": "PERSISTENT",
                   "ClientRequestToken": uuid::Uuid::new_v4().to_string()}),
        )
    }
    fn list(&self, ch: &str, who: &str, extra: Value) -> Value {
        let mut input = json!({"ChannelArn": ch, "ChimeBearer": self.user(who)});
        if let (Some(o), Some(e)) = (input.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        self.ok("ListChannelMessages", input)
    }
    fn contents(&self, ch: &str, who: &str, extra: Value) -> Vec<String> {
        self.list(ch, who, extra)["ChannelMessages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Content"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

// ---- identity ----

#[test]
fn identity_users_bots_admins_and_tags() {
    let fx = Fx::new();
    let u = fx.ok(
        "DescribeAppInstanceUser",
        json!({"AppInstanceUserArn": fx.user("alice")}),
    );
    assert_eq!(u["AppInstanceUser"]["Name"], "alice");
    assert_eq!(u["AppInstanceUser"]["CreatedTimestamp"], T0);
    let e = fx.err(
        "CreateAppInstanceUser",
        json!({"AppInstanceArn": fx.inst, "AppInstanceUserId": "alice", "Name": "x", "ClientRequestToken": "other"}),
    );
    assert_eq!(e.shape, "ConflictException");
    fx.ok(
        "UpdateAppInstanceUser",
        json!({"AppInstanceUserArn": fx.user("alice"), "Name": "Alice", "Metadata": "m"}),
    );
    let l = fx.ok(
        "ListAppInstanceUsers",
        json!({"AppInstanceArn": fx.inst, "MaxResults": 2}),
    );
    assert_eq!(l["AppInstanceUsers"].as_array().unwrap().len(), 2);
    let l2 = fx.ok(
        "ListAppInstanceUsers",
        json!({"AppInstanceArn": fx.inst, "MaxResults": 50, "NextToken": l["NextToken"]}),
    );
    assert_eq!(l2["AppInstanceUsers"].as_array().unwrap().len(), 3);
    assert!(l2.get("NextToken").is_none());

    let bot = fx.ok(
        "CreateAppInstanceBot",
        json!({"AppInstanceArn": fx.inst, "ClientRequestToken": "bot-1", "Name": "b",
               "Configuration": {"Lex": {"LexBotAliasArn": "arn:aws:lex:us-east-1:1:bot-alias/x/y", "LocaleId": "en_US"}}}),
    )["AppInstanceBotArn"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(bot.starts_with(&format!("{}/bot/", fx.inst)));
    let b = fx.ok("DescribeAppInstanceBot", json!({"AppInstanceBotArn": bot}));
    assert_eq!(
        b["AppInstanceBot"]["Configuration"]["Lex"]["LocaleId"],
        "en_US"
    );
    let admins = fx.ok("ListAppInstanceAdmins", json!({"AppInstanceArn": fx.inst}));
    assert_eq!(
        admins["AppInstanceAdmins"][0]["Admin"]["Arn"],
        fx.user("admin")
    );

    fx.ok(
        "TagResource",
        json!({"ResourceARN": fx.user("bob"), "Tags": [{"Key": "k", "Value": "v"}]}),
    );
    let t = fx.ok(
        "ListTagsForResource",
        json!({"ResourceARN": fx.user("bob")}),
    );
    assert_eq!(t["Tags"], json!([{"Key": "k", "Value": "v"}]));
    fx.ok(
        "UntagResource",
        json!({"ResourceARN": fx.user("bob"), "TagKeys": ["k"]}),
    );
    let t = fx.ok(
        "ListTagsForResource",
        json!({"ResourceARN": fx.user("bob")}),
    );
    assert_eq!(t["Tags"], json!([]));

    fx.ok(
        "DeleteAppInstanceUser",
        json!({"AppInstanceUserArn": fx.user("dave")}),
    );
    let e = fx.err(
        "DescribeAppInstanceUser",
        json!({"AppInstanceUserArn": fx.user("dave")}),
    );
    assert_eq!(e.shape, "NotFoundException");
}

#[test]
fn identity_endpoints_retention_and_user_expiration() {
    let fx = Fx::new();
    let r = fx.ok(
        "RegisterAppInstanceUserEndpoint",
        json!({"AppInstanceUserArn": fx.user("bob"), "Type": "GCM", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:1:apps/x",
               "EndpointAttributes": {"DeviceToken": "t"}, "ClientRequestToken": "ep-1"}),
    );
    let id = r["EndpointId"].as_str().unwrap();
    let e = fx.ok(
        "DescribeAppInstanceUserEndpoint",
        json!({"AppInstanceUserArn": fx.user("bob"), "EndpointId": id}),
    );
    assert_eq!(e["AppInstanceUserEndpoint"]["AllowMessages"], "ALL");
    fx.ok(
        "UpdateAppInstanceUserEndpoint",
        json!({"AppInstanceUserArn": fx.user("bob"), "EndpointId": id, "AllowMessages": "NONE"}),
    );
    let l = fx.ok(
        "ListAppInstanceUserEndpoints",
        json!({"AppInstanceUserArn": fx.user("bob")}),
    );
    assert_eq!(l["AppInstanceUserEndpoints"][0]["AllowMessages"], "NONE");
    fx.ok(
        "DeregisterAppInstanceUserEndpoint",
        json!({"AppInstanceUserArn": fx.user("bob"), "EndpointId": id}),
    );

    let p = fx.ok(
        "PutAppInstanceRetentionSettings",
        json!({"AppInstanceArn": fx.inst, "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 30}}}),
    );
    assert_eq!(p["InitiateDeletionTimestamp"], T0);
    let g = fx.ok(
        "GetAppInstanceRetentionSettings",
        json!({"AppInstanceArn": fx.inst}),
    );
    assert_eq!(
        g["AppInstanceRetentionSettings"]["ChannelRetentionSettings"]["RetentionDays"],
        30
    );

    let settings = json!({"ExpirationCriterion": "CREATED_TIMESTAMP", "ExpirationDays": 3});
    fx.ok(
        "PutAppInstanceUserExpirationSettings",
        json!({"AppInstanceUserArn": fx.user("bob"), "ExpirationSettings": settings}),
    );
    let u = fx.ok(
        "DescribeAppInstanceUser",
        json!({"AppInstanceUserArn": fx.user("bob")}),
    );
    assert_eq!(u["AppInstanceUser"]["ExpirationSettings"], settings);
}

#[test]
fn b_wire_10_create_app_instance_token_is_idempotent() {
    let fx = Fx::new();
    let again = fx.ok(
        "CreateAppInstance",
        json!({"Name": "test", "ClientRequestToken": "tok-inst"}),
    );
    assert_eq!(again["AppInstanceArn"], fx.inst);
    let e = fx.err(
        "CreateAppInstance",
        json!({"Name": "other", "ClientRequestToken": "tok-inst"}),
    );
    assert_eq!(e.shape, "ConflictException");
    let all = fx.ok("ListAppInstances", json!({}));
    assert_eq!(all["AppInstances"].as_array().unwrap().len(), 1);
}

// ---- caller identity and roles ----

#[test]
fn b_auth_03_missing_or_unknown_bearer_is_unauthorized() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let e = fx.err("DescribeChannel", json!({"ChannelArn": ch}));
    assert_eq!(e.shape, "UnauthorizedClientException");
    let e = fx.err(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("nobody")}),
    );
    assert_eq!(e.shape, "UnauthorizedClientException");
    let e = fx.err(
        "SearchChannels",
        json!({"Fields": [{"Key": "MEMBERS", "Operator": "EQUALS", "Values": [fx.user("alice")]}]}),
    );
    assert_eq!(e.shape, "UnauthorizedClientException");
}

#[test]
fn b_auth_04_invalid_user_arn_in_body_is_forbidden() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let e = fx.err(
        "CreateChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("ghost"), "Type": "DEFAULT"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let e = fx.err(
        "CreateChannel",
        json!({"AppInstanceArn": fx.inst, "Name": "x", "ChimeBearer": fx.user("alice"),
               "ClientRequestToken": "t-ghost", "MemberArns": [fx.user("ghost")]}),
    );
    assert_eq!(e.shape, "ForbiddenException");
}

#[test]
fn b_auth_05_06_role_matrix() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
    fx.join(&ch, "alice", "bob");
    // non-member of a PRIVATE channel
    let e = fx.err(
        "ListChannelMessages",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("carol")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    // member doing a moderator's act
    let e = fx.err(
        "UpdateChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Name": "n"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let e = fx.err(
        "DeleteChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    // admins must be members before they send
    let e = fx.err(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "Content": "x", "Type": "STANDARD",
               "Persistence": "PERSISTENT", "ClientRequestToken": "t-adm"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    // only an admin deletes messages; members update only their own
    let id = fx.send(&ch, "bob", "hi")["MessageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let del = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id});
    assert_eq!(
        fx.err("DeleteChannelMessage", del).shape,
        "ForbiddenException"
    );
    let upd = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id, "Content": "edit"});
    assert_eq!(
        fx.err("UpdateChannelMessage", upd).shape,
        "ForbiddenException"
    );
    // a member redacts only their own; a moderator redacts any
    let mine = fx.send(&ch, "alice", "mod msg")["MessageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let red = json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": mine});
    assert_eq!(
        fx.err("RedactChannelMessage", red).shape,
        "ForbiddenException"
    );
    fx.ok(
        "RedactChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
    );
    fx.ok(
        "DeleteChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "MessageId": id}),
    );
    // admin sees PRIVATE channel; member may not moderate
    fx.ok(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin")}),
    );
    let e = fx.err(
        "CreateChannelModerator",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "ChannelModeratorArn": fx.user("bob")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
}

// ---- channels ----

#[test]
fn b_ch_01_05_06_create_and_describe() {
    let fx = Fx::new();
    let ch = fx.channel(
        "alice",
        json!({"ChannelId": "named", "Metadata": "md", "Mode": "RESTRICTED", "Privacy": "PRIVATE"}),
    );
    assert_eq!(ch, format!("{}/channel/named", fx.inst));
    let generated = fx.channel("alice", json!({}));
    assert!(generated.starts_with(&format!("{}/channel/", fx.inst)));
    assert_ne!(generated, ch);
    let d = fx.ok(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    )["Channel"]
        .clone();
    assert_eq!(d["Name"], "room");
    assert_eq!(d["Mode"], "RESTRICTED");
    assert_eq!(d["Privacy"], "PRIVATE");
    assert_eq!(d["Metadata"], "md");
    assert_eq!(d["CreatedBy"]["Arn"], fx.user("alice"));
    assert_eq!(d["CreatedTimestamp"], T0);
    // B-CH-05: the creator is a member and a moderator.
    fx.ok(
        "DescribeChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("alice")}),
    );
    fx.ok(
        "DescribeChannelModerator",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("alice")}),
    );
    let e = fx.err(
        "CreateChannel",
        json!({"AppInstanceArn": fx.inst, "Name": "x", "ChimeBearer": fx.user("alice"),
               "ClientRequestToken": "t-dup", "ChannelId": "named"}),
    );
    assert_eq!(e.shape, "ConflictException");
}

#[test]
fn b_ch_03_restricted_and_unrestricted_membership() {
    let fx = Fx::new();
    let restricted = fx.channel("alice", json!({"Mode": "RESTRICTED"}));
    fx.join(&restricted, "alice", "bob");
    let e = fx.err(
        "CreateChannelMembership",
        json!({"ChannelArn": restricted, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("carol"), "Type": "DEFAULT"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let open = fx.channel("alice", json!({"Mode": "UNRESTRICTED"}));
    fx.join(&open, "alice", "bob");
    fx.join(&open, "bob", "carol");
    // a non-member can't add anyone
    let e = fx.err(
        "CreateChannelMembership",
        json!({"ChannelArn": open, "ChimeBearer": fx.user("dave"), "MemberArn": fx.user("dave"), "Type": "DEFAULT"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let b = fx.ok(
        "BatchCreateChannelMembership",
        json!({"ChannelArn": restricted, "ChimeBearer": fx.user("alice"),
               "MemberArns": [fx.user("carol"), fx.user("ghost")]}),
    );
    assert_eq!(
        b["BatchChannelMemberships"]["Members"][0]["Arn"],
        fx.user("carol")
    );
    assert_eq!(b["Errors"][0]["MemberArn"], fx.user("ghost"));
    let l = fx.ok(
        "ListChannelMemberships",
        json!({"ChannelArn": restricted, "ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(l["ChannelMemberships"].as_array().unwrap().len(), 3);
}

#[test]
fn b_ch_04_public_and_private_visibility() {
    let fx = Fx::new();
    let public = fx.channel("alice", json!({"Privacy": "PUBLIC"}));
    let private = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
    fx.send(&public, "alice", "hello");
    assert_eq!(fx.contents(&public, "bob", json!({})), vec!["hello"]);
    let e = fx.err(
        "SendChannelMessage",
        json!({"ChannelArn": public, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
               "Persistence": "PERSISTENT", "ClientRequestToken": "t-nm"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let e = fx.err(
        "DescribeChannel",
        json!({"ChannelArn": private, "ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    // ListChannels: non-admins see PUBLIC only; admins may list PRIVATE.
    let l = fx.ok(
        "ListChannels",
        json!({"AppInstanceArn": fx.inst, "ChimeBearer": fx.user("bob")}),
    );
    let arns: Vec<&str> = l["Channels"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["ChannelArn"].as_str())
        .collect();
    assert_eq!(arns, vec![public.as_str()]);
    let e = fx.err(
        "ListChannels",
        json!({"AppInstanceArn": fx.inst, "ChimeBearer": fx.user("bob"), "Privacy": "PRIVATE"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let l = fx.ok(
        "ListChannels",
        json!({"AppInstanceArn": fx.inst, "ChimeBearer": fx.user("admin"), "Privacy": "PRIVATE"}),
    );
    assert_eq!(l["Channels"][0]["ChannelArn"], private);
}

#[test]
fn b_ch_07_09_delete_channel_makes_memberships_inaccessible() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    fx.ok(
        "DeleteChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    for (op, input) in [
        (
            "DescribeChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("bob")}),
        ),
        (
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        ),
        (
            "ListChannelMessages",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
        ),
    ] {
        assert_eq!(fx.err(op, input).shape, "NotFoundException", "{op}");
    }
    let l = fx.ok(
        "ListChannelMembershipsForAppInstanceUser",
        json!({"ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(l["ChannelMemberships"], json!([]));
}

#[test]
fn b_ch_10_bans() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    let ban =
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob")});
    fx.ok("CreateChannelBan", ban.clone());
    let e = fx.err(
        "DescribeChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob")}),
    );
    assert_eq!(e.shape, "NotFoundException");
    let e = fx.err(
        "CreateChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob"), "Type": "DEFAULT"}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let l = fx.ok(
        "ListChannelBans",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert_eq!(l["ChannelBans"][0]["Member"]["Arn"], fx.user("bob"));
    fx.ok("DeleteChannelBan", ban);
    fx.join(&ch, "alice", "bob");
    // moderators and admins can't be banned
    for who in ["alice", "admin"] {
        let e = fx.err(
            "CreateChannelBan",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user(who)}),
        );
        assert_eq!(e.shape, "BadRequestException", "{who}");
    }
}

#[test]
fn moderators_and_per_user_scopes() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
    fx.join(&ch, "alice", "bob");
    fx.ok(
        "CreateChannelModerator",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("bob")}),
    );
    let l = fx.ok(
        "ListChannelModerators",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(l["ChannelModerators"].as_array().unwrap().len(), 2);
    let m = fx.ok(
        "ListChannelsModeratedByAppInstanceUser",
        json!({"ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(m["Channels"][0]["ChannelSummary"]["ChannelArn"], ch);
    fx.ok(
        "DescribeChannelModeratedByAppInstanceUser",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "AppInstanceUserArn": fx.user("bob")}),
    );
    let d = fx.ok(
        "DescribeChannelMembershipForAppInstanceUser",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "AppInstanceUserArn": fx.user("bob")}),
    );
    assert_eq!(
        d["ChannelMembership"]["AppInstanceUserMembershipSummary"]["Type"],
        "DEFAULT"
    );
    // non-admins only for their own ARN; admins for anyone
    let e = fx.err(
        "ListChannelMembershipsForAppInstanceUser",
        json!({"ChimeBearer": fx.user("carol"), "AppInstanceUserArn": fx.user("bob")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let l = fx.ok(
        "ListChannelMembershipsForAppInstanceUser",
        json!({"ChimeBearer": fx.user("admin"), "AppInstanceUserArn": fx.user("bob")}),
    );
    assert_eq!(l["ChannelMemberships"].as_array().unwrap().len(), 1);
    fx.ok(
        "DeleteChannelModerator",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("bob")}),
    );
    let e = fx.err(
        "ListChannelModerators",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    // UpdateChannel by a moderator; B-CH-02 no Privacy member exists to change.
    fx.ok(
        "UpdateChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Name": "renamed", "Mode": "RESTRICTED"}),
    );
    let d = fx.ok(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert_eq!(d["Channel"]["Name"], "renamed");
    assert_eq!(d["Channel"]["Privacy"], "PRIVATE");
}

#[test]
fn read_markers_preferences_and_search() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    fx.ok(
        "UpdateChannelReadMarker",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
    );
    let d = fx.ok(
        "DescribeChannelMembershipForAppInstanceUser",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "AppInstanceUserArn": fx.user("bob")}),
    );
    assert_eq!(
        d["ChannelMembership"]["AppInstanceUserMembershipSummary"]["ReadMarkerTimestamp"],
        T0
    );
    let prefs = json!({"PushNotifications": {"AllowNotifications": "NONE"}});
    fx.ok(
        "PutChannelMembershipPreferences",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("bob"), "Preferences": prefs}),
    );
    let g = fx.ok(
        "GetChannelMembershipPreferences",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("bob")}),
    );
    assert_eq!(g["Preferences"], prefs);
    let e = fx.err(
        "GetChannelMembershipPreferences",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob")}),
    );
    assert_eq!(e.shape, "ForbiddenException");
    let s = fx.ok(
        "SearchChannels",
        json!({"ChimeBearer": fx.user("bob"), "Fields": [{"Key": "MEMBERS", "Operator": "EQUALS",
               "Values": [fx.user("alice"), fx.user("bob")]}]}),
    );
    assert_eq!(s["Channels"][0]["ChannelArn"], ch);
    let s = fx.ok(
        "SearchChannels",
        json!({"ChimeBearer": fx.user("carol"), "Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES",
               "Values": [fx.user("bob")]}]}),
    );
    assert_eq!(s["Channels"], json!([]));
}

#[test]
fn membership_and_moderator_quotas() {
    use super::channels::{MAX_MEMBERSHIPS, MAX_MODERATORS};
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    // Fill the channel directly: going through the API for 10,000 users adds nothing here.
    {
        let shared = fx.d.instance(&fx.inst).unwrap();
        let mut st = super::lock(&shared);
        let now = T0;
        for i in 0..MAX_MEMBERSHIPS {
            let arn = format!("{}/user/bulk{i}", fx.inst);
            let user = super::state::User {
                arn: arn.clone(),
                name: arn.clone(),
                metadata: None,
                created: now,
                updated: now,
                expiration: None,
                expiry_key: None,
                endpoints: Default::default(),
            };
            st.users.insert(arn.clone(), user);
        }
        let c = st.channels.get_mut(&ch).unwrap();
        let template = c.members.values().next().unwrap().clone();
        for i in 0..MAX_MEMBERSHIPS - 1 {
            let arn = format!("{}/user/bulk{i}", fx.inst);
            c.members.insert(
                arn.clone(),
                super::state::Membership {
                    arn,
                    ..template.clone()
                },
            );
            if c.moderators.len() < MAX_MODERATORS {
                let rec = c.moderators.values().next().unwrap().clone();
                c.moderators
                    .insert(format!("{}/user/bulk{i}", fx.inst), rec);
            }
        }
    }
    let e = fx.err(
        "CreateChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob"), "Type": "DEFAULT"}),
    );
    assert_eq!(e.shape, "ResourceLimitExceededException");
    let e = fx.err(
        "CreateChannelModerator",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"),
               "ChannelModeratorArn": format!("{}/user/bulk{}", fx.inst, MAX_MODERATORS + 5)}),
    );
    assert_eq!(e.shape, "ResourceLimitExceededException");
}

// ---- elastic channels ----

#[test]
fn b_el_01_02_03_elastic_channels() {
    let fx = Fx::new();
    let cfg = json!({"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10});
    let e = fx.err(
        "CreateChannel",
        json!({"AppInstanceArn": fx.inst, "Name": "e", "ChimeBearer": fx.user("alice"), "ClientRequestToken": "t-e1",
               "ElasticChannelConfiguration": cfg, "Mode": "UNRESTRICTED"}),
    );
    assert_eq!(e.shape, "BadRequestException");
    let e = fx.err(
        "CreateChannel",
        json!({"AppInstanceArn": fx.inst, "Name": "e", "ChimeBearer": fx.user("alice"), "ClientRequestToken": "t-e2",
               "ElasticChannelConfiguration": cfg, "MemberArns": [fx.user("bob")]}),
    );
    assert_eq!(e.shape, "BadRequestException");
    let ch = fx.channel("alice", json!({"ElasticChannelConfiguration": cfg}));
    // the creator is a moderator but not a member
    let e = fx.err(
        "DescribeChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("alice")}),
    );
    assert_eq!(e.shape, "NotFoundException");
    // regular members may not name a sub-channel
    let e = fx.err(
        "CreateChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob"),
               "Type": "DEFAULT", "SubChannelId": "x"}),
    );
    assert_eq!(e.shape, "BadRequestException");
    let mut subs = Vec::new();
    for who in ["bob", "carol", "dave"] {
        let r = fx.ok(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user(who), "Type": "DEFAULT"}),
        );
        subs.push(r["SubChannelId"].as_str().unwrap().to_owned());
    }
    assert_eq!(subs[0], subs[1]);
    assert_ne!(subs[0], subs[2]);
    let l = fx.ok(
        "ListSubChannels",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    let mut counts: Vec<u64> = l["SubChannels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["MembershipCount"].as_u64().unwrap())
        .collect();
    counts.sort();
    assert_eq!(counts, vec![1, 2]);
    // sending needs a SubChannelId
    let e = fx.err(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
               "Persistence": "PERSISTENT", "ClientRequestToken": "t-e3"}),
    );
    assert_eq!(e.shape, "BadRequestException");
    let s = fx.ok(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
               "Persistence": "PERSISTENT", "ClientRequestToken": "t-e4", "SubChannelId": subs[0]}),
    );
    assert_eq!(s["SubChannelId"], subs[0]);
    assert_eq!(
        fx.contents(&ch, "carol", json!({"SubChannelId": subs[0]})),
        vec!["x"]
    );
    // a moderator's membership names its sub-channel
    fx.ok(
        "CreateChannelMembership",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("alice"),
               "Type": "DEFAULT", "SubChannelId": subs[2]}),
    );
    // read markers are not kept for elastic channels
    let e = fx.err(
        "UpdateChannelReadMarker",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
    );
    assert_eq!(e.shape, "BadRequestException");
    // B-EL-03: the configuration stays as created.
    let d = fx.ok(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert_eq!(d["Channel"]["ElasticChannelConfiguration"], cfg);
}

// ---- expiration ----

fn expire(days: u64, criterion: &str) -> Value {
    json!({"ExpirationDays": days, "ExpirationCriterion": criterion})
}

#[test]
fn b_exp_01_02_06_settings_and_sweep_after_lag() {
    let fx = Fx::new();
    let ch = fx.channel(
        "alice",
        json!({"ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
    );
    let d = fx.ok(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert_eq!(
        d["Channel"]["ExpirationSettings"],
        expire(1, "CREATED_TIMESTAMP")
    );
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
    fx.d.advance_clock(&fx.inst, 86_400.0).unwrap();
    // expired but within the lag: still there
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
    fx.d.advance_clock(&fx.inst, Domain::EXPIRATION_LAG_SECONDS)
        .unwrap();
    assert_eq!(fx.d.sweep_expired(None), vec![ch.clone()]);
    let e = fx.err(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert_eq!(e.shape, "NotFoundException");
    const { assert!(Domain::EXPIRATION_LAG_SECONDS < 6.0 * 3600.0) };
    assert_eq!(
        fx.d.now(&fx.inst).unwrap(),
        T0 + 86_400.0 + Domain::EXPIRATION_LAG_SECONDS
    );
}

#[test]
fn b_exp_03_expired_channel_stays_active_and_new_settings_are_honoured() {
    let fx = Fx::new();
    let ch = fx.channel(
        "alice",
        json!({"ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
    );
    fx.d.advance_clock(&fx.inst, 86_400.0 + 60.0).unwrap();
    // expired, not yet deleted: active
    fx.send(&ch, "alice", "still here");
    let p = fx.ok(
        "PutChannelExpirationSettings",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ExpirationSettings": expire(3, "CREATED_TIMESTAMP")}),
    );
    assert_eq!(p["ExpirationSettings"], expire(3, "CREATED_TIMESTAMP"));
    fx.d.advance_clock(&fx.inst, 86_400.0).unwrap();
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
    fx.d.advance_clock(&fx.inst, 86_400.0 + 3_600.0).unwrap();
    assert_eq!(fx.d.sweep_expired(Some(&fx.inst)), vec![ch]);
}

#[test]
fn b_exp_04_put_without_settings_removes_them() {
    let fx = Fx::new();
    let ch = fx.channel(
        "alice",
        json!({"ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
    );
    let p = fx.ok(
        "PutChannelExpirationSettings",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert!(p.get("ExpirationSettings").is_none());
    fx.d.advance_clock(&fx.inst, 30.0 * 86_400.0).unwrap();
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
    let d = fx.ok(
        "DescribeChannel",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert!(d["Channel"].get("ExpirationSettings").is_none());
}

#[test]
fn b_exp_05_last_message_pushes_expiry_back() {
    let fx = Fx::new();
    let ch = fx.channel(
        "alice",
        json!({"ExpirationSettings": expire(1, "LAST_MESSAGE_TIMESTAMP")}),
    );
    fx.d.advance_clock(&fx.inst, 80_000.0).unwrap();
    fx.send(&ch, "alice", "keep alive");
    fx.d.advance_clock(&fx.inst, 20_000.0).unwrap();
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
    fx.d.advance_clock(&fx.inst, 70_000.0).unwrap();
    assert_eq!(fx.d.sweep_expired(Some(&fx.inst)), vec![ch]);
}

// ---- messages ----

#[test]
fn b_msg_01_04_06_send_and_get() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let s = fx.ok(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "{\"a\":1}",
               "ContentType": "application/json", "Metadata": "meta",
               "MessageAttributes": {"k": {"StringValues": ["v"]}},
               "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-1"}),
    );
    assert_eq!(s["ChannelArn"], ch);
    assert_eq!(s["Status"]["Value"], "SENT");
    let m = fx.ok(
        "GetChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": s["MessageId"]}),
    )["ChannelMessage"]
        .clone();
    assert_eq!(m["Content"], "{\"a\":1}");
    assert_eq!(m["ContentType"], "application/json");
    assert_eq!(m["Metadata"], "meta");
    assert_eq!(m["MessageAttributes"]["k"]["StringValues"][0], "v");
    assert_eq!(m["Sender"]["Arn"], fx.user("alice"));
    assert_eq!(m["Persistence"], "PERSISTENT");
    assert_eq!(m["Status"]["Value"], "SENT");
    assert_eq!(m["CreatedTimestamp"], T0);
    assert_eq!(m["Redacted"], false);
    let l = fx.list(&ch, "alice", json!({}));
    assert_eq!(l["ChannelMessages"][0]["ContentType"], "application/json");
}

#[test]
fn b_msg_02_size_limits_count_utf8_bytes() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let send = |content: String, kind: &str, metadata: Option<String>| {
        let mut input = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": content,
            "Type": kind, "Persistence": "PERSISTENT", "ClientRequestToken": uuid::Uuid::new_v4().to_string()});
        if let Some(md) = metadata {
            input["Metadata"] = json!(md);
        }
        call(&fx.d, "SendChannelMessage", input)
    };
    assert!(send("a".repeat(4096), "STANDARD", None).is_ok());
    // 2049 two-byte characters = 4098 bytes
    let e = send("é".repeat(2049), "STANDARD", None).unwrap_err();
    assert_eq!(e.shape, "BadRequestException");
    assert!(send("x".into(), "STANDARD", Some("m".repeat(1024))).is_ok());
    assert!(send("x".into(), "STANDARD", Some("m".repeat(1025))).is_err());
    assert!(send("c".repeat(30), "CONTROL", None).is_ok());
    assert!(send("c".repeat(31), "CONTROL", None).is_err());
    assert!(send("c".into(), "CONTROL", Some("m".into())).is_err());
}

#[test]
fn b_msg_03_non_persistent_messages_are_not_kept() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let s = fx.ok(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "poof",
               "Type": "STANDARD", "Persistence": "NON_PERSISTENT", "ClientRequestToken": "t-np"}),
    );
    assert_eq!(s["Status"]["Value"], "SENT");
    let e = fx.err(
        "GetChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": s["MessageId"]}),
    );
    assert_eq!(e.shape, "NotFoundException");
    assert!(fx.contents(&ch, "alice", json!({})).is_empty());
}

#[test]
fn b_msg_05_update_shows_last_edited_and_latest_version() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let id = fx.send(&ch, "alice", "v1")["MessageId"].clone();
    fx.d.advance_clock(&fx.inst, 5.0).unwrap();
    let u = fx.ok(
        "UpdateChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id, "Content": "v2",
               "ContentType": "text/markdown"}),
    );
    assert_eq!(u["Status"]["Value"], "SENT");
    let l = fx.list(&ch, "alice", json!({}));
    let msgs = l["ChannelMessages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0]["Content"], "v2");
    assert_eq!(msgs[0]["ContentType"], "text/markdown");
    assert_eq!(msgs[0]["LastEditedTimestamp"], T0 + 5.0);
    assert_eq!(msgs[0]["CreatedTimestamp"], T0);
}

#[test]
fn b_msg_07_targeted_message_seen_by_target_and_sender_only() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    fx.join(&ch, "alice", "carol");
    fx.ok(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "psst",
               "Target": [{"MemberArn": fx.user("bob")}],
               "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-tg"}),
    );
    assert_eq!(fx.contents(&ch, "alice", json!({})), vec!["psst"]);
    assert_eq!(fx.contents(&ch, "bob", json!({})), vec!["psst"]);
    assert!(fx.contents(&ch, "carol", json!({})).is_empty());
    let l = fx.list(&ch, "bob", json!({}));
    assert_eq!(
        l["ChannelMessages"][0]["Target"][0]["MemberArn"],
        fx.user("bob")
    );
}

#[test]
fn b_msg_08_09_b_list_03_redact_and_delete() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    let a = fx.send(&ch, "alice", "one")["MessageId"].clone();
    let b = fx.send(&ch, "alice", "two")["MessageId"].clone();
    fx.ok(
        "RedactChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": a}),
    );
    fx.ok(
        "DeleteChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "MessageId": b}),
    );
    let l = fx.list(&ch, "alice", json!({}));
    let msgs = l["ChannelMessages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0]["MessageId"], a);
    assert_eq!(msgs[0]["Redacted"], true);
    assert_eq!(msgs[0]["Content"], "");
    assert!(msgs[0].get("Metadata").is_none());
    let e = fx.err(
        "GetChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": b}),
    );
    assert_eq!(e.shape, "NotFoundException");
}

#[test]
fn b_list_01_02_sort_order_and_inclusive_bounds() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    for i in 0..5 {
        fx.send(&ch, "alice", &format!("m{i}"));
        fx.d.advance_clock(&fx.inst, 10.0).unwrap();
    }
    assert_eq!(
        fx.contents(&ch, "alice", json!({})),
        vec!["m4", "m3", "m2", "m1", "m0"]
    );
    assert_eq!(
        fx.contents(&ch, "alice", json!({"SortOrder": "ASCENDING"})),
        vec!["m0", "m1", "m2", "m3", "m4"]
    );
    assert_eq!(
        fx.contents(
            &ch,
            "alice",
            json!({"SortOrder": "ASCENDING", "NotBefore": T0 + 10.0, "NotAfter": T0 + 30.0})
        ),
        vec!["m1", "m2", "m3"]
    );
}

#[test]
fn b_list_04_b_wire_12_pagination_returns_every_message_once() {
    let fx = Fx::new();
    let ch = fx.channel("alice", json!({}));
    for i in 0..120 {
        fx.send(&ch, "alice", &format!("m{i:03}"));
    }
    // B-WIRE-12: the default page size is 50
    let first = fx.list(&ch, "alice", json!({}));
    assert_eq!(first["ChannelMessages"].as_array().unwrap().len(), 50);
    for order in ["ASCENDING", "DESCENDING"] {
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut extra = json!({"SortOrder": order, "MaxResults": 7});
            if let Some(t) = &token {
                extra["NextToken"] = json!(t);
            }
            let page = fx.list(&ch, "alice", extra);
            for m in page["ChannelMessages"].as_array().unwrap() {
                seen.push(m["Content"].as_str().unwrap().to_owned());
            }
            match page.get("NextToken").and_then(Value::as_str) {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        let mut expected: Vec<String> = (0..120).map(|i| format!("m{i:03}")).collect();
        if order == "DESCENDING" {
            expected.reverse();
        }
        assert_eq!(seen, expected, "{order}");
    }
    let e = fx.err(
        "ListChannelMessages",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "NextToken": "garbage"}),
    );
    assert_eq!(e.shape, "BadRequestException");
}

#[test]
fn b_wire_10_repeated_client_request_token() {
    let fx = Fx::new();
    let create = json!({"AppInstanceArn": fx.inst, "Name": "idem", "ChimeBearer": fx.user("alice"),
        "ClientRequestToken": "same-token"});
    let a = fx.ok("CreateChannel", create.clone());
    let b = fx.ok("CreateChannel", create.clone());
    assert_eq!(a, b);
    let mut other = create;
    other["Name"] = json!("different");
    assert_eq!(fx.err("CreateChannel", other).shape, "ConflictException");
    let ch = a["ChannelArn"].as_str().unwrap();
    let send = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "once",
        "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "msg-token"});
    let m1 = fx.ok("SendChannelMessage", send.clone());
    let m2 = fx.ok("SendChannelMessage", send.clone());
    assert_eq!(m1["MessageId"], m2["MessageId"]);
    assert_eq!(fx.contents(ch, "alice", json!({})), vec!["once"]);
    let mut changed = send;
    changed["Content"] = json!("twice");
    assert_eq!(
        fx.err("SendChannelMessage", changed).shape,
        "ConflictException"
    );
}

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

// ---- channel flows ----

const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:proc";

fn flow(fx: &Fx, fallback: &str) -> String {
    fx.ok(
        "CreateChannelFlow",
        json!({"AppInstanceArn": fx.inst, "Name": "f", "ClientRequestToken": uuid::Uuid::new_v4().to_string(),
               "Processors": [{"Name": "p", "ExecutionOrder": 1, "FallbackAction": fallback,
                               "Configuration": {"Lambda": {"ResourceArn": LAMBDA, "InvocationType": "ASYNC"}}}]}),
    )["ChannelFlowArn"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn flowed_channel(fx: &Fx, fallback: &str) -> (String, String) {
    let f = flow(fx, fallback);
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    fx.ok(
        "AssociateChannelFlow",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": f}),
    );
    (f, ch)
}

#[test]
fn b_flow_01_crud_association_and_delete_refused_while_used() {
    let fx = Fx::new();
    let f = flow(&fx, "CONTINUE");
    assert!(f.starts_with(&format!("{}channel-flow/", super::ARN_PREFIX)));
    let d = fx.ok("DescribeChannelFlow", json!({"ChannelFlowArn": f}));
    assert_eq!(
        d["ChannelFlow"]["Processors"][0]["FallbackAction"],
        "CONTINUE"
    );
    fx.ok(
        "UpdateChannelFlow",
        json!({"ChannelFlowArn": f, "Name": "g", "Processors": d["ChannelFlow"]["Processors"]}),
    );
    let l = fx.ok("ListChannelFlows", json!({"AppInstanceArn": fx.inst}));
    assert_eq!(l["ChannelFlows"][0]["Name"], "g");
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    let assoc = json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "ChannelFlowArn": f});
    assert_eq!(
        fx.err("AssociateChannelFlow", assoc).shape,
        "ForbiddenException"
    );
    fx.ok(
        "AssociateChannelFlow",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": f}),
    );
    let other = flow(&fx, "ABORT");
    let e = fx.err(
        "AssociateChannelFlow",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": other}),
    );
    assert_eq!(e.shape, "ConflictException");
    let l = fx.ok(
        "ListChannelsAssociatedWithChannelFlow",
        json!({"ChannelFlowArn": f}),
    );
    assert_eq!(l["Channels"][0]["ChannelArn"], ch);
    assert_eq!(
        fx.err("DeleteChannelFlow", json!({"ChannelFlowArn": f}))
            .shape,
        "ConflictException"
    );
    fx.ok(
        "DisassociateChannelFlow",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": f}),
    );
    fx.ok("DeleteChannelFlow", json!({"ChannelFlowArn": f}));
    let e = fx.err("DescribeChannelFlow", json!({"ChannelFlowArn": f}));
    assert_eq!(e.shape, "NotFoundException");
}

/// Answers the latest processor event of the message named in `message`.
fn callback(fx: &Fx, ch: &str, message: Value, delete: bool) -> Result<Value, ApiError> {
    let events = fx.d.flow_events(ch).unwrap();
    let event = events
        .iter()
        .rev()
        .find(|e| e["ChannelMessage"]["MessageId"] == message["MessageId"])
        .expect("an event for the message");
    call(
        &fx.d,
        "ChannelFlowCallback",
        json!({"ChannelArn": ch, "CallbackId": event["CallbackId"],
               "ChannelMessage": message, "DeleteResource": delete}),
    )
}

#[test]
fn b_flow_02_03_04_05_09_pending_event_and_callback_with_changes() {
    let fx = Fx::new();
    let (_, ch) = flowed_channel(&fx, "CONTINUE");
    let s = fx.send(&ch, "bob", "raw");
    assert_eq!(s["Status"]["Value"], "PENDING");
    let id = s["MessageId"].as_str().unwrap().to_owned();
    // only its sender may read it meanwhile
    assert_eq!(fx.contents(&ch, "bob", json!({})), vec!["raw"]);
    assert!(fx.contents(&ch, "alice", json!({})).is_empty());
    let e = fx.err(
        "GetChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
    );
    assert_eq!(e.shape, "NotFoundException");
    let events = fx.d.flow_events(&ch).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["EventType"], "CHANNEL_MESSAGE_EVENT");
    assert!(events[0]["CallbackId"].is_string());
    assert_eq!(events[0]["ChannelMessage"]["MessageId"], id);
    let out = callback(
        &fx,
        &ch,
        json!({"MessageId": id, "Content": "clean", "Metadata": "m2", "ContentType": "text/plain"}),
        false,
    )
    .unwrap();
    assert_eq!(out["ChannelArn"], ch);
    assert!(out["CallbackId"].is_string());
    let m = fx.ok(
        "GetChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
    )["ChannelMessage"]
        .clone();
    assert_eq!(m["Status"]["Value"], "SENT");
    assert_eq!(m["Content"], "clean");
    assert_eq!(m["Metadata"], "m2");
    assert_eq!(m["ContentType"], "text/plain");
    // a second, different callback for a settled message is refused
    assert!(
        callback(
            &fx,
            &ch,
            json!({"MessageId": id, "Content": "again"}),
            false
        )
        .is_err()
    );
    // a CallbackId other than the event's is refused
    let s2 = fx.send(&ch, "bob", "second");
    let e = err(
        &fx.d,
        "ChannelFlowCallback",
        json!({"ChannelArn": ch, "CallbackId": "0123456789abcdef0123456789abcdef",
               "ChannelMessage": {"MessageId": s2["MessageId"]}}),
    );
    assert_eq!(e.shape, "BadRequestException");
    callback(&fx, &ch, json!({"MessageId": s2["MessageId"]}), false).unwrap();
    // CONTROL messages skip the flow
    let c = fx.ok(
        "SendChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "ctl",
               "Type": "CONTROL", "Persistence": "PERSISTENT", "ClientRequestToken": "t-ctl"}),
    );
    assert_eq!(c["Status"]["Value"], "SENT");
    // an edit of a persistent STANDARD message goes through the flow again
    let u = fx.ok(
        "UpdateChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id, "Content": "edit"}),
    );
    assert_eq!(u["Status"]["Value"], "PENDING");
    assert_eq!(fx.d.flow_events(&ch).unwrap().len(), 3);
    // no change -> SENT as sent
    callback(&fx, &ch, json!({"MessageId": id}), false).unwrap();
    assert_eq!(
        fx.contents(&ch, "alice", json!({})),
        vec!["ctl", "second", "edit"]
    );
}

#[test]
fn b_flow_05_08_denied_message_is_gone_and_has_no_status() {
    let fx = Fx::new();
    let (_, ch) = flowed_channel(&fx, "CONTINUE");
    let id = fx.send(&ch, "bob", "bad")["MessageId"].clone();
    let st = json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id});
    assert_eq!(
        fx.ok("GetChannelMessageStatus", st.clone())["Status"]["Value"],
        "PENDING"
    );
    // the sender only
    let other = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id});
    assert_eq!(
        fx.err("GetChannelMessageStatus", other).shape,
        "ForbiddenException"
    );
    callback(&fx, &ch, json!({"MessageId": id}), true).unwrap();
    assert_eq!(fx.ok("GetChannelMessageStatus", st), json!({}));
    assert!(fx.contents(&ch, "bob", json!({})).is_empty());
    let e = fx.err(
        "GetChannelMessage",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id}),
    );
    assert_eq!(e.shape, "NotFoundException");
}

#[test]
fn b_flow_06_callback_after_48_hours_is_forbidden() {
    let fx = Fx::new();
    let (_, ch) = flowed_channel(&fx, "CONTINUE");
    let id = fx.send(&ch, "bob", "late")["MessageId"].clone();
    fx.d.advance_clock(&fx.inst, 48.0 * 3600.0 + 1.0).unwrap();
    let e = callback(&fx, &ch, json!({"MessageId": id}), false).unwrap_err();
    assert_eq!(e.shape, "ForbiddenException");
}

#[test]
fn b_flow_07_unreachable_processor_abort_and_continue() {
    let fx = Fx::new();
    fx.d.set_processor_reachable(LAMBDA, false);
    let (_, aborting) = flowed_channel(&fx, "ABORT");
    let s = fx.send(&aborting, "bob", "x");
    assert_eq!(s["Status"]["Value"], "FAILED");
    assert!(fx.contents(&aborting, "alice", json!({})).is_empty());
    let (_, continuing) = flowed_channel(&fx, "CONTINUE");
    let s = fx.send(&continuing, "bob", "y");
    assert_eq!(s["Status"]["Value"], "SENT");
    assert_eq!(fx.contents(&continuing, "alice", json!({})), vec!["y"]);
    assert!(fx.d.flow_events(&continuing).unwrap().is_empty());
    fx.d.set_processor_reachable(LAMBDA, true);
    assert_eq!(
        fx.send(&continuing, "bob", "z")["Status"]["Value"],
        "PENDING"
    );
}

// ---- the rest ----

#[test]
fn streaming_configurations_and_session_endpoint() {
    let fx = Fx::new();
    let e = fx.err(
        "GetMessagingStreamingConfigurations",
        json!({"AppInstanceArn": fx.inst}),
    );
    assert_eq!(e.shape, "NotFoundException");
    let cfg =
        json!([{"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:1:stream/s"}]);
    fx.ok(
        "PutMessagingStreamingConfigurations",
        json!({"AppInstanceArn": fx.inst, "StreamingConfigurations": cfg}),
    );
    let g = fx.ok(
        "GetMessagingStreamingConfigurations",
        json!({"AppInstanceArn": fx.inst}),
    );
    assert_eq!(g["StreamingConfigurations"], cfg);
    fx.ok(
        "DeleteMessagingStreamingConfigurations",
        json!({"AppInstanceArn": fx.inst}),
    );
    let s = fx.ok("GetMessagingSessionEndpoint", json!({}));
    assert!(s["Endpoint"]["Url"].is_string());
}

#[test]
fn every_modelled_operation_has_a_handler() {
    let mut missing = BTreeSet::new();
    for svc in model::Service::ALL {
        for name in svc.model().operations.keys() {
            let handled = super::table().contains_key(name.as_str())
                || matches!(
                    name.as_str(),
                    "CreateAppInstance"
                        | "ListAppInstances"
                        | "DeleteAppInstance"
                        | "GetMessagingSessionEndpoint"
                );
            if !handled {
                missing.insert(name.clone());
            }
        }
    }
    assert!(missing.is_empty(), "no handler for {missing:?}");
}

#[test]
fn clock_and_app_instance_scoping() {
    let fx = Fx::new();
    let other = Fx::with(Domain::with_clock(Arc::new(|| T0)));
    assert_eq!(fx.d.advance_clock(&fx.inst, 100.0).unwrap(), T0 + 100.0);
    assert!(fx.d.advance_clock(&fx.inst, -1.0).is_err());
    assert_eq!(other.d.now(&other.inst).unwrap(), T0);
    assert_eq!(
        fx.d.now("arn:aws:chime:us-east-1:1:app-instance/none")
            .unwrap_err()
            .shape,
        "NotFoundException"
    );
    // a bearer of one AppInstance is unknown in another
    let second = ok(
        &fx.d,
        "CreateAppInstance",
        json!({"Name": "second", "ClientRequestToken": "tok-second"}),
    )["AppInstanceArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let e = fx.err(
        "ListChannels",
        json!({"AppInstanceArn": second, "ChimeBearer": fx.user("alice")}),
    );
    assert_eq!(e.shape, "UnauthorizedClientException");
    fx.ok("DeleteAppInstance", json!({"AppInstanceArn": second}));
    assert!(fx.d.now(&second).is_err());
    let again = ok(
        &fx.d,
        "CreateAppInstance",
        json!({"Name": "second", "ClientRequestToken": "tok-second"}),
    );
    assert_ne!(again["AppInstanceArn"], second);
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

#[test]
fn expired_users_are_deleted_after_the_lag() {
    let fx = Fx::new();
    let erin = fx.expiring_user("erin", 2);
    let ch = fx.channel("alice", json!({"MemberArns": [erin]}));
    // Settings put later replace the first ones: one day from creation, not two.
    fx.ok(
        "PutAppInstanceUserExpirationSettings",
        json!({"AppInstanceUserArn": erin,
               "ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
    );
    fx.d.advance_clock(&fx.inst, 86_400.0).unwrap();
    assert!(
        fx.d.sweep_expired(Some(&fx.inst)).is_empty(),
        "within the lag"
    );
    fx.d.advance_clock(&fx.inst, Domain::EXPIRATION_LAG_SECONDS)
        .unwrap();
    assert_eq!(fx.d.sweep_expired(Some(&fx.inst)), vec![erin.clone()]);
    let e = fx.err(
        "DescribeAppInstanceUser",
        json!({"AppInstanceUserArn": erin}),
    );
    assert_eq!(e.shape, "NotFoundException");
    let members = fx.ok(
        "ListChannelMemberships",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
    );
    assert!(!members.to_string().contains("/user/erin"), "{members}");
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty(), "swept once");
}

#[test]
fn users_without_expiration_settings_stay() {
    let fx = Fx::new();
    let erin = fx.expiring_user("erin", 1);
    // A Put without settings removes them (as for channels, B-EXP-04).
    fx.ok(
        "PutAppInstanceUserExpirationSettings",
        json!({"AppInstanceUserArn": erin}),
    );
    fx.d.advance_clock(&fx.inst, 30.0 * 86_400.0).unwrap();
    assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
    fx.ok(
        "DescribeAppInstanceUser",
        json!({"AppInstanceUserArn": erin}),
    );
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
    for i in 0..super::quotas::PER_BEARER {
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
    for i in 0..3 * super::quotas::PER_CHANNEL {
        send(&free, &ch, format!("t{i}")).expect("no quotas by default");
    }
}
