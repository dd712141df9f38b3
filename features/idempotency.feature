Feature: Idempotency tokens
  CreateChannel, SendChannelMessage and CreateChannelFlow take a ClientRequestToken, and
  ChannelFlowCallback a CallbackId. SDKs fill the token when the caller leaves it out. A retry
  with the same token and the same parameters must not create a second resource.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-WIRE-09 @model @op:CreateChannel
  Scenario: A CreateChannel without a token is completed by the client and succeeds
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "tokenless"}
      """
    Then the call succeeds

  @B-WIRE-09 @model @op:SendChannelMessage
  Scenario Outline: SendChannelMessage rejects a ClientRequestToken that is <what>
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "x", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "<token>"}
      """
    Then the call fails with BadRequestException

    Examples:
      | what            | token                |
      | one character   | a                    |
      | over 64         | {a*65}               |
      | off the pattern | has spaces in it     |

  @B-WIRE-10 @assumed @op:SendChannelMessage
  Scenario: Repeating SendChannelMessage with the same token returns the first message
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "once", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-1"}
      """
    And the response field "/MessageId" is remembered as "first"
    And bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "once", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-1"}
      """
    Then the call succeeds
    And the response field "/MessageId" is "{first}"
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the listed messages are "once"

  # The Chime SDK documents no lifetime for its tokens; 8 hours is the one most AWS services
  # document for theirs ("valid for 8 hours after the first request").
  @B-WIRE-10 @assumed @needs:clock @op:SendChannelMessage
  Scenario: A token is remembered for 8 hours, after which the same request is a new one
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "again", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-3"}
      """
    And the response field "/MessageId" is remembered as "first"
    And 7 hours pass
    And bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "again", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-3"}
      """
    Then the response field "/MessageId" is "{first}"
    When 1 hour passes
    And bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "again", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-3"}
      """
    Then the call succeeds
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the listed messages are "again" and "again"

  @B-WIRE-10 @assumed @op:SendChannelMessage
  Scenario: Reusing a token with different parameters is a ConflictException
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "first", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-2"}
      """
    And bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "different", "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "retry-token-2"}
      """
    Then the call fails with ConflictException

  @B-WIRE-10 @assumed @op:CreateChannel
  Scenario: Repeating CreateChannel with the same token returns the same channel
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "once", "ClientRequestToken": "create-token-1"}
      """
    And the response field "/ChannelArn" is remembered as "first"
    And alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "once", "ClientRequestToken": "create-token-1"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{first}"

  @B-WIRE-10 @assumed @op:CreateChannel
  Scenario: Reusing a CreateChannel token with a different name is a ConflictException
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "first name", "ClientRequestToken": "create-token-2"}
      """
    And alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "second name", "ClientRequestToken": "create-token-2"}
      """
    Then the call fails with ConflictException
