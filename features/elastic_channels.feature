Feature: Elastic channels
  An elastic channel spreads its members over SubChannels that the service creates and fills.
  Its configuration is fixed at creation; members are placed by the service; messages name
  the SubChannel they go to.

  Background:
    Given the users alice, bob and carol

  @B-EL-01 @doc @op:CreateChannel @op:DescribeChannel
  Scenario: An elastic channel keeps its configuration
    Given an elastic channel "big" created by alice
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{big}"}
      """
    Then the call succeeds
    And the response field "/Channel/ElasticChannelConfiguration" equals {"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10}

  @B-EL-01 @doc @op:CreateChannel
  Scenario: An elastic channel can't be UNRESTRICTED
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "open", "Mode": "UNRESTRICTED",
       "ElasticChannelConfiguration": {"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10}}
      """
    Then the call fails with BadRequestException

  @B-EL-01 @doc @op:CreateChannel
  Scenario: An elastic channel takes no MemberArns at creation
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "prefilled", "MemberArns": ["{bob}"],
       "ElasticChannelConfiguration": {"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10}}
      """
    Then the call fails with BadRequestException

  @B-EL-01 @doc @op:CreateChannel
  Scenario Outline: CreateChannel rejects an elastic configuration with <what>
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "bad elastic", "ElasticChannelConfiguration": <configuration>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                                | configuration                                                                              |
      | one sub-channel                     | {"MaximumSubChannels": 1, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10} |
      | one membership per sub-channel      | {"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 1, "MinimumMembershipPercentage": 10} |
      | a minimum membership of 41 percent  | {"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 41} |
      | a minimum membership of 0 percent   | {"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 0}  |

  @B-EL-01 @doc @op:DescribeChannelModerator @op:DescribeChannelMembership
  Scenario: The creator of an elastic channel is a moderator but not a member
    Given an elastic channel "big" created by alice
    When alice calls DescribeChannelModerator
      """
      {"ChannelArn": "{big}", "ChannelModeratorArn": "{alice}"}
      """
    Then the call succeeds
    When alice calls ListChannelMemberships
      """
      {"ChannelArn": "{big}"}
      """
    Then the call succeeds
    And the response field "/ChannelMemberships" is empty

  @B-EL-02 @doc @op:CreateChannelMembership @op:ListSubChannels
  Scenario: The service places a regular member in a SubChannel
    Given an elastic channel "big" created by alice
    When alice adds bob to "big"
    Then the call succeeds
    And the response field "/SubChannelId" is not empty
    When alice calls ListSubChannels
      """
      {"ChannelArn": "{big}"}
      """
    Then the call succeeds
    And the response field "/SubChannels/0/SubChannelId" is not empty
    And the response field "/SubChannels/0/MembershipCount" equals 1

  @B-EL-02 @doc @op:CreateChannelMembership
  Scenario: A SubChannelId may not be passed for a regular membership
    Given an elastic channel "big" created by alice
    When alice calls CreateChannelMembership
      """
      {"ChannelArn": "{big}", "MemberArn": "{bob}", "Type": "DEFAULT", "SubChannelId": "chosen"}
      """
    Then the call fails with BadRequestException

  @B-EL-02 @doc @op:SendChannelMessage
  Scenario: Sending in an elastic channel needs a SubChannelId
    Given an elastic channel "big" created by alice
    When alice adds bob to "big"
    And the response field "/SubChannelId" is remembered as "sub"
    And bob sends "no sub-channel" to "big"
    Then the call fails with BadRequestException
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{big}", "SubChannelId": "{sub}", "Content": "in my sub-channel", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    Then the call succeeds
    And the response field "/SubChannelId" is "{sub}"

  @B-EL-03 @doc @op:UpdateChannel
  Scenario: The configuration can't be changed later: UpdateChannel has no such member
    Given an elastic channel "big" created by alice
    Then the operation UpdateChannel has no input member ElasticChannelConfiguration
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{big}", "Name": "renamed"}
      """
    And alice calls DescribeChannel
      """
      {"ChannelArn": "{big}"}
      """
    Then the response field "/Channel/ElasticChannelConfiguration/MaximumSubChannels" equals 2

  @B-EL-03 @doc @op:UpdateChannel
  Scenario: A regular channel can't become elastic
    Given a PRIVATE channel "small" created by alice
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{small}", "Name": "still small"}
      """
    And alice calls DescribeChannel
      """
      {"ChannelArn": "{small}"}
      """
    Then the response field "/Channel/ElasticChannelConfiguration" is absent
