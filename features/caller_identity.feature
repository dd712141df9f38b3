Feature: Caller identity (x-amz-chime-bearer) and who may do what
  Channel, message, membership, moderator and ban operations name their caller in the
  x-amz-chime-bearer header: an AppInstanceUser or AppInstanceBot of the AppInstance. What
  the caller may do follows the developer guide's role matrix.

  Background:
    Given the users alice, bob and carol
    And a PRIVATE channel "general" created by alice with member bob

  @B-AUTH-01 @B-AUTH-03 @observed @op:SendChannelMessage
  Scenario: Sending a message without a bearer is an UnauthorizedClientException
    When SendChannelMessage is called with no bearer
      """
      {"ChannelArn": "{general}", "Content": "who am I", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    Then the call fails with UnauthorizedClientException

  @B-AUTH-01 @B-AUTH-03 @observed @op:PutChannelExpirationSettings
  Scenario: PutChannelExpirationSettings needs the bearer although the model marks it optional
    When PutChannelExpirationSettings is called with no bearer
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call fails with UnauthorizedClientException

  @B-AUTH-03 @observed @op:ListChannelMessages
  Scenario: A bearer that is not a user of the AppInstance is an UnauthorizedClientException
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "ChimeBearer": "{app}/user/nobody"}
      """
    Then the call fails with UnauthorizedClientException

  @B-AUTH-02 @model @op:CreateChannelFlow @op:DescribeChannelFlow @op:ListChannelFlows
  Scenario: Channel-flow operations take no bearer
    Given a channel flow "moderation" whose processor falls back to CONTINUE
    When DescribeChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    Then the call succeeds
    And the response field "/ChannelFlow/Name" is "moderation"
    When ListChannelFlows is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response field "/ChannelFlows" has 1 item

  @B-AUTH-02 @model @op:GetMessagingSessionEndpoint
  Scenario: GetMessagingSessionEndpoint takes no bearer
    When GetMessagingSessionEndpoint is called
    Then the call succeeds
    And the response field "/Endpoint/Url" is not empty

  @B-AUTH-04 @observed @op:CreateChannelMembership
  Scenario: Adding a member whose ARN names no user is a ForbiddenException
    When alice calls CreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{app}/user/ghost", "Type": "DEFAULT"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-CH-04 @assumed @op:ListChannelMessages
  Scenario: A non-member may not list the messages of a PRIVATE channel
    When carol calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @assumed @op:CreateChannelModerator
  Scenario: A member may not do a moderator's act
    When bob calls CreateChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{bob}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-06 @doc @op:UpdateChannelMessage
  Scenario: A member may not edit another member's message
    Given alice sent "mine" to "general" as "m1"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "yours now"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-06 @doc @op:RedactChannelMessage
  Scenario: A member may redact their own message but not another's
    Given alice sent "from alice" to "general" as "m1"
    And bob sent "from bob" to "general" as "m2"
    When bob calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails with ForbiddenException
    When bob calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m2}"}
      """
    Then the call succeeds

  @B-AUTH-06 @doc @op:RedactChannelMessage
  Scenario: A moderator may redact any message
    Given carol is a moderator of "general"
    And bob sent "from bob" to "general" as "m1"
    When carol calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds

  @B-AUTH-06 @doc @op:DeleteChannelMessage
  Scenario: Only an AppInstanceAdmin may delete a message, not even the channel's moderator
    Given bob sent "to delete" to "general" as "m1"
    When alice calls DeleteChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails with ForbiddenException
    Given carol is an AppInstanceAdmin
    When carol calls DeleteChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds

  @B-AUTH-06 @doc @op:UpdateChannel @op:DeleteChannel
  Scenario: A member may neither update nor delete the channel
    When bob calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "renamed by bob"}
      """
    Then the call fails with ForbiddenException
    When bob calls DeleteChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-06 @doc @op:UpdateChannel
  Scenario: A moderator may update the channel
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "renamed", "Metadata": "m"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"

  @B-AUTH-06 @doc @op:SendChannelMessage
  Scenario: An AppInstanceAdmin must be a member before sending
    Given carol is an AppInstanceAdmin
    When carol sends "admin speaking" to "general"
    Then the call fails with ForbiddenException
    When alice adds carol to "general"
    Then the call succeeds
    When carol sends "admin speaking" to "general"
    Then the call succeeds

  @B-AUTH-06 @doc @op:CreateChannelModerator
  Scenario: A moderator needs a membership before being made moderator
    When alice calls CreateChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{carol}"}
      """
    Then the call fails
