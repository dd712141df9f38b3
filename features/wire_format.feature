Feature: Wire format (restJson1)
  Every response is checked against the official model before a scenario looks at it: the
  status code is the operation's success code or the modelled code of the error shape it
  names, the error shape is one the operation lists and is named in x-amzn-ErrorType, and the
  body validates against the operation's schema. These scenarios make the rules visible.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-WIRE-01 @B-WIRE-03 @model @sdk @op:DescribeChannel
  Scenario: A SigV4-signed request for "chime" with a percent-encoded channel ARN is understood
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/Channel/ChannelArn" is "{general}"

  @B-WIRE-02 @model @op:DescribeChannel @op:DescribeChannelMembershipForAppInstanceUser
  Scenario: Operations sharing a path are told apart by their fixed query literal
    When bob calls DescribeChannelMembershipForAppInstanceUser
      """
      {"ChannelArn": "{general}", "AppInstanceUserArn": "{bob}"}
      """
    Then the call succeeds
    And the response field "/ChannelMembership/ChannelSummary/ChannelArn" is "{general}"
    And the response field "/Channel" is absent
    When bob calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/Channel/ChannelArn" is "{general}"
    And the response field "/ChannelMembership" is absent

  @B-WIRE-04 @model @op:GetChannelMessage
  Scenario: Timestamps in bodies are epoch seconds as JSON numbers
    Given alice sent "hello" to "general" as "m1"
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessage/CreatedTimestamp" is present
    And the response field "/ChannelMessage/LastUpdatedTimestamp" is present

  @B-WIRE-04 @model @op:GetChannelMessage @op:DescribeChannel
  Scenario: Body timestamps count seconds, not milliseconds
    Given alice sent "hello" to "general" as "m1"
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the response field "/ChannelMessage/CreatedTimestamp" is a time within 900 seconds of now
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/CreatedTimestamp" is a time within 900 seconds of now

  @B-WIRE-05 @model @op:CreateChannel
  Scenario: CreateChannel answers 201 Created
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "status-201"}
      """
    Then the HTTP status is 201
    And the response field "/ChannelArn" is present

  @B-WIRE-05 @model @op:SendChannelMessage
  Scenario: SendChannelMessage answers 201 Created
    When alice sends "created" to "general"
    Then the HTTP status is 201

  @B-WIRE-05 @model @op:DeleteChannelMessage @op:DeleteChannel
  Scenario: Delete operations answer 204 with no body
    Given alice is an AppInstanceAdmin
    And alice sent "to delete" to "general" as "m1"
    When alice calls DeleteChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the HTTP status is 204
    And the response has no body
    When alice calls DeleteChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the HTTP status is 204
    And the response has no body

  @B-WIRE-05 @model @op:DescribeChannel
  Scenario: Other operations answer 200
    When bob calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the HTTP status is 200

  @B-WIRE-06 @B-WIRE-07 @model @sdk @op:SendChannelMessage
  Scenario: A BadRequestException is a 400 named in x-amzn-ErrorType with Code and Message
    When alice calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "x", "Type": "SHOUTING", "Persistence": "PERSISTENT"}
      """
    Then the call fails with BadRequestException
    And the HTTP status is 400
    And the error type header names BadRequestException
    And the response field "/Code" is "BadRequest"
    And the response field "/Message" is not empty

  @B-WIRE-06 @B-WIRE-07 @model @sdk @op:SendChannelMessage
  Scenario: A ForbiddenException is a 403 named in x-amzn-ErrorType
    Given the users carol
    When carol sends "let me in" to "general"
    Then the call fails with ForbiddenException
    And the HTTP status is 403
    And the error type header names ForbiddenException
    And the response field "/Code" is "Forbidden"

  @B-WIRE-06 @B-WIRE-07 @model @sdk @op:GetChannelMessage
  Scenario: A NotFoundException is a 404 named in x-amzn-ErrorType
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "no-such-message"}
      """
    Then the call fails with NotFoundException
    And the HTTP status is 404
    And the error type header names NotFoundException
    And the response field "/Code" is "NotFound"

  @B-WIRE-06 @B-WIRE-07 @model @sdk @op:DescribeChannel
  Scenario: An UnauthorizedClientException is a 401 named in x-amzn-ErrorType
    When DescribeChannel is called with no bearer
      """
      {"ChannelArn": "{general}"}
      """
    Then the call fails with UnauthorizedClientException
    And the HTTP status is 401
    And the error type header names UnauthorizedClientException
    And the response field "/Code" is "Unauthorized"

  @B-WIRE-08 @B-CH-09 @model @op:DescribeChannel
  Scenario: A call on a channel that does not exist answers an error the operation lists
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{app}/channel/no-such-channel"}
      """
    Then the call fails with ForbiddenException

  @B-WIRE-11 @model @op:ListChannelMessages
  Scenario Outline: ListChannelMessages rejects a page size outside 1..50
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "MaxResults": <size>}
      """
    Then the call fails with BadRequestException

    Examples:
      | size |
      | 0    |
      | 51   |

  @B-WIRE-11 @model @op:ListChannelMessages
  Scenario: ListChannelMessages rejects a next token over 2048 characters
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "NextToken": "{t*2049}"}
      """
    Then the call fails with BadRequestException

  @B-WIRE-11 @model @op:ListChannelMessages
  Scenario: The last page has no NextToken
    Given alice sent 3 messages to "general"
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "MaxResults": 3}
      """
    Then the call succeeds
    And the response field "/ChannelMessages" has 3 items
    And the response field "/NextToken" is empty

  @B-WIRE-12 @assumed @op:ListChannelMessages
  Scenario: Without MaxResults a page holds 50 messages
    Given alice sent 51 messages to "general"
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessages" has 50 items
    And the response field "/NextToken" is not empty
