Feature: What bot, endpoint and user-expiration answers say
  The records of AppInstanceBots and their Lex configuration, of user endpoints, and of the
  expiration settings of AppInstanceUsers.

  Background:
    Given the users alice and bob

  # AppInstanceBots

  @B-RES-01 @B-RES-03 @doc @op:CreateAppInstanceBot @op:DescribeAppInstanceBot
  Scenario: DescribeAppInstanceBot reads back the name, metadata and Lex configuration the bot was created with
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "helper",
       "Metadata": "answers questions about orders",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US",
         "InvokedBy": {"StandardMessages": "MENTIONS", "TargetedMessages": "ALL"},
         "WelcomeIntent": "Welcome"}}}
      """
    Then the call succeeds
    And the response field "/AppInstanceBotArn" is remembered as "helper"
    When alice calls DescribeAppInstanceBot
      """
      {"AppInstanceBotArn": "{helper}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceBot": {
        "AppInstanceBotArn": "{helper}", "Name": "helper",
        "Metadata": "answers questions about orders",
        "Configuration": {"Lex": {
          "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
          "LocaleId": "en_US",
          "InvokedBy": {"StandardMessages": "MENTIONS", "TargetedMessages": "ALL"},
          "WelcomeIntent": "Welcome"}}}}
      """
    And the response field "/AppInstanceBot/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/AppInstanceBot/LastUpdatedTimestamp" is a time within 60 seconds of now

  # RespondsTo is deprecated in favour of InvokedBy; the documents do not say whether a bot
  # created with it alone reads it back unchanged or as an equivalent InvokedBy. We take the
  # former: a configuration reads back as it was sent.
  @B-RES-01 @assumed @op:CreateAppInstanceBot @op:DescribeAppInstanceBot
  Scenario: A bot configured with the deprecated RespondsTo reads it back
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "legacy",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US", "RespondsTo": "STANDARD_MESSAGES"}}}
      """
    And the response field "/AppInstanceBotArn" is remembered as "legacy"
    And alice calls DescribeAppInstanceBot
      """
      {"AppInstanceBotArn": "{legacy}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceBot/Configuration/Lex/RespondsTo" is "STANDARD_MESSAGES"

  @B-RES-01 @B-RES-03 @doc @needs:clock @op:CreateAppInstanceBot @op:UpdateAppInstanceBot @op:DescribeAppInstanceBot
  Scenario: UpdateAppInstanceBot changes the name, metadata and configuration, moves LastUpdatedTimestamp and keeps CreatedTimestamp
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "helper", "Metadata": "v1",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US",
         "InvokedBy": {"StandardMessages": "MENTIONS", "TargetedMessages": "ALL"}}}}
      """
    And the response field "/AppInstanceBotArn" is remembered as "helper"
    And alice calls DescribeAppInstanceBot
      """
      {"AppInstanceBotArn": "{helper}"}
      """
    And the response field "/AppInstanceBot/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And alice calls UpdateAppInstanceBot
      """
      {"AppInstanceBotArn": "{helper}", "Name": "order helper", "Metadata": "v2",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/NEXTALIAS2",
         "LocaleId": "en_GB",
         "InvokedBy": {"StandardMessages": "ALL", "TargetedMessages": "NONE"},
         "WelcomeIntent": "Greeting"}}}
      """
    Then the call succeeds
    And the response field "/AppInstanceBotArn" is "{helper}"
    When alice calls DescribeAppInstanceBot
      """
      {"AppInstanceBotArn": "{helper}"}
      """
    Then the response contains:
      """
      {"AppInstanceBot": {
        "AppInstanceBotArn": "{helper}", "Name": "order helper", "Metadata": "v2",
        "Configuration": {"Lex": {
          "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/NEXTALIAS2",
          "LocaleId": "en_GB",
          "InvokedBy": {"StandardMessages": "ALL", "TargetedMessages": "NONE"},
          "WelcomeIntent": "Greeting"}}}}
      """
    And the response field "/AppInstanceBot/CreatedTimestamp" equals {created}
    And the response field "/AppInstanceBot/LastUpdatedTimestamp" is later than {created}

  @B-RES-01 @doc @op:CreateAppInstanceBot @op:DescribeAppInstanceBot @op:ListAppInstanceBots
  Scenario: Reading a bot does not move its LastUpdatedTimestamp
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "helper",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US"}}}
      """
    And the response field "/AppInstanceBotArn" is remembered as "helper"
    And alice calls DescribeAppInstanceBot
      """
      {"AppInstanceBotArn": "{helper}"}
      """
    And the response field "/AppInstanceBot/LastUpdatedTimestamp" is remembered as "updated"
    And alice calls ListAppInstanceBots
      """
      {"AppInstanceArn": "{app}"}
      """
    And alice calls DescribeAppInstanceBot
      """
      {"AppInstanceBotArn": "{helper}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceBot/LastUpdatedTimestamp" equals {updated}

  @B-RES-01 @B-RES-03 @B-WIRE-11 @doc @op:CreateAppInstanceBot @op:ListAppInstanceBots
  Scenario: ListAppInstanceBots names the AppInstance and summarises each bot with its ARN, name and metadata
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "helper",
       "Metadata": "answers questions about orders",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US"}}}
      """
    And the response field "/AppInstanceBotArn" is remembered as "helper"
    And alice calls ListAppInstanceBots
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceArn": "{app}",
       "AppInstanceBots": [{"AppInstanceBotArn": "{helper}", "Name": "helper",
                            "Metadata": "answers questions about orders"}]}
      """
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:CreateAppInstanceBot @op:ListAppInstanceBots
  Scenario: ListAppInstanceBots pages with MaxResults and NextToken
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "first",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US"}}}
      """
    And alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "{token}", "Name": "second",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US"}}}
      """
    And alice calls ListAppInstanceBots
      """
      {"AppInstanceArn": "{app}", "MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/AppInstanceBots" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And alice calls ListAppInstanceBots
      """
      {"AppInstanceArn": "{app}", "MaxResults": 1, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceBots" has 1 item
    And the response field "/NextToken" is empty

  # User endpoints

  @B-RES-01 @B-RES-03 @doc @op:RegisterAppInstanceUserEndpoint @op:DescribeAppInstanceUserEndpoint
  Scenario: DescribeAppInstanceUserEndpoint reads back what the endpoint was registered with
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Name": "alice's phone",
       "Type": "APNS", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-1", "VoipDeviceToken": "voip-token-1"},
       "AllowMessages": "NONE"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserArn" is "{alice}"
    And the response field "/EndpointId" is not empty
    When the response field "/EndpointId" is remembered as "phone"
    And alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceUserEndpoint": {
        "AppInstanceUserArn": "{alice}", "EndpointId": "{phone}", "Name": "alice's phone",
        "Type": "APNS", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
        "EndpointAttributes": {"DeviceToken": "device-token-1", "VoipDeviceToken": "voip-token-1"},
        "AllowMessages": "NONE"}}
      """
    And the response field "/AppInstanceUserEndpoint/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/AppInstanceUserEndpoint/LastUpdatedTimestamp" is a time within 60 seconds of now

  # EndpointState is read-only: ACTIVE means the endpoint can receive messages, and then
  # StatusReason "remains empty" (API reference, EndpointState). The documents do not say
  # a new endpoint starts ACTIVE; we take it that one registered with a well-formed device
  # token and Pinpoint ARN does.
  @B-RES-01 @assumed @op:RegisterAppInstanceUserEndpoint @op:DescribeAppInstanceUserEndpoint
  Scenario: A newly registered endpoint is ACTIVE and carries no StatusReason
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Type": "GCM",
       "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-2"}}
      """
    And the response field "/EndpointId" is remembered as "tablet"
    And alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{tablet}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserEndpoint/EndpointState/Status" is "ACTIVE"
    And the response field "/AppInstanceUserEndpoint/EndpointState/StatusReason" is absent

  # The documents do not say what AllowMessages is when RegisterAppInstanceUserEndpoint omits
  # it; we take ALL, as "by default, all the members of a push notification channel receive
  # the push notifications" (developer guide, Using mobile push notifications).
  @B-RES-01 @assumed @op:RegisterAppInstanceUserEndpoint @op:DescribeAppInstanceUserEndpoint
  Scenario: An endpoint registered without AllowMessages receives all messages
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Type": "GCM",
       "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-3"}}
      """
    And the response field "/EndpointId" is remembered as "tablet"
    And alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{tablet}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserEndpoint/AllowMessages" is "ALL"

  @B-RES-01 @B-RES-03 @doc @needs:clock @op:RegisterAppInstanceUserEndpoint @op:UpdateAppInstanceUserEndpoint @op:DescribeAppInstanceUserEndpoint
  Scenario: UpdateAppInstanceUserEndpoint changes the name and AllowMessages, moves LastUpdatedTimestamp and keeps the rest
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Name": "old phone",
       "Type": "APNS_SANDBOX", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-4"}, "AllowMessages": "ALL"}
      """
    And the response field "/EndpointId" is remembered as "phone"
    And alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}"}
      """
    And the response field "/AppInstanceUserEndpoint/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And alice calls UpdateAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}", "Name": "new phone", "AllowMessages": "NONE"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}"}
      """
    When alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}"}
      """
    Then the response contains:
      """
      {"AppInstanceUserEndpoint": {
        "AppInstanceUserArn": "{alice}", "EndpointId": "{phone}", "Name": "new phone",
        "AllowMessages": "NONE", "Type": "APNS_SANDBOX",
        "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
        "EndpointAttributes": {"DeviceToken": "device-token-4"}}}
      """
    And the response field "/AppInstanceUserEndpoint/CreatedTimestamp" equals {created}
    And the response field "/AppInstanceUserEndpoint/LastUpdatedTimestamp" is later than {created}

  @B-RES-01 @doc @op:RegisterAppInstanceUserEndpoint @op:DescribeAppInstanceUserEndpoint @op:ListAppInstanceUserEndpoints
  Scenario: Reading an endpoint does not move its LastUpdatedTimestamp
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Type": "GCM",
       "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-5"}}
      """
    And the response field "/EndpointId" is remembered as "phone"
    And alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}"}
      """
    And the response field "/AppInstanceUserEndpoint/LastUpdatedTimestamp" is remembered as "updated"
    And alice calls ListAppInstanceUserEndpoints
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    And alice calls DescribeAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "EndpointId": "{phone}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserEndpoint/LastUpdatedTimestamp" equals {updated}

  @B-RES-01 @B-WIRE-11 @doc @op:RegisterAppInstanceUserEndpoint @op:ListAppInstanceUserEndpoints
  Scenario: ListAppInstanceUserEndpoints summarises each of the user's endpoints
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Name": "alice's phone",
       "Type": "APNS", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-6"}, "AllowMessages": "NONE"}
      """
    And the response field "/EndpointId" is remembered as "phone"
    And alice calls ListAppInstanceUserEndpoints
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceUserEndpoints": [{
        "AppInstanceUserArn": "{alice}", "EndpointId": "{phone}", "Name": "alice's phone",
        "Type": "APNS", "AllowMessages": "NONE"}]}
      """
    And the response field "/NextToken" is empty

  # The summary carries EndpointState like the full record; as above, we take a newly
  # registered endpoint to be ACTIVE.
  @B-RES-01 @assumed @op:RegisterAppInstanceUserEndpoint @op:ListAppInstanceUserEndpoints
  Scenario: ListAppInstanceUserEndpoints shows a newly registered endpoint as ACTIVE
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Type": "GCM",
       "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-7"}}
      """
    And alice calls ListAppInstanceUserEndpoints
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserEndpoints/0/EndpointState/Status" is "ACTIVE"
    And the response field "/AppInstanceUserEndpoints/0/EndpointState/StatusReason" is absent

  @B-WIRE-11 @model @op:RegisterAppInstanceUserEndpoint @op:ListAppInstanceUserEndpoints
  Scenario: ListAppInstanceUserEndpoints pages with MaxResults and NextToken
    When alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Type": "GCM",
       "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-8"}}
      """
    And alice calls RegisterAppInstanceUserEndpoint
      """
      {"AppInstanceUserArn": "{alice}", "ClientRequestToken": "{token}", "Type": "GCM",
       "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef0123456789",
       "EndpointAttributes": {"DeviceToken": "device-token-9"}}
      """
    And alice calls ListAppInstanceUserEndpoints
      """
      {"AppInstanceUserArn": "{alice}", "MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserEndpoints" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And alice calls ListAppInstanceUserEndpoints
      """
      {"AppInstanceUserArn": "{alice}", "MaxResults": 1, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserEndpoints" has 1 item
    And the response field "/NextToken" is empty

  # User expiration settings

  @B-RES-04 @doc @op:CreateAppInstanceUser @op:DescribeAppInstanceUser
  Scenario: A user created with ExpirationSettings reads them back
    When alice calls CreateAppInstanceUser
      """
      {"AppInstanceArn": "{app}", "AppInstanceUserId": "backend-worker", "Name": "backend-worker",
       "ClientRequestToken": "{token}",
       "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserArn" is remembered as "worker"
    When alice calls DescribeAppInstanceUser
      """
      {"AppInstanceUserArn": "{worker}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUser/ExpirationSettings" equals {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}

  @B-RES-03 @B-RES-04 @doc @op:PutAppInstanceUserExpirationSettings @op:DescribeAppInstanceUser
  Scenario: PutAppInstanceUserExpirationSettings answers with the user and the settings now in force, and DescribeAppInstanceUser shows them
    When alice calls PutAppInstanceUserExpirationSettings
      """
      {"AppInstanceUserArn": "{bob}",
       "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceUserArn": "{bob}",
       "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    When alice calls DescribeAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the response field "/AppInstanceUser/ExpirationSettings" equals {"ExpirationDays": 30, "ExpirationCriterion": "CREATED_TIMESTAMP"}

  # The developer guide says a user's expiration settings can be removed; the API reference
  # does not say how. As with PutChannelExpirationSettings (B-EXP-04), we take a put without
  # ExpirationSettings to remove them.
  @B-RES-04 @assumed @op:PutAppInstanceUserExpirationSettings @op:DescribeAppInstanceUser
  Scenario: PutAppInstanceUserExpirationSettings without settings removes them
    When alice calls PutAppInstanceUserExpirationSettings
      """
      {"AppInstanceUserArn": "{bob}",
       "ExpirationSettings": {"ExpirationDays": 7, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And alice calls PutAppInstanceUserExpirationSettings
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserArn" is "{bob}"
    And the response field "/ExpirationSettings" is empty
    When alice calls DescribeAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the response field "/AppInstanceUser/ExpirationSettings" is empty

  # The documents ask for a different token for each AppInstanceBot but do not say what a
  # retry with the same token answers; as for the other create operations (B-WIRE-10), we take
  # it to answer the bot the first call created, without creating a second.
  @B-RES-03 @B-WIRE-10 @assumed @op:CreateAppInstanceBot @op:ListAppInstanceBots
  Scenario: A retried CreateAppInstanceBot answers the ARN of the bot the first call created
    When alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "helper-token-1", "Name": "helper",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US"}}}
      """
    And the response field "/AppInstanceBotArn" is remembered as "helper"
    And alice calls CreateAppInstanceBot
      """
      {"AppInstanceArn": "{app}", "ClientRequestToken": "helper-token-1", "Name": "helper",
       "Configuration": {"Lex": {
         "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/ORDERBOT01/LIVEALIAS1",
         "LocaleId": "en_US"}}}
      """
    Then the call succeeds
    And the response field "/AppInstanceBotArn" is "{helper}"
    When alice calls ListAppInstanceBots
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response field "/AppInstanceBots" has 1 item
    And the response field "/AppInstanceBots/0/AppInstanceBotArn" is "{helper}"
