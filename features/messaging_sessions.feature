Feature: Messaging sessions (WebSocket)
  A client learns where to connect from GetMessagingSessionEndpoint, a bare host name. It opens
  a WebSocket to wss://{Url}/connect, presigned with SigV4 for the AppInstanceUser it acts as
  (userArn) with a sessionId of its own. Once SESSION_ESTABLISHED arrives, the session
  receives what happens in the user's channels: messages, channel changes, membership
  changes. Each frame is a JSON object whose Headers name the event type and the message
  type, and whose Payload is a JSON document in a string, with ISO-8601 timestamps.

  A check that a user receives something holds for each of the user's sessions, within 5
  seconds. A check that a user receives nothing is judged once 1 second has passed since the
  scenario's last call was answered. Every frame any session receives is checked against the
  documents: its envelope, and its payload against the model's shape for the event.

  Background:
    Given the users alice, bob and carol
    And a PRIVATE channel "general" created by alice with members bob

  # Connecting

  @B-WS-01 @doc @op:GetMessagingSessionEndpoint
  Scenario: The session endpoint is a host name, without scheme or path
    When GetMessagingSessionEndpoint is called
    Then the call succeeds
    And the response field "/Endpoint/Url" is a host name without scheme or path

  @B-WS-02 @B-WS-04 @doc @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario: A user connects with a presigned URL and the session is established
    When bob connects
    Then bob receives a SESSION_ESTABLISHED
    And that event's message type is SYSTEM
    And that event has no payload
    And bob has received 1 SESSION_ESTABLISHED

  @B-WS-02 @assumed @needs:messaging-session @op:GetMessagingSessionEndpoint @op:SendChannelMessage
  Scenario: Each connection has its own sessionId, and each session of a user receives the channel's messages
    Given bob is connected on two devices
    When alice sends "to every device" to "general" as "m1"
    Then bob receives a CREATE_CHANNEL_MESSAGE for "m1"

  @B-WS-02 @B-WS-04 @assumed @needs:messaging-session @op:GetMessagingSessionEndpoint @op:SendChannelMessage
  Scenario: After a user disconnects, a new session does not replay what was sent meanwhile
    Given bob is connected
    When bob disconnects
    And alice sends "while bob was away" to "general" as "m1"
    And bob is connected
    Then bob receives nothing about "m1"

  # Frames

  @B-WS-03 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: A channel message arrives as a text frame with both headers and the message in a string Payload
    Given bob is connected
    When alice sends "hello" to "general" as "m1"
    Then bob receives a CREATE_CHANNEL_MESSAGE for "m1"
    And that event's message type is STANDARD
    And that event's payload contains:
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "hello", "Type": "STANDARD",
       "Persistence": "PERSISTENT", "Sender": {"Arn": "{alice}", "Name": "alice"}}
      """

  @B-WS-03 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: A CONTROL message's frame has the message type CONTROL
    Given bob is connected
    When alice calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "typing", "Type": "CONTROL", "Persistence": "NON_PERSISTENT"}
      """
    And the response field "/MessageId" is remembered as "c1"
    Then bob receives a CREATE_CHANNEL_MESSAGE for "c1"
    And that event's message type is CONTROL

  @B-WS-03 @doc @needs:messaging-session @op:UpdateChannel
  Scenario: Everything that is not a channel message has the message type SYSTEM
    Given bob is connected
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "general chat", "Mode": "RESTRICTED"}
      """
    Then bob receives an UPDATE_CHANNEL for "general"
    And that event's message type is SYSTEM

  # Channel messages

  @B-WS-05 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: The members receive a new message; a user who is not a member receives nothing about it
    Given alice is connected
    And bob is connected
    And carol is connected
    When bob sends "members only" to "general" as "m1"
    Then alice receives a CREATE_CHANNEL_MESSAGE for "m1"
    And bob receives a CREATE_CHANNEL_MESSAGE for "m1"
    And carol receives nothing about "m1"

  @B-WS-05 @doc @needs:messaging-session @op:UpdateChannelMessage @op:RedactChannelMessage @op:DeleteChannelMessage
  Scenario: Edits, redactions and deletions reach the members with the message as it now is
    Given alice is an AppInstanceAdmin
    And alice sent "first draft" to "general" as "m1"
    And bob is connected
    When alice calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "second draft"}
      """
    Then bob receives an UPDATE_CHANNEL_MESSAGE for "m1"
    And that event's payload field "/Content" is "second draft"
    When alice calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then bob receives a REDACT_CHANNEL_MESSAGE for "m1"
    And that event's payload contains:
      """
      {"MessageId": "{m1}", "Redacted": true}
      """
    And that event's payload field "/Content" is empty
    When alice calls DeleteChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then bob receives a DELETE_CHANNEL_MESSAGE for "m1"

  @B-WS-05 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: An AppInstanceAdmin who is not a member of the channel receives nothing about it
    Given carol is an AppInstanceAdmin
    And carol is connected
    When bob sends "not for admins" to "general" as "m1"
    Then carol receives nothing about "m1"

  @B-WS-06 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: A NON_PERSISTENT message reaches the members connected at that moment, and no one later
    Given bob is connected
    When alice calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "now or never", "Type": "STANDARD", "Persistence": "NON_PERSISTENT"}
      """
    And the response field "/MessageId" is remembered as "m1"
    Then bob receives a CREATE_CHANNEL_MESSAGE for "m1"
    And that event's payload field "/Persistence" is "NON_PERSISTENT"
    When alice is connected with prefetch
    Then alice receives a CHANNEL_DETAILS for "general"
    And that event's payload field "/ChannelMessages" is empty
    And alice receives nothing about "m1"

  @B-WS-07 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: A targeted message reaches only its target and its sender
    Given alice added carol to "general"
    And alice is connected
    And bob is connected
    And carol is connected
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "just for you", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Target": [{"MemberArn": "{carol}"}]}
      """
    And the response field "/MessageId" is remembered as "m1"
    Then carol receives a CREATE_CHANNEL_MESSAGE for "m1"
    And that event's payload contains:
      """
      {"Target": [{"MemberArn": "{carol}"}]}
      """
    And bob receives a CREATE_CHANNEL_MESSAGE for "m1"
    And alice receives nothing about "m1"

  # Channel flows

  @B-WS-08 @doc @needs:messaging-session @needs:flow-events @op:SendChannelMessage @op:ChannelFlowCallback
  Scenario: A message held by a flow is PENDING for its sender alone until the processor lets it through
    Given a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    And alice is connected
    And bob is connected
    When bob sends "needs review" to "general" as "m1"
    Then bob receives a PENDING_CREATE_CHANNEL_MESSAGE for "m1"
    And that event's payload field "/Status/Value" is "PENDING"
    And alice receives nothing about "m1"
    When the processor answers "m1" in "general" with:
      """
      {"ChannelMessage": {"Content": "reviewed"}}
      """
    Then alice receives a CREATE_CHANNEL_MESSAGE for "m1"
    And that event's payload field "/Content" is "reviewed"
    And bob receives a CREATE_CHANNEL_MESSAGE for "m1"

  @B-WS-08 @doc @needs:messaging-session @needs:flow-events @op:UpdateChannelMessage
  Scenario: An edit held by a flow is PENDING_UPDATE for its sender alone
    Given bob sent "before the flow" to "general" as "m1"
    And a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    And alice is connected
    And bob is connected
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "edited under the flow"}
      """
    Then bob receives a PENDING_UPDATE_CHANNEL_MESSAGE for "m1"
    And alice receives no UPDATE_CHANNEL_MESSAGE for "m1"
    And alice receives no PENDING_UPDATE_CHANNEL_MESSAGE for "m1"

  @B-WS-08 @doc @needs:messaging-session @needs:flow-events @op:ChannelFlowCallback
  Scenario: A message the processor denies is DENIED for its sender alone
    Given a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    And alice is connected
    And bob is connected
    When bob sends "spam" to "general" as "m1"
    And the processor answers "m1" in "general" with:
      """
      {"DeleteResource": true}
      """
    Then bob receives a DENIED_CREATE_CHANNEL_MESSAGE for "m1"
    And alice receives nothing about "m1"

  @B-WS-08 @doc @needs:messaging-session @needs:processor-reachability @op:SendChannelMessage
  Scenario: A message an unreachable processor fails is FAILED for its sender alone
    Given a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    And the processor of "moderation" is unreachable
    And alice is connected
    And bob is connected
    When bob sends "lost" to "general" as "m1"
    Then bob receives a FAILED_CREATE_CHANNEL_MESSAGE for "m1"
    And alice receives nothing about "m1"

  @B-WS-08 @doc @needs:messaging-session @needs:flow-events @op:UpdateChannelMessage @op:ChannelFlowCallback
  Scenario: An edit the processor denies is DENIED_UPDATE for its sender alone
    Given bob sent "before the flow" to "general" as "m1"
    And a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    And alice is connected
    And bob is connected
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "rude edit"}
      """
    And the processor answers "m1" in "general" with:
      """
      {"DeleteResource": true}
      """
    Then bob receives a DENIED_UPDATE_CHANNEL_MESSAGE for "m1"
    And alice receives nothing about "m1"

  @B-WS-08 @doc @needs:messaging-session @needs:processor-reachability @op:UpdateChannelMessage
  Scenario: An edit an unreachable processor fails is FAILED_UPDATE for its sender alone
    Given bob sent "before the flow" to "general" as "m1"
    And a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    And the processor of "moderation" is unreachable
    And alice is connected
    And bob is connected
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "lost edit"}
      """
    Then bob receives a FAILED_UPDATE_CHANNEL_MESSAGE for "m1"
    And alice receives nothing about "m1"

  # Channel and membership changes

  @B-WS-09 @doc @needs:messaging-session @op:UpdateChannel @op:DeleteChannel
  Scenario: Channel changes reach the members with the channel as payload
    Given bob is connected
    And carol is connected
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "renamed", "Mode": "RESTRICTED", "Metadata": "new topic"}
      """
    Then bob receives an UPDATE_CHANNEL for "general"
    And that event's payload contains:
      """
      {"ChannelArn": "{general}", "Name": "renamed", "Metadata": "new topic", "Privacy": "PRIVATE"}
      """
    When alice calls DeleteChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then bob receives a DELETE_CHANNEL for "general"
    And carol receives nothing about "general"

  @B-WS-09 @doc @needs:messaging-session @op:CreateChannelMembership @op:DeleteChannelMembership
  Scenario: Membership changes reach the members with the membership as payload
    Given bob is connected
    When alice adds carol to "general"
    Then bob receives a CREATE_CHANNEL_MEMBERSHIP for "carol"
    And that event's payload contains:
      """
      {"ChannelArn": "{general}", "Type": "DEFAULT", "Member": {"Arn": "{carol}", "Name": "carol"},
       "InvitedBy": {"Arn": "{alice}"}}
      """
    When alice calls DeleteChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then bob receives a DELETE_CHANNEL_MEMBERSHIP for "carol"

  @B-WS-09 @doc @needs:messaging-session @op:BatchCreateChannelMembership
  Scenario: A batch of new members reaches the members as one BATCH_CREATE_CHANNEL_MEMBERSHIP
    Given the users dave and erin
    And bob is connected
    When alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArns": ["{dave}", "{erin}"], "Type": "DEFAULT"}
      """
    Then the call succeeds
    And bob receives a BATCH_CREATE_CHANNEL_MEMBERSHIP for "dave"
    And that event's payload field "/Members" has 2 items
    And that event's payload contains:
      """
      {"ChannelArn": "{general}", "Type": "DEFAULT", "InvitedBy": {"Arn": "{alice}"}}
      """

  @B-WS-09 @doc @needs:messaging-session @op:CreateChannelMembership @op:SendChannelMessage
  Scenario: A user added to a channel receives its messages from then on
    Given carol is connected
    And alice sent "before carol" to "general" as "m0"
    When alice adds carol to "general"
    And bob sends "welcome carol" to "general" as "m1"
    Then carol receives a CREATE_CHANNEL_MESSAGE for "m1"
    And carol receives nothing about "m0"

  # Elastic channels

  @B-WS-10 @doc @needs:messaging-session @op:CreateChannelMembership @op:SendChannelMessage @op:ListSubChannels @op:ListChannelMemberships
  Scenario: In an elastic channel a message reaches the members of its sub-channel, with its SubChannelId
    Given the user dave
    And an elastic channel "big" created by alice
    And alice added bob, carol and dave to "big"
    And bob is connected
    And carol is connected
    And dave is connected
    When bob sends "hello sub-channel" to their sub-channel of "big" as "m1"
    Then the members of bob's sub-channel of "big" receive a CREATE_CHANNEL_MESSAGE for "m1" with its SubChannelId
    And the members of "big" outside bob's sub-channel receive nothing about "m1"

  @B-WS-10 @doc @needs:messaging-session @op:BatchCreateChannelMembership @op:ListSubChannels @op:ListChannelMemberships
  Scenario: In an elastic channel a batch of new members arrives as one CREATE_CHANNEL_MEMBERSHIP each
    Given the user dave
    And an elastic channel "big" created by alice
    And alice added bob to "big"
    And bob is connected
    And carol is connected
    And dave is connected
    When alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{big}", "MemberArns": ["{carol}", "{dave}"], "Type": "DEFAULT"}
      """
    Then the call succeeds
    And the members of carol's sub-channel of "big" receive a CREATE_CHANNEL_MEMBERSHIP for "carol" with its SubChannelId
    And the members of dave's sub-channel of "big" receive a CREATE_CHANNEL_MEMBERSHIP for "dave" with its SubChannelId
    And no session receives a BATCH_CREATE_CHANNEL_MEMBERSHIP

  # Prefetch

  @B-WS-11 @doc @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario: With prefetch, a session receives the details of each of the user's channels after SESSION_ESTABLISHED
    Given a PRIVATE channel "random" created by bob
    And bob sent "a" to "general"
    And alice sent "b" to "general"
    And bob sent "c" to "general"
    When bob is connected with prefetch
    Then bob receives these events in this order:
      | event               | for     |
      | SESSION_ESTABLISHED |         |
      | CHANNEL_DETAILS     | general |
    And that event's message type is SYSTEM
    And that event's messages are "c", "b" and "a"
    And that event's payload contains:
      """
      {"Channel": {"ChannelArn": "{general}", "Name": "general", "Privacy": "PRIVATE", "Mode": "RESTRICTED"},
       "ChannelMessagesHasMore": false}
      """
    And that event's payload field "/ChannelMemberships" has 2 items
    And bob receives a CHANNEL_DETAILS for "random"
    And bob has received 2 CHANNEL_DETAILS

  @B-WS-11 @doc @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario: A prefetch holds the latest 20 messages and says there are more
    Given bob sent 21 messages to "general"
    When bob is connected with prefetch
    Then bob receives a CHANNEL_DETAILS for "general"
    And that event's payload field "/ChannelMessages" has 20 items
    And that event's payload contains:
      """
      {"ChannelMessagesHasMore": true}
      """
    And that event's payload field "/ChannelMessages/0/Content" is "message 21"
    And that event's payload field "/ChannelMessages/19/Content" is "message 2"

  @B-WS-11 @doc @needs:messaging-session @op:SendChannelMessage
  Scenario: A prefetch leaves out the targeted messages the user may not see, and the channels they are not in
    Given alice added carol to "general"
    And alice sent "for everyone" to "general"
    And a PRIVATE channel "elsewhere" created by bob
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "for carol", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Target": [{"MemberArn": "{carol}"}]}
      """
    And alice is connected with prefetch
    Then alice receives a CHANNEL_DETAILS for "general"
    And that event's messages are "for everyone"
    And alice receives nothing about "elsewhere"

  @B-WS-11 @doc @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario: Without prefetch a session receives no channel details
    When bob is connected
    Then bob receives no CHANNEL_DETAILS

  @B-WS-11 @sdk @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario Outline: A prefetch may be sorted by <sort>
    When bob is connected with prefetch sorted by <sort>
    Then bob receives a CHANNEL_DETAILS for "general"

    Examples:
      | sort                   |
      | unread                 |
      | last-message-timestamp |

  # Closing

  @B-WS-12 @observed @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario: A session for a user that does not exist is accepted, then closed with 4401
    When ghost connects with the userArn "{app}/user/ghost"
    Then ghost's session is closed with 4401 "Unauthorized"
    And ghost receives no SESSION_ESTABLISHED

  @B-WS-12 @observed @needs:messaging-session @op:GetMessagingSessionEndpoint
  Scenario: A session for an ARN that is not an AppInstanceUser is closed with 4401
    When ghost connects with the userArn "{app}"
    Then ghost's session is closed with 4401 "Unauthorized"

  # Order

  @B-WS-13 @assumed @needs:messaging-session @op:SendChannelMessage
  Scenario: A channel's messages reach each session in the order they were sent
    Given alice is connected
    And bob is connected
    When bob sends "one" to "general" as "m1"
    And alice sends "two" to "general" as "m2"
    And bob sends "three" to "general" as "m3"
    And alice sends "four" to "general" as "m4"
    And bob sends "five" to "general" as "m5"
    Then alice receives CREATE_CHANNEL_MESSAGE for "m1", "m2", "m3", "m4" and "m5" in this order
    And bob receives CREATE_CHANNEL_MESSAGE for "m1", "m2", "m3", "m4" and "m5" in this order

  @B-WS-13 @assumed @needs:messaging-session @op:UpdateChannelMessage @op:RedactChannelMessage
  Scenario: What happens to one message reaches a session in the order it happened
    Given bob is connected
    When alice sends "draft" to "general" as "m1"
    And alice calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "final"}
      """
    And alice calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then bob receives these events in this order:
      | event                  | for |
      | CREATE_CHANNEL_MESSAGE | m1  |
      | UPDATE_CHANNEL_MESSAGE | m1  |
      | REDACT_CHANNEL_MESSAGE | m1  |

  # Timestamps

  @B-WS-14 @observed @needs:messaging-session @op:SendChannelMessage @op:GetChannelMessage
  Scenario: Timestamps in payloads are ISO-8601 strings, the same instants as the REST API's
    Given bob is connected
    When alice sends "what time is it" to "general" as "m1"
    Then bob receives a CREATE_CHANNEL_MESSAGE for "m1"
    And that event's payload field "/CreatedTimestamp" is an ISO-8601 time within 900 seconds of now
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then that event's payload field "/CreatedTimestamp" is the time of the response field "/ChannelMessage/CreatedTimestamp"
    And that event matches the snapshot "create channel message"
