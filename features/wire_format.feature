Feature: Wire format (restJson1)
  Every response is checked against the official model before a scenario looks at it: the
  status code is the operation's success code or the modelled code of the error shape it
  names, the error shape is one the operation lists and is named in x-amzn-ErrorType, the
  body validates against the operation's schema, a body is labelled application/json and every
  answer carries a request id. These scenarios make the rules visible.

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

  @B-WIRE-01 @model @op:DescribeChannel @op:GetChannelMessage
  Scenario: Answers with a body, successes and errors alike, label it application/json
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the answer's body is labelled as JSON
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "no-such-message"}
      """
    Then the call fails with NotFoundException
    And the answer's body is labelled as JSON

  # The official SDKs read the request id from x-amzn-RequestId and report it with every error.
  @B-WIRE-13 @sdk @op:DescribeChannel @op:DeleteChannelMembership @op:GetChannelMessage
  Scenario: Every answer carries a request id: a success, an empty 204 and an error
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the answer carries a request id
    When alice calls DeleteChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the HTTP status is 204
    And the answer carries a request id
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "no-such-message"}
      """
    Then the call fails with NotFoundException
    And the answer carries a request id

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

  @B-WIRE-08 @B-CH-09 @assumed @op:DescribeAppInstance
  Scenario Outline: An AppInstance ARN with <what> after it names no AppInstance
    An ARN names one resource exactly. The service's answer to a malformed one is not
    documented; the reference server answers as for a resource that does not exist.
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}<tail>"}
      """
    Then the call fails with ForbiddenException

    Examples:
      | what                 | tail     |
      | a segment            | /x       |
      | dot segments         | /../..   |
      | a slash              | /        |
      | a resource type      | /channel |

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

  @B-WIRE-05 @model @op:CreateChannelModerator @op:ListChannelModerators @op:DeleteChannelModerator @op:BatchCreateChannelMembership @op:CreateChannelBan @op:DescribeChannelBan @op:ListChannelBans @op:DeleteChannelBan @op:DeleteChannelMembership
  Scenario: Moderator, ban and membership operations answer their modelled success codes
    Given the user carol
    When alice calls CreateChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{bob}"}
      """
    Then the HTTP status is 201
    When alice calls ListChannelModerators
      """
      {"ChannelArn": "{general}"}
      """
    Then the HTTP status is 200
    And the response field "/ChannelModerators" has 2 items
    When alice calls DeleteChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{bob}"}
      """
    Then the HTTP status is 204
    When alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArns": ["{carol}"]}
      """
    Then the HTTP status is 200
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the HTTP status is 201
    When alice calls DescribeChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the HTTP status is 200
    When alice calls ListChannelBans
      """
      {"ChannelArn": "{general}"}
      """
    Then the HTTP status is 200
    And the response field "/ChannelBans" has 1 item
    When alice calls DeleteChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the HTTP status is 204
    When bob calls DeleteChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the HTTP status is 204

  @B-WIRE-05 @model @op:UpdateChannelReadMarker @op:PutChannelMembershipPreferences @op:GetChannelMembershipPreferences @op:ListChannelMembershipsForAppInstanceUser @op:ListChannelsModeratedByAppInstanceUser @op:DescribeChannelModeratedByAppInstanceUser @op:SearchChannels
  Scenario: Per-member and per-user operations answer 200
    When bob calls UpdateChannelReadMarker
      """
      {"ChannelArn": "{general}"}
      """
    Then the HTTP status is 200
    When bob calls PutChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}", "Preferences": {"PushNotifications": {"AllowNotifications": "NONE"}}}
      """
    Then the HTTP status is 200
    When bob calls GetChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the HTTP status is 200
    And the response field "/Preferences/PushNotifications/AllowNotifications" is "NONE"
    When bob calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the HTTP status is 200
    And the response field "/ChannelMemberships" has 1 item
    When alice calls ListChannelsModeratedByAppInstanceUser
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the HTTP status is 200
    When alice calls DescribeChannelModeratedByAppInstanceUser
      """
      {"ChannelArn": "{general}", "AppInstanceUserArn": "{alice}"}
      """
    Then the HTTP status is 200
    When bob calls SearchChannels
      """
      {"Fields": [{"Key": "MEMBERS", "Values": ["{bob}"], "Operator": "INCLUDES"}]}
      """
    Then the HTTP status is 200

  @B-WIRE-05 @B-AUTH-02 @model @op:messaging:TagResource @op:messaging:ListTagsForResource @op:messaging:UntagResource @op:PutMessagingStreamingConfigurations @op:GetMessagingStreamingConfigurations @op:DeleteMessagingStreamingConfigurations
  Scenario: Tag and streaming-configuration operations take no bearer and answer their modelled codes
    When messaging:TagResource is called with no bearer
      """
      {"ResourceARN": "{general}", "Tags": [{"Key": "team", "Value": "blue"}]}
      """
    Then the HTTP status is 204
    When messaging:ListTagsForResource is called with no bearer
      """
      {"ResourceARN": "{general}"}
      """
    Then the HTTP status is 200
    And the response field "/Tags" has 1 item
    When messaging:UntagResource is called with no bearer
      """
      {"ResourceARN": "{general}", "TagKeys": ["team"]}
      """
    Then the HTTP status is 204
    When PutMessagingStreamingConfigurations is called with no bearer
      """
      {"AppInstanceArn": "{app}", "StreamingConfigurations": [{"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/conformance"}]}
      """
    Then the HTTP status is 200
    When GetMessagingStreamingConfigurations is called with no bearer
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 200
    When DeleteMessagingStreamingConfigurations is called with no bearer
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 204

  @B-WIRE-05 @model @op:DescribeAppInstance @op:UpdateAppInstance @op:ListAppInstanceUsers @op:DescribeAppInstanceUser @op:UpdateAppInstanceUser @op:DescribeAppInstanceAdmin @op:ListAppInstanceAdmins @op:PutAppInstanceRetentionSettings @op:GetAppInstanceRetentionSettings @op:PutAppInstanceUserExpirationSettings @op:identity:TagResource @op:identity:ListTagsForResource @op:identity:UntagResource @op:DeleteAppInstanceAdmin @op:DeleteAppInstanceUser
  Scenario: Identity operations answer their modelled success codes
    Given alice is an AppInstanceAdmin
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 200
    When UpdateAppInstance is called
      """
      {"AppInstanceArn": "{app}", "Name": "renamed", "Metadata": "m"}
      """
    Then the HTTP status is 200
    When ListAppInstanceUsers is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 200
    When DescribeAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the HTTP status is 200
    When UpdateAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{bob}", "Name": "robert", "Metadata": "m"}
      """
    Then the HTTP status is 200
    When DescribeAppInstanceAdmin is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdminArn": "{alice}"}
      """
    Then the HTTP status is 200
    When ListAppInstanceAdmins is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 200
    When PutAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 30}}}
      """
    Then the HTTP status is 200
    When GetAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 200
    When PutAppInstanceUserExpirationSettings is called
      """
      {"AppInstanceUserArn": "{bob}", "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the HTTP status is 200
    When identity:TagResource is called
      """
      {"ResourceARN": "{app}", "Tags": [{"Key": "team", "Value": "blue"}]}
      """
    Then the HTTP status is 204
    When identity:ListTagsForResource is called
      """
      {"ResourceARN": "{app}"}
      """
    Then the HTTP status is 200
    When identity:UntagResource is called
      """
      {"ResourceARN": "{app}", "TagKeys": ["team"]}
      """
    Then the HTTP status is 204
    When DeleteAppInstanceAdmin is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdminArn": "{alice}"}
      """
    Then the HTTP status is 204
    Given the user dave
    When DeleteAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{dave}"}
      """
    Then the HTTP status is 204

  @B-WIRE-05 @model @op:RegisterAppInstanceUserEndpoint @op:DescribeAppInstanceUserEndpoint @op:ListAppInstanceUserEndpoints @op:UpdateAppInstanceUserEndpoint @op:DeregisterAppInstanceUserEndpoint @op:CreateAppInstanceBot @op:DescribeAppInstanceBot @op:ListAppInstanceBots @op:UpdateAppInstanceBot @op:DeleteAppInstanceBot @op:ListAppInstances
  Scenario: Endpoint, bot and AppInstance listing operations answer their modelled success codes
    When RegisterAppInstanceUserEndpoint is called
      """
      {"AppInstanceUserArn": "{bob}", "Type": "APNS", "ResourceArn": "arn:aws:sns:us-east-1:123456789012:app/APNS/conformance", "EndpointAttributes": {"DeviceToken": "token"}, "ClientRequestToken": "endpoint-token-1"}
      """
    Then the HTTP status is 201
    And the response field "/EndpointId" is remembered as "endpoint"
    When DescribeAppInstanceUserEndpoint is called
      """
      {"AppInstanceUserArn": "{bob}", "EndpointId": "{endpoint}"}
      """
    Then the HTTP status is 200
    When ListAppInstanceUserEndpoints is called
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the HTTP status is 200
    And the response field "/AppInstanceUserEndpoints" has 1 item
    When UpdateAppInstanceUserEndpoint is called
      """
      {"AppInstanceUserArn": "{bob}", "EndpointId": "{endpoint}", "Name": "phone", "AllowMessages": "NONE"}
      """
    Then the HTTP status is 200
    When DeregisterAppInstanceUserEndpoint is called
      """
      {"AppInstanceUserArn": "{bob}", "EndpointId": "{endpoint}"}
      """
    Then the HTTP status is 204
    When CreateAppInstanceBot is called
      """
      {"AppInstanceArn": "{app}", "Name": "helper", "ClientRequestToken": "bot-token-1", "Configuration": {"Lex": {"RespondsTo": "STANDARD_MESSAGES", "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST", "LocaleId": "en_US"}}}
      """
    Then the HTTP status is 201
    And the response field "/AppInstanceBotArn" is remembered as "bot"
    When DescribeAppInstanceBot is called
      """
      {"AppInstanceBotArn": "{bot}"}
      """
    Then the HTTP status is 200
    When ListAppInstanceBots is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the HTTP status is 200
    When UpdateAppInstanceBot is called
      """
      {"AppInstanceBotArn": "{bot}", "Name": "helper2", "Metadata": "m"}
      """
    Then the HTTP status is 200
    When DeleteAppInstanceBot is called
      """
      {"AppInstanceBotArn": "{bot}"}
      """
    Then the HTTP status is 204
    When ListAppInstances is called
      """
      {}
      """
    Then the HTTP status is 200

  @B-WIRE-05 @model @op:UpdateChannelFlow @op:ListChannelsAssociatedWithChannelFlow @op:DeleteAppInstance
  Scenario: Channel flow and AppInstance operations answer their modelled success codes
    Given a channel flow "screen" whose processor falls back to CONTINUE
    And alice associated the flow "screen" with "general"
    When ListChannelsAssociatedWithChannelFlow is called
      """
      {"ChannelFlowArn": "{screen}"}
      """
    Then the HTTP status is 200
    And the response field "/Channels" has 1 item
    When UpdateChannelFlow is called
      """
      {"ChannelFlowArn": "{screen}", "Name": "renamed", "Processors": [{"Name": "processor", "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:conformance", "InvocationType": "ASYNC"}}, "ExecutionOrder": 1, "FallbackAction": "CONTINUE"}]}
      """
    Then the HTTP status is 200
    When CreateAppInstance is called
      """
      {"Name": "short-lived"}
      """
    Then the HTTP status is 201
    And the response field "/AppInstanceArn" is remembered as "other"
    When DeleteAppInstance is called
      """
      {"AppInstanceArn": "{other}"}
      """
    Then the HTTP status is 204
