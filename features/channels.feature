Feature: Channels
  A channel belongs to an AppInstance. Its mode (RESTRICTED or UNRESTRICTED) decides who may
  add members; its privacy (PUBLIC or PRIVATE) decides who may find it and read it.

  Background:
    Given the users alice, bob and carol

  @B-CH-01 @doc @op:CreateChannel
  Scenario: CreateChannel returns the new channel's ARN, making up an id when none is given
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "no id", "Mode": "RESTRICTED", "Privacy": "PRIVATE"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is not empty

  @B-CH-01 @doc @op:CreateChannel
  Scenario: CreateChannel uses the ChannelId it is given
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "with id", "ChannelId": "my-channel-1"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{app}/channel/my-channel-1"

  @B-CH-02 @doc @op:UpdateChannel
  Scenario: Privacy can't be changed after creation: UpdateChannel has no Privacy member
    Given a PRIVATE channel "general" created by alice
    Then the operation UpdateChannel has no input member Privacy
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "renamed", "Mode": "UNRESTRICTED"}
      """
    And alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/Privacy" is "PRIVATE"

  @B-CH-03 @doc @op:CreateChannelMembership
  Scenario: In a RESTRICTED channel a member may not add others
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When bob adds carol to "general"
    Then the call fails with ForbiddenException

  @B-CH-03 @doc @op:CreateChannelMembership
  Scenario: In an UNRESTRICTED channel a member may add others
    Given an UNRESTRICTED PRIVATE channel "general" created by alice with member bob
    When bob adds carol to "general"
    Then the call succeeds
    And the response field "/Member/Arn" is "{carol}"

  @B-CH-03 @doc @op:CreateChannelMembership
  Scenario: In an UNRESTRICTED channel a non-member may not add themselves
    Given an UNRESTRICTED PUBLIC channel "lobby" created by alice with member bob
    When carol adds carol to "lobby"
    Then the call fails with ForbiddenException

  @B-CH-04 @doc @op:ListChannelMessages @op:SendChannelMessage
  Scenario: A non-member may read a PUBLIC channel but must join to send
    Given a PUBLIC channel "news" created by alice
    And alice sent "headline" to "news"
    When carol calls ListChannelMessages
      """
      {"ChannelArn": "{news}"}
      """
    Then the call succeeds
    And the listed messages are "headline"
    When carol sends "comment" to "news"
    Then the call fails with ForbiddenException

  @B-CH-04 @doc @op:ListChannels
  Scenario: PUBLIC channels are discoverable by everyone in the AppInstance
    Given a PUBLIC channel "news" created by alice
    And a PRIVATE channel "secret" created by alice
    When carol calls ListChannels
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response field "/Channels" has 1 item
    And the response field "/Channels/0/ChannelArn" is "{news}"

  @B-CH-04 @doc @op:SendChannelMessage
  Scenario: Only members send to a PRIVATE channel
    Given a PRIVATE channel "secret" created by alice with member bob
    When bob sends "psst" to "secret"
    Then the call succeeds
    When carol sends "psst" to "secret"
    Then the call fails with ForbiddenException

  @B-CH-05 @doc @op:DescribeChannelMembership @op:DescribeChannelModerator
  Scenario: The creator of a channel is a member and a moderator
    Given a PRIVATE channel "general" created by alice
    When alice calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{alice}"}
      """
    Then the call succeeds
    And the response field "/ChannelMembership/Member/Arn" is "{alice}"
    When alice calls DescribeChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{alice}"}
      """
    Then the call succeeds
    And the response field "/ChannelModerator/Moderator/Arn" is "{alice}"

  @B-CH-06 @B-EXP-01 @doc @op:CreateChannel @op:DescribeChannel
  Scenario: DescribeChannel returns what the channel was created with
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "described", "Mode": "UNRESTRICTED", "Privacy": "PUBLIC",
       "Metadata": "some metadata",
       "ExpirationSettings": {"ExpirationDays": 7, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "described"
    And alice calls DescribeChannel
      """
      {"ChannelArn": "{described}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Channel": {
        "Name": "described", "ChannelArn": "{described}", "Mode": "UNRESTRICTED",
        "Privacy": "PUBLIC", "Metadata": "some metadata",
        "CreatedBy": {"Arn": "{alice}"},
        "ExpirationSettings": {"ExpirationDays": 7, "ExpirationCriterion": "CREATED_TIMESTAMP"}
      }}
      """
    And the response field "/Channel/CreatedTimestamp" is present
    And the response field "/Channel/LastUpdatedTimestamp" is present

  @B-CH-07 @B-CH-09 @doc @op:DeleteChannel @op:DescribeChannel
  Scenario: A deleted channel is gone at once
    Given a PRIVATE channel "general" created by alice with member bob
    When alice calls DeleteChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the channel "general" has been deleted

  @B-CH-07 @B-CH-09 @doc @op:ListChannelMemberships
  Scenario: A deleted channel's memberships are inaccessible at once
    Given a PRIVATE channel "general" created by alice with member bob
    When alice calls DeleteChannel
      """
      {"ChannelArn": "{general}"}
      """
    And bob calls ListChannelMemberships
      """
      {"ChannelArn": "{general}"}
      """
    Then the call fails with ForbiddenException

  @B-CH-09 @assumed @op:GetChannelMessage
  Scenario: A message of a deleted channel is NotFound where the operation models it
    Given a PRIVATE channel "general" created by alice
    And alice sent "hello" to "general" as "m1"
    When alice calls DeleteChannel
      """
      {"ChannelArn": "{general}"}
      """
    And alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails with NotFoundException

  @B-CH-08 @model @op:CreateChannel
  Scenario Outline: CreateChannel rejects <what>
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", <member>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                          | member                                       |
      | Metadata over 1024 characters | "Name": "n", "Metadata": "{m*1025}"          |
      | an empty Name                 | "Name": ""                                   |
      | a Name over 256 characters    | "Name": "{n*257}"                            |
      | a ChannelId over 64           | "Name": "n", "ChannelId": "{c*65}"           |
      | a ChannelId off the pattern   | "Name": "n", "ChannelId": "-starts-with-dash" |
      | an unknown Privacy            | "Name": "n", "Privacy": "SECRET"             |

  @B-CH-08 @model @op:CreateChannel
  Scenario: CreateChannel accepts Metadata of exactly 1024 characters and a 256-character Name
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "{n*256}", "Metadata": "{m*1024}"}
      """
    Then the call succeeds

  @B-CH-08 @model @op:CreateChannel
  Scenario: CreateChannel rejects more than 10 MemberArns
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "crowded",
       "MemberArns": ["{bob}", "{bob}", "{bob}", "{bob}", "{bob}", "{bob}", "{bob}", "{bob}", "{bob}", "{bob}", "{bob}"]}
      """
    Then the call fails with BadRequestException

  @B-CH-08 @model @op:UpdateChannel
  Scenario: UpdateChannel rejects Metadata over 1024 characters
    Given a PRIVATE channel "general" created by alice
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "n", "Metadata": "{m*1025}"}
      """
    Then the call fails with BadRequestException

  @B-CH-10 @doc @op:CreateChannelBan @op:ListChannelMemberships
  Scenario: A banned user is removed from the channel and can't be added again
    Given a PRIVATE channel "general" created by alice with member bob
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call succeeds
    When alice calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call fails
    When alice adds bob to "general"
    Then the call fails

  @B-CH-10 @doc @op:CreateChannelBan @op:DeleteChannelBan
  Scenario: After the ban is deleted the user can be added again
    Given a PRIVATE channel "general" created by alice with member bob
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    And alice calls DeleteChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call succeeds
    When alice adds bob to "general"
    Then the call succeeds

  @B-CH-10 @doc @op:CreateChannelBan
  Scenario: A moderator of the channel can't be banned
    Given a PRIVATE channel "general" created by alice
    And bob is a moderator of "general"
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call fails

  @B-CH-10 @doc @op:CreateChannelBan
  Scenario: An AppInstanceAdmin can't be banned
    Given carol is an AppInstanceAdmin
    And a PRIVATE channel "general" created by alice with member carol
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call fails
