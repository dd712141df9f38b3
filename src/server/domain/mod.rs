//! The reference server's state and rules: app instances, users, channels, memberships,
//! messages, flows, expiration. No HTTP here: inputs and outputs are JSON objects keyed by the
//! model's member names.
//!
//! State is scoped per AppInstance: one mutex per AppInstance, found from the ARN in the
//! request (every ARN the server makes embeds its AppInstance: `ids.rs`).
//! A request runs through `pipeline.rs` (`Domain::handle`), which finds the operation's handler
//! in `dispatch.rs`; each operation's file registers its handlers there.
//!
//! Where the rules of each section of the behaviour catalogue live:
//!
//! | catalogue section | files |
//! |---|---|
//! | Wire format | `error.rs` (modelled errors), `idempotency.rs` (B-WIRE-10), `paging.rs` (B-WIRE-11/12), `enums.rs` (enum wire names); status codes and rendering are `server::http`'s |
//! | Caller identity (x-amz-chime-bearer) and who may do what | `bearer.rs` (B-AUTH-01/03), `identities.rs` (B-AUTH-04), `access.rs` (roles, B-AUTH-05/06) |
//! | Channels | `channels.rs`, `memberships.rs`, `roster.rs` (moderators, bans), `user_views.rs`, `member_settings.rs` (read markers, preferences) |
//! | Channel expiration | `expiration.rs` (settings, expiry index), `sweep.rs` (deletion after the lag) |
//! | Messages | `messages.rs`, `message_rules.rs` (sizes, persistence, visibility), `message_views.rs` |
//! | Listing messages | `listing.rs` |
//! | Channel flows | `flows.rs` (the flow resources), `flow_processing.rs` (pending, callbacks, status) |
//! | Elastic channels | `elastic.rs` |
//! | Real-time messaging sessions | `sessions.rs` (the endpoint, opening a session), `events.rs` (event types, the sink), `audience.rs` (who receives what), `push.rs` (what each operation pushes), `prefetch.rs` (CHANNEL_DETAILS) |
//!
//! The other operations: `app_instances.rs`, `users.rs`, `bots.rs`, `admins.rs`,
//! `user_endpoints.rs`, `tags.rs`, `streaming.rs`. The machinery: `instances.rs`
//! (the `Domain` and its locks), `records.rs` (what is stored), `message_log.rs` and `sharded.rs`
//! (what grows with every message), `channel_views.rs` and `message_views.rs` (records as the model
//! shapes them), `context.rs` (what a handler sees), `args.rs`, `output.rs`, `ids.rs`,
//! `clock.rs`, `quotas.rs`, and `control.rs` (what the test-control protocol reaches).

mod access;
mod admins;
mod app_instances;
mod args;
mod audience;
mod bearer;
mod bots;
mod channel_views;
mod channels;
mod clock;
mod context;
mod control;
mod dispatch;
mod elastic;
mod enums;
mod error;
mod events;
mod expiration;
#[cfg(test)]
mod fixture;
mod flow_processing;
mod flows;
mod idempotency;
mod identities;
mod ids;
mod instances;
mod listing;
mod member_settings;
mod memberships;
mod message_log;
mod message_rules;
mod message_views;
mod messages;
mod output;
mod paging;
mod pipeline;
mod prefetch;
mod push;
pub mod quotas;
mod records;
mod roster;
mod sessions;
mod sharded;
mod streaming;
mod sweep;
mod tags;
mod user_endpoints;
mod user_views;
mod users;

pub use bearer::require_bearer;
pub use clock::Clock;
pub use error::ApiError;
pub use events::{CHANNEL_DETAILS_MEMBERS, Event, EventSink, EventType, PayloadShape};
pub use ids::{ACCOUNT, ARN_PREFIX, ChimeArn, Kind as ArnKind, parse as parse_arn};
pub use instances::Domain;
pub use paging::DEFAULT_PAGE;
pub use prefetch::{MAX_CHANNELS as MAX_PREFETCHED_CHANNELS, PrefetchSort};
pub use sessions::NotAUser;
