//! The ARNs and ids the server hands out, and reading an ARN back: which resource it names and
//! the AppInstance that resource lives in.
//!
//! ARNs take the shapes of the Chime resource types in the Service Authorization Reference
//! ("Actions, resources, and condition keys for Amazon Chime"):
//!
//! | resource type | ARN |
//! |---|---|
//! | `app-instance` | `arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}` |
//! | `app-instance-user` | `…:app-instance/${AppInstanceId}/user/${AppInstanceUserId}` |
//! | `app-instance-bot` | `…:app-instance/${AppInstanceId}/bot/${AppInstanceBotId}` |
//! | `channel` | `…:app-instance/${AppInstanceId}/channel/${ChannelId}` |
//! | `channel-flow` | `…:app-instance/${AppInstanceId}/channel-flow/${ChannelFlowId}` |
//!
//! An ARN names one resource exactly: [`parse`] refuses anything before, after or between
//! these fields (`…/app-instance/ID/x`, a trailing `/`, dot segments), so a request can't
//! reach an AppInstance through an ARN that merely starts like one. An ARN that is not one of
//! the kind its member holds names no resource, and is answered as one that does not exist
//! (B-CH-09: NotFoundException where the operation lists it, ForbiddenException elsewhere),
//! as a well-formed ARN of a deleted resource is.

use super::error::ApiError;

/// Fixed account id used in every ARN the server makes.
pub const ACCOUNT: &str = "123456789012";
pub const ARN_PREFIX: &str = "arn:aws:chime:us-east-1:123456789012:";

/// The Chime SDK resource types an ARN can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    AppInstance,
    User,
    Bot,
    Channel,
    ChannelFlow,
}

impl Kind {
    /// Every kind, AppInstance first.
    pub const ALL: [Kind; 5] = [
        Kind::AppInstance,
        Kind::User,
        Kind::Bot,
        Kind::Channel,
        Kind::ChannelFlow,
    ];

    /// The path segment naming the kind below an AppInstance (`None` for the AppInstance).
    fn segment(self) -> Option<&'static str> {
        match self {
            Kind::AppInstance => None,
            Kind::User => Some("user"),
            Kind::Bot => Some("bot"),
            Kind::Channel => Some("channel"),
            Kind::ChannelFlow => Some("channel-flow"),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::AppInstance => "an AppInstance",
            Kind::User => "an AppInstanceUser",
            Kind::Bot => "an AppInstanceBot",
            Kind::Channel => "a channel",
            Kind::ChannelFlow => "a channel flow",
        }
    }
}

/// A Chime SDK ARN read back: the kind of resource and the AppInstance it lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChimeArn<'a> {
    pub kind: Kind,
    /// The AppInstance's own ARN, a prefix of the ARN read.
    pub app_instance: &'a str,
}

/// The ARN of a new AppInstance.
pub fn app_instance_arn(id: &str) -> String {
    format!("{ARN_PREFIX}app-instance/{id}")
}

/// The ARN of a new resource of `kind` in the AppInstance `app_instance`.
pub fn child_arn(app_instance: &str, kind: Kind, id: &str) -> String {
    match kind.segment() {
        Some(segment) => format!("{app_instance}/{segment}/{id}"),
        None => app_instance.to_owned(),
    }
}

/// Reads an ARN of one of the resource types above, or `None` when it is anything else.
/// Every request reads one or more, so the fields are split without collecting them.
pub fn parse(arn: &str) -> Option<ChimeArn<'_>> {
    let mut fields = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("chime"), Some(region), Some(account)) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return None;
    };
    let resource = fields.next()?;
    if ![partition, region, account].into_iter().all(is_token) {
        return None;
    }
    let mut parts = resource.split('/');
    if parts.next() != Some("app-instance") {
        return None;
    }
    let instance_id = parts.next()?;
    let kind = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => Kind::AppInstance,
        (Some(segment), Some(child), None) if is_id(child) => Kind::ALL
            .into_iter()
            .find(|k| k.segment() == Some(segment))?,
        _ => return None,
    };
    if !is_id(instance_id) {
        return None;
    }
    let end = arn.len() - resource.len() + "app-instance/".len() + instance_id.len();
    Some(ChimeArn {
        kind,
        app_instance: &arn[..end],
    })
}

/// The ARN held by the member `member`, which must name a resource of one of `kinds`; else the
/// NotFoundException that says so.
pub fn expect_kind<'a>(
    member: &str,
    arn: &'a str,
    kinds: &[Kind],
) -> Result<ChimeArn<'a>, ApiError> {
    match parse(arn) {
        Some(parsed) if kinds.contains(&parsed.kind) => Ok(parsed),
        _ => {
            let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
            Err(ApiError::not_found(format!(
                "{member} {arn} is not the ARN of {}",
                nouns.join(" or ")
            )))
        }
    }
}

/// A partition, region or account field: lower-case letters, digits and hyphens.
fn is_token(field: &str) -> bool {
    !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A resource id: not empty, not a dot segment, no white space or control characters.
fn is_id(id: &str) -> bool {
    !matches!(id, "" | "." | "..") && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn new_id() -> String {
    random_uuid().to_string()
}

/// A new id without hyphens (message and callback ids).
pub fn new_simple_id() -> String {
    random_uuid().simple().to_string()
}

/// A version 4 UUID from the thread's cryptographic generator: `Uuid::new_v4` asks the OS
/// for every id, a system call made while the AppInstance is locked.
fn random_uuid() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(rand::random()).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The resource types of the Service Authorization Reference for Amazon Chime, as
    /// templates; `${…}` is one field without `/` or `:`.
    const REFERENCE: [(Kind, &str); 5] = [
        (
            Kind::AppInstance,
            "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}",
        ),
        (
            Kind::User,
            "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/user/${AppInstanceUserId}",
        ),
        (
            Kind::Bot,
            "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/bot/${AppInstanceBotId}",
        ),
        (
            Kind::Channel,
            "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/channel/${ChannelId}",
        ),
        (
            Kind::ChannelFlow,
            "arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${AppInstanceId}/channel-flow/${ChannelFlowId}",
        ),
    ];

    /// Whether `arn` fits a reference template, each `${…}` standing for a non-empty field.
    fn fits(template: &str, arn: &str) -> bool {
        let mut pattern = String::from("^");
        for (i, piece) in template.split("${").enumerate() {
            let literal = if i == 0 {
                piece
            } else {
                pattern.push_str("[^/:]+");
                piece.split_once('}').map_or("", |(_, rest)| rest)
            };
            pattern.push_str(&regex::escape(literal));
        }
        pattern.push('$');
        regex::Regex::new(&pattern).unwrap().is_match(arn)
    }

    #[test]
    fn minted_arns_have_the_reference_shapes() {
        let inst = app_instance_arn(&new_id());
        for (kind, template) in REFERENCE {
            let arn = child_arn(&inst, kind, &new_id());
            assert!(fits(template, &arn), "{arn} does not fit {template}");
            let parsed = parse(&arn).expect("parses");
            assert_eq!(parsed.kind, kind);
            assert_eq!(parsed.app_instance, inst);
            // It fits no other kind's template.
            for (other, t) in REFERENCE {
                assert_eq!(fits(t, &arn), other == kind, "{arn} against {t}");
            }
        }
    }

    #[test]
    fn an_arn_names_one_resource_exactly() {
        let inst = format!("{ARN_PREFIX}app-instance/abc");
        for junk in [
            "/x",
            "/",
            "/..",
            "/../..",
            "/channel",
            "/channel/",
            "/user/u/x",
            "/pet/p",
            "//user/u",
        ] {
            assert_eq!(parse(&format!("{inst}{junk}")), None, "{inst}{junk}");
        }
        for bad in [
            "nonsense",
            "arn:aws:chime",
            "arn:aws:chime:us-east-1:123456789012:channel-flow/x",
            "arn:aws:s3:us-east-1:123456789012:app-instance/abc",
            "arn:aws:chime::123456789012:app-instance/abc",
            "arn:aws:chime:us-east-1:123456789012:app-instance/",
            "arn:aws:chime:us-east-1:123456789012:app-instance/a b",
            "arn:aws:chime:us-east-1:123456789012:app-instance/abc/user/..",
            " arn:aws:chime:us-east-1:123456789012:app-instance/abc",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        let user = format!("{inst}/user/u1");
        let user = parse(&user).expect("a user ARN");
        assert_eq!((user.kind, user.app_instance), (Kind::User, inst.as_str()));
        assert_eq!(parse(&inst).map(|a| a.app_instance), Some(inst.as_str()));
    }

    #[test]
    fn a_member_holds_an_arn_of_its_kind() {
        let inst = format!("{ARN_PREFIX}app-instance/abc");
        let user = child_arn(&inst, Kind::User, "u");
        assert!(expect_kind("AppInstanceArn", &inst, &[Kind::AppInstance]).is_ok());
        let e = expect_kind("AppInstanceArn", &user, &[Kind::AppInstance]).unwrap_err();
        assert_eq!(e.shape, "NotFoundException");
        assert_eq!(
            e.message,
            format!("AppInstanceArn {user} is not the ARN of an AppInstance")
        );
        let e = expect_kind("ChimeBearer", &inst, &[Kind::User, Kind::Bot]).unwrap_err();
        assert!(
            e.message
                .ends_with("an AppInstanceUser or an AppInstanceBot"),
            "{e}"
        );
        assert!(expect_kind("ChimeBearer", &user, &[Kind::User, Kind::Bot]).is_ok());
    }

    #[test]
    fn ids_are_random_version_4_uuids() {
        let (a, b) = (new_id(), new_simple_id());
        let a = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(a.get_version_num(), 4);
        assert_eq!(b.len(), 32);
        assert!(!b.contains('-'));
        assert_ne!(new_simple_id(), b);
    }
}
