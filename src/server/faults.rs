//! Deliberate deviations of the reference server, each a realistic bug of a mock or a
//! regression of the real service. `self-check` runs the suite against each one to prove the
//! suite catches it; `serve --fault NAME` serves one for anyone to try.
//!
//! A fault is a switch read at the one place the behaviour lives (the domain for behaviour, the
//! HTTP layer for the wire format), never a second copy of the server.

use std::collections::BTreeSet;
use std::fmt;

macro_rules! faults {
    ($( $variant:ident = $name:literal, [$($entry:literal),+ $(,)?], $description:literal; )+) => {
        /// One deviation from the catalogue, named in kebab-case.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Fault {
            $( #[doc = $description] $variant, )+
        }

        impl Fault {
            /// Every fault, in catalogue order.
            pub const ALL: &'static [Fault] = &[$(Fault::$variant),+];

            /// The stable name used on the command line and in reports.
            pub fn name(self) -> &'static str {
                match self { $(Fault::$variant => $name,)+ }
            }

            /// The catalogue entries the fault breaks.
            pub fn behaviours(self) -> &'static [&'static str] {
                match self { $(Fault::$variant => &[$($entry),+],)+ }
            }

            /// What the faulty server does, in one line.
            pub fn description(self) -> &'static str {
                match self { $(Fault::$variant => $description,)+ }
            }
        }
    };
}

faults! {
    // Wire format (the HTTP layer).
    NoErrorTypeHeader = "no-error-type-header", ["B-WIRE-07"],
        "error answers carry no x-amzn-ErrorType header, only Code in the body";
    CreatedAnswers200 = "created-answers-200", ["B-WIRE-05"],
        "operations modelled with 201 Created answer 200 OK";
    DeleteAnswers200 = "delete-answers-200", ["B-WIRE-05"],
        "operations modelled with 204 No Content answer 200 with an empty JSON object";
    TimestampsInMilliseconds = "timestamps-in-milliseconds", ["B-WIRE-04"],
        "timestamps in response bodies are epoch milliseconds instead of seconds";
    TimestampsAsStrings = "timestamps-as-strings", ["B-WIRE-04"],
        "timestamps in response bodies are ISO-8601 strings instead of epoch-second numbers";
    JsonLabelledAsText = "json-labelled-as-text", ["B-WIRE-01"],
        "JSON answers, successes and errors, are labelled Content-Type: text/plain";
    NoRequestId = "no-request-id", ["B-WIRE-13"],
        "answers carry no x-amzn-RequestId header";
    UnknownResponseMember = "unknown-response-member", ["B-WIRE-02"],
        "every JSON response body carries a member the model does not have";
    EveryErrorIs400 = "every-error-400", ["B-WIRE-06"],
        "every error answers HTTP 400, whatever its shape";
    UnlistedErrors = "unlisted-errors", ["B-WIRE-08", "B-CH-09"],
        "errors the operation does not list are sent as they are (NotFoundException everywhere)";
    PageSizeUncheckedOnOneList = "page-size-unchecked-on-one-list", ["B-WIRE-11", "B-WIRE-14"],
        "ListChannelModerators takes any MaxResults, 0 and 51 too (every other list checks 1..50)";
    NameLengthUncheckedOnUpdateChannel = "name-length-unchecked-on-update-channel", ["B-WIRE-14"],
        "UpdateChannel takes a Name of any length (CreateChannel still checks its 256)";
    MissingChannelForbiddenOnOneOperation = "missing-channel-forbidden-on-one-operation", ["B-CH-09"],
        "DescribeChannelModerator answers ForbiddenException for a channel that does not exist, though it models NotFoundException";
    InputConstraintsNotEnforced = "input-constraints-not-enforced", ["B-CH-08", "B-WIRE-11", "B-MSG-06"],
        "inputs are not checked against the model's lengths, ranges and patterns";
    ClientRequestTokenIgnored = "client-request-token-ignored", ["B-WIRE-10"],
        "a repeated ClientRequestToken creates a second resource";
    ClientRequestTokenNeverForgotten = "client-request-token-never-forgotten", ["B-WIRE-10"],
        "a ClientRequestToken is remembered for ever: a repeat 8 hours later still answers the first result";
    TokenConflictIgnoredOnOneOperation = "token-conflict-ignored-on-one-operation", ["B-WIRE-10"],
        "CreateAppInstanceBot answers a reused ClientRequestToken with other parameters with the first result, not ConflictException";
    MissingResourceForbiddenOnOneOperation = "missing-resource-forbidden-on-one-operation", ["B-CH-09"],
        "GetMessagingStreamingConfigurations answers ForbiddenException for an AppInstance that does not exist, though it models NotFoundException";
    BanPagesRepeat = "ban-pages-repeat", ["B-WIRE-11"],
        "each next page of ListChannelBans starts with the last ban of the page before";
    DefaultPageOfTen = "default-page-of-ten", ["B-WIRE-12"],
        "ListChannelMessages without MaxResults returns 10 messages a page";
    TokenOnLastPage = "token-on-last-page", ["B-WIRE-11"],
        "the last page of ListChannelMessages still carries a NextToken";
    // Caller identity.
    BearerNotChecked = "bearer-not-checked", ["B-AUTH-03"],
        "a bearer that names no user or bot of the AppInstance is accepted";
    MissingBearerForbiddenOnOneOperation = "missing-bearer-forbidden-on-one-operation", ["B-AUTH-01", "B-AUTH-03"],
        "ListChannelBans answers a call without a bearer with ForbiddenException, not UnauthorizedClientException";
    ForeignBearerOnOneOperation = "foreign-bearer-on-one-operation", ["B-AUTH-03"],
        "GetChannelMembershipPreferences takes a bearer that is a user of another AppInstance";
    NonMemberSends = "non-member-sends", ["B-CH-04", "B-AUTH-06"],
        "callers without a membership may send, to PRIVATE channels too";
    PrivateChannelReadable = "private-channel-readable", ["B-CH-04", "B-AUTH-05"],
        "non-members may read the messages of a PRIVATE channel";
    MemberEditsAnyMessage = "member-edits-any-message", ["B-AUTH-06"],
        "a member may edit another member's message";
    MemberRedactsAnyMessage = "member-redacts-any-message", ["B-AUTH-06"],
        "a member may redact another member's message";
    ModeratorDeletesMessages = "moderator-deletes-messages", ["B-AUTH-06"],
        "a channel moderator may delete messages, not only an AppInstanceAdmin";
    MemberActsAsModerator = "member-acts-as-moderator", ["B-AUTH-05", "B-AUTH-06"],
        "members are treated as moderators of their channels";
    // Channels.
    RestrictedModeNotEnforced = "restricted-mode-not-enforced", ["B-CH-03"],
        "members add others to RESTRICTED channels";
    CreatorNotMember = "creator-not-member", ["B-CH-05"],
        "the creator of a channel is made a moderator but not a member";
    DescribeOmitsMetadata = "describe-omits-metadata", ["B-CH-06"],
        "DescribeChannel leaves out the channel's Metadata";
    InvitedByMember = "invited-by-member", ["B-RES-02"],
        "CreateChannelMembership records the added member, not the caller, as InvitedBy";
    BanCreatedByBanned = "ban-created-by-banned", ["B-RES-02"],
        "a ban names the banned member as its CreatedBy";
    UpdateLeavesLastUpdated = "update-leaves-last-updated", ["B-RES-01"],
        "UpdateChannel changes the channel but leaves its LastUpdatedTimestamp";
    UserUpdateMovesCreated = "user-update-moves-created", ["B-RES-01"],
        "UpdateAppInstanceUser sets the user's CreatedTimestamp to the time of the update";
    AppInstanceSummaryWithoutMetadata = "app-instance-summary-without-metadata", ["B-RES-01"],
        "ListAppInstances summaries leave out each AppInstance's Metadata (DescribeAppInstance still has it)";
    DeletedChannelLingers = "deleted-channel-lingers", ["B-CH-07"],
        "DeleteChannel answers 204 but the channel and its memberships stay";
    BanKeepsMembership = "ban-keeps-membership", ["B-CH-10"],
        "a ban does not remove the banned user's membership";
    ModeratorBannable = "moderator-bannable", ["B-CH-10"],
        "moderators and AppInstanceAdmins can be banned";
    // Channel expiration.
    ExpiredNeverDeleted = "expired-never-deleted", ["B-EXP-02"],
        "expired channels are never deleted";
    ExpirationDaysAsHours = "expiration-days-as-hours", ["B-EXP-01", "B-EXP-02"],
        "ExpirationDays is counted in hours";
    ExpirationUpdateIgnored = "expiration-update-ignored", ["B-EXP-03"],
        "updated expiration settings are stored and shown but the old expiry still applies";
    RemovedExpirationApplied = "removed-expiration-applied", ["B-EXP-04"],
        "settings removed by PutChannelExpirationSettings still expire the channel";
    LastMessageIgnored = "last-message-ignored", ["B-EXP-05"],
        "LAST_MESSAGE_TIMESTAMP expiry runs from creation; messages do not push it back";
    ExpirationNotEchoed = "expiration-not-echoed", ["B-EXP-06"],
        "PutChannelExpirationSettings answers without the settings now in force";
    // Messages.
    SizeLimitsNotEnforced = "size-limits-not-enforced", ["B-MSG-02"],
        "content and metadata size limits are not enforced";
    LimitsCountCharacters = "limits-count-characters", ["B-MSG-02"],
        "the content limits count characters instead of UTF-8 bytes";
    NonPersistentKept = "non-persistent-kept", ["B-MSG-03"],
        "NON_PERSISTENT messages are kept in history and listed";
    ContentTypeDropped = "content-type-dropped", ["B-MSG-06", "B-MSG-04"],
        "the ContentType of a message is not kept";
    EditShowsOriginal = "edit-shows-original", ["B-MSG-05", "B-LIST-03"],
        "an edit is acknowledged and marks the message edited, but the original content stays";
    TargetIgnored = "target-ignored", ["B-MSG-07"],
        "a targeted message is visible to every member";
    RedactedContentVisible = "redacted-content-visible", ["B-MSG-08", "B-LIST-03"],
        "a redacted message is marked Redacted but keeps its content";
    DeletedMessageListed = "deleted-message-listed", ["B-MSG-09", "B-LIST-03"],
        "a deleted message can't be fetched but is still listed";
    // Listing.
    AscendingByDefault = "ascending-by-default", ["B-LIST-01"],
        "ListChannelMessages lists the oldest first by default";
    NotBeforeIgnored = "not-before-ignored", ["B-LIST-02"],
        "NotBefore does not bound the listing";
    PaginationRepeats = "pagination-repeats", ["B-LIST-04"],
        "each next page starts with the last message of the page before";
    PaginationSkips = "pagination-skips", ["B-LIST-04"],
        "each next page skips the message after the page before";
    SummaryLeaksChannelArn = "summary-leaks-channel-arn", ["B-LIST-05"],
        "message summaries carry ChannelArn and Persistence";
    // Channel flows.
    FlowDeletableInUse = "flow-deletable-in-use", ["B-FLOW-01"],
        "a channel flow can be deleted while a channel uses it";
    ControlThroughFlow = "control-through-flow", ["B-FLOW-02"],
        "CONTROL messages go through the channel flow";
    FlowNeverPending = "flow-never-pending", ["B-FLOW-03"],
        "a message in a flow is SENT at once while the processor is still asked";
    CallbackContentIgnored = "callback-content-ignored", ["B-FLOW-05", "B-FLOW-09"],
        "the content a processor's callback sends back is ignored";
    DenyStillStores = "deny-still-stores", ["B-FLOW-05"],
        "a callback with DeleteResource=true still sends and stores the message";
    CallbackWindowUnlimited = "callback-window-unlimited", ["B-FLOW-06"],
        "processors may call back after the 48 hours";
    AbortIgnored = "abort-ignored", ["B-FLOW-07"],
        "an unreachable processor with fallback ABORT lets the message through";
    StatusForAnyone = "status-for-anyone", ["B-FLOW-08"],
        "GetChannelMessageStatus answers any member, not only the sender";
    // Elastic channels.
    ElasticCreatorMember = "elastic-creator-member", ["B-EL-01"],
        "the creator of an elastic channel is made a member";
    ElasticUnrestricted = "elastic-unrestricted", ["B-EL-01"],
        "elastic channels may be UNRESTRICTED";
    ElasticSubChannelOptional = "elastic-sub-channel-optional", ["B-EL-02"],
        "messages in an elastic channel are accepted without a SubChannelId";
    // Real-time messaging sessions (the domain decides who is told; the sessions write it).
    EventsToNonMembers = "events-to-non-members", ["B-WS-05"],
        "session events reach every connected user of the AppInstance, members or not";
    NoSessionEstablished = "no-session-established", ["B-WS-04"],
        "a session is never sent SESSION_ESTABLISHED";
    PayloadAsObject = "payload-as-object", ["B-WS-03"],
        "a frame's Payload is a nested JSON object instead of a JSON document in a string";
    RedactionNotPushed = "redaction-not-pushed", ["B-WS-05"],
        "RedactChannelMessage is acknowledged but no REDACT_CHANNEL_MESSAGE is pushed";
    TargetSenderLeftOut = "target-sender-left-out", ["B-WS-07"],
        "a targeted message reaches its target's sessions but not its sender's";
    PendingShownToEveryone = "pending-shown-to-everyone", ["B-WS-08"],
        "PENDING_ events of a channel flow reach every member, not only the sender";
    EventsReordered = "events-reordered", ["B-WS-13"],
        "each session gets a channel's events in swapped pairs: the second before the first";
}

impl Fault {
    /// The fault of a name, if there is one.
    pub fn from_name(name: &str) -> Option<Fault> {
        Fault::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Every name, for `--list-faults` and error messages.
    pub fn names() -> Vec<&'static str> {
        Fault::ALL.iter().map(|f| f.name()).collect()
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown fault \"{name}\"; the faults are: {}", Fault::names().join(", "))]
pub struct UnknownFault {
    pub name: String,
}

impl std::str::FromStr for Fault {
    type Err = UnknownFault;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Fault::from_name(s).ok_or_else(|| UnknownFault { name: s.to_owned() })
    }
}

/// The faults a server has turned on; empty for the faithful reference server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultSet(BTreeSet<Fault>);

impl FaultSet {
    pub fn new() -> FaultSet {
        FaultSet::default()
    }

    /// The set of the named faults; the first unknown name is an error.
    pub fn from_names<S: AsRef<str>>(
        names: impl IntoIterator<Item = S>,
    ) -> Result<FaultSet, UnknownFault> {
        names
            .into_iter()
            .map(|n| n.as_ref().parse::<Fault>())
            .collect()
    }

    pub fn has(&self, fault: Fault) -> bool {
        self.0.contains(&fault)
    }

    pub fn insert(&mut self, fault: Fault) {
        self.0.insert(fault);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Fault> + '_ {
        self.0.iter().copied()
    }
}

impl From<Fault> for FaultSet {
    fn from(fault: Fault) -> Self {
        FaultSet(BTreeSet::from([fault]))
    }
}

impl FromIterator<Fault> for FaultSet {
    fn from_iter<I: IntoIterator<Item = Fault>>(iter: I) -> Self {
        FaultSet(iter.into_iter().collect())
    }
}

impl fmt::Display for FaultSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        let names: Vec<&str> = self.0.iter().map(|x| x.name()).collect();
        f.write_str(&names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_kebab_case_and_parse_back() {
        let mut seen = HashSet::new();
        for f in Fault::ALL {
            let name = f.name();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}"
            );
            assert_eq!(name.parse::<Fault>(), Ok(*f));
            assert!(!f.description().is_empty());
        }
        assert!(Fault::ALL.len() >= 30, "{} faults", Fault::ALL.len());
    }

    #[test]
    fn every_fault_names_catalogue_entries_and_every_section_has_one() {
        let catalogue: HashSet<&str> = include_str!("../../catalogue/behaviours.txt")
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.starts_with("B-"))
            .collect();
        let mut sections = HashSet::new();
        for f in Fault::ALL {
            for b in f.behaviours() {
                assert!(catalogue.contains(b), "{f} names {b}, not in the catalogue");
                sections.insert(b.rsplit_once('-').map_or(*b, |(s, _)| s));
            }
        }
        for s in [
            "B-WIRE", "B-AUTH", "B-CH", "B-EXP", "B-MSG", "B-LIST", "B-FLOW", "B-EL", "B-WS",
        ] {
            assert!(sections.contains(s), "no fault breaks a {s} entry");
        }
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones() {
        let e = FaultSet::from_names(["ascending-by-default", "nope"]).unwrap_err();
        assert_eq!(e.name, "nope");
        assert!(e.to_string().contains("pagination-repeats"), "{e}");
        let set = FaultSet::from_names(["target-ignored", "target-ignored"]).unwrap();
        assert!(set.has(Fault::TargetIgnored));
        assert!(!set.has(Fault::AscendingByDefault));
        assert_eq!(set.to_string(), "target-ignored");
        assert_eq!(FaultSet::new().to_string(), "none");
    }
}
