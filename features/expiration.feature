Feature: Channel expiration (the 2023-03-23 update)
  A channel may expire a number of days after its creation or after its last message. A
  background process deletes expired channels some time later; until then they appear
  active and their settings can still change. Scenarios that need days to pass use the
  target's virtual clock and run its sweeper (test-control protocol).

  Background:
    Given the users alice and bob

  @B-EXP-01 @B-EXP-06 @doc @model @op:PutChannelExpirationSettings @op:DescribeChannel
  Scenario: PutChannelExpirationSettings returns the settings now in force, and DescribeChannel shows them
    Given a PRIVATE channel "general" created by alice
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}}
      """
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/ExpirationSettings" equals {"ExpirationDays": 30, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}

  @B-EXP-01 @doc @op:CreateChannel
  Scenario Outline: ExpirationDays may be anything from 1 to 5475
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "expiring", "ExpirationSettings": {"ExpirationDays": <days>, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call succeeds

    Examples:
      | days |
      | 1    |
      | 5475 |

  @B-EXP-01 @doc @op:CreateChannel
  Scenario Outline: CreateChannel rejects ExpirationDays of <days>
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "expiring", "ExpirationSettings": {"ExpirationDays": <days>, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call fails with BadRequestException

    Examples:
      | days |
      | 0    |
      | 5476 |

  @B-EXP-01 @doc @op:PutChannelExpirationSettings
  Scenario Outline: PutChannelExpirationSettings rejects <what>
    Given a PRIVATE channel "general" created by alice
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}", "ExpirationSettings": <settings>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                   | settings                                                             |
      | ExpirationDays of 0    | {"ExpirationDays": 0, "ExpirationCriterion": "CREATED_TIMESTAMP"}    |
      | ExpirationDays of 5476 | {"ExpirationDays": 5476, "ExpirationCriterion": "CREATED_TIMESTAMP"} |
      | an unknown criterion   | {"ExpirationDays": 1, "ExpirationCriterion": "FIRST_MESSAGE"}        |
      | a missing criterion    | {"ExpirationDays": 1}                                                |

  @B-EXP-01 @doc @op:PutChannelExpirationSettings
  Scenario: PutChannelExpirationSettings on a channel that does not exist is refused
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{app}/channel/no-such-channel", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call fails with ForbiddenException

  @B-EXP-04 @doc @op:PutChannelExpirationSettings @op:DescribeChannel
  Scenario: PutChannelExpirationSettings without settings removes them
    Given a PRIVATE channel "general" created by alice
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/ExpirationSettings" is empty
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/ExpirationSettings" is empty

  @B-EXP-04 @doc @needs:clock @needs:expiration @op:PutChannelExpirationSettings
  Scenario: A channel whose settings were removed no longer expires
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "kept", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "kept"
    And alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{kept}"}
      """
    And 3 days and the deletion lag pass
    And the expiration sweeper runs
    Then the sweeper did not delete "kept"
    And the channel "kept" still exists

  @B-EXP-02 @doc @needs:clock @needs:expiration @op:CreateChannel
  Scenario: An expired channel is deleted by the background process
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "short-lived", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "short-lived"
    And 1 day and the deletion lag pass
    And the expiration sweeper runs
    Then the sweeper deleted "short-lived"
    And the channel "short-lived" has been deleted

  @B-EXP-02 @doc @needs:clock @needs:expiration @op:CreateChannel
  Scenario: A channel that has not expired is not deleted
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "long-lived", "ExpirationSettings": {"ExpirationDays": 2, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "long-lived"
    And 1 day passes
    And the expiration sweeper runs
    Then the sweeper did not delete "long-lived"
    And the channel "long-lived" still exists

  @B-EXP-03 @doc @needs:clock @needs:expiration @op:PutChannelExpirationSettings @op:DescribeChannel
  Scenario: An expired channel not yet deleted appears active and honours new settings
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "reprieved", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "reprieved"
    And 1 day passes
    And 1 minute passes
    And the expiration sweeper runs
    Then the sweeper did not delete "reprieved"
    And the channel "reprieved" still exists
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{reprieved}", "ExpirationSettings": {"ExpirationDays": 3, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call succeeds
    When 1 day and the deletion lag pass
    And the expiration sweeper runs
    Then the sweeper did not delete "reprieved"
    And the channel "reprieved" still exists
    When 1 day and the deletion lag pass
    And the expiration sweeper runs
    Then the sweeper deleted "reprieved"

  @B-EXP-05 @doc @needs:clock @needs:expiration @op:SendChannelMessage
  Scenario: With LAST_MESSAGE_TIMESTAMP a new message pushes expiry back
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "chatty", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "chatty"
    And 20 hours pass
    And alice sends "still here" to "chatty"
    And 20 hours pass
    And the expiration sweeper runs
    Then the sweeper did not delete "chatty"
    And the channel "chatty" still exists
    When 1 day and the deletion lag pass
    And the expiration sweeper runs
    Then the sweeper deleted "chatty"

  @B-EXP-05 @doc @needs:clock @needs:expiration @op:SendChannelMessage
  Scenario: With CREATED_TIMESTAMP messages do not push expiry back
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "fixed", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And the response field "/ChannelArn" is remembered as "fixed"
    And 20 hours pass
    And alice sends "still here" to "fixed"
    And 4 hours pass
    And 0 days and the deletion lag pass
    And the expiration sweeper runs
    Then the sweeper deleted "fixed"
