Feature: How a client provokes each modelled error
  Every operation lists the errors it may answer. Besides those of quotas and service faults,
  a client provokes each of them by what it asks: an act its role does not allow, a resource
  that does not exist, a state that conflicts with the call. The scenarios here provoke those
  the other features do not; `catalogue/unprovokable-errors.txt` says which pairs no client
  can provoke, and why.

  Background:
    Given the users alice, bob and carol
    And a PRIVATE channel "general" created by alice with member bob

  # Acts a role does not allow: the developer guide's role table (roles by operation).

  @B-AUTH-05 @B-AUTH-06 @assumed @op:DescribeChannelBan
  Scenario: A member may not describe a ban
    Given alice added carol to "general"
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call succeeds
    When bob calls DescribeChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-AUTH-06 @assumed @op:DescribeChannelModerator
  Scenario: A member may not describe a moderator
    When bob calls DescribeChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{alice}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-AUTH-06 @assumed @op:DisassociateChannelFlow
  Scenario: A member may not disassociate a flow
    Given a channel flow "moderation" whose processor falls back to CONTINUE
    And alice associated the flow "moderation" with "general"
    When bob calls DisassociateChannelFlow
      """
      {"ChannelArn": "{general}", "ChannelFlowArn": "{moderation}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-AUTH-06 @assumed @op:DescribeChannelMembership
  Scenario: A non-member may not describe a membership of a PRIVATE channel
    When carol calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-AUTH-06 @assumed @op:BatchCreateChannelMembership
  Scenario: A member of a RESTRICTED channel may not add others
    Given a RESTRICTED PRIVATE channel "closed" created by alice
    And alice added bob to "closed"
    When bob calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{closed}", "MemberArns": ["{carol}"], "Type": "DEFAULT"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-AUTH-06 @assumed @op:ListChannels
  Scenario: Only an AppInstanceAdmin may list the PRIVATE channels
    When bob calls ListChannels
      """
      {"AppInstanceArn": "{app}", "Privacy": "PRIVATE"}
      """
    Then the call fails with ForbiddenException

  @B-AUTH-05 @B-AUTH-06 @assumed @op:ListChannelMembershipsForAppInstanceUser @op:ListChannelsModeratedByAppInstanceUser
  Scenario: A user who is not an AppInstanceAdmin may list only their own channels
    When bob calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the call fails with ForbiddenException
    When bob calls ListChannelsModeratedByAppInstanceUser
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the call fails with ForbiddenException

  # Resources that do not exist.

  @B-CH-09 @assumed @op:DescribeAppInstanceBot
  Scenario: Describing a bot that does not exist is a NotFoundException
    When DescribeAppInstanceBot is called
      """
      {"AppInstanceBotArn": "{app}/bot/no-such-bot"}
      """
    Then the call fails with NotFoundException

  @B-CH-09 @assumed @op:GetMessagingStreamingConfigurations
  Scenario: An AppInstance without streaming configurations has none to get
    When GetMessagingStreamingConfigurations is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call fails with NotFoundException

  @B-CH-09 @assumed @op:PutMessagingStreamingConfigurations
  Scenario: Streaming configurations can't be put on an AppInstance that does not exist
    When PutMessagingStreamingConfigurations is called
      """
      {"AppInstanceArn": "{app}-gone", "StreamingConfigurations": [{"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/conformance"}]}
      """
    Then the call fails with NotFoundException

  # States that conflict with the call.

  @B-CH-10 @assumed @op:CreateChannelBan
  Scenario: Banning a member who is already banned is a ConflictException
    Given alice added carol to "general"
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call succeeds
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call fails with ConflictException

  @B-FLOW-04 @assumed @op:ChannelFlowCallback
  Scenario: A callback for a message that no flow holds is a ConflictException
    Given bob sent "already sent" to "general" as "m1"
    When ChannelFlowCallback is called
      """
      {"CallbackId": "no-such-callback-0123456789abcdef0123", "ChannelArn": "{general}", "ChannelMessage": {"MessageId": "{m1}", "Content": "changed"}}
      """
    Then the call fails with ConflictException
