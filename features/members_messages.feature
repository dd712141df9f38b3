Feature: What message and flow answers say
  The records of messages, channel flows and their processors, streaming configurations and tags.

  Background:
    Given the users alice, bob, carol and dave

  # Messages

  @B-RES-01 @B-RES-02 @doc @op:SendChannelMessage @op:GetChannelMessage
  Scenario: A message reads back its sender by ARN and name, and was created and last updated when it was sent
    Given a PRIVATE channel "general" created by alice with members bob and carol
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "hello", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    And the response field "/MessageId" is remembered as "m1"
    And carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMessage": {"MessageId": "{m1}", "Content": "hello", "Sender": {"Arn": "{bob}", "Name": "bob"}}}
      """
    And the response field "/ChannelMessage/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/ChannelMessage/LastUpdatedTimestamp" is a time within 60 seconds of now

  # The documents call LastEditedTimestamp "the time at which a message was edited"; a message
  # never edited is taken to carry none.
  @B-RES-01 @assumed @op:GetChannelMessage
  Scenario: A message that was never edited has no LastEditedTimestamp
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "untouched" to "general" as "m1"
    When carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessage/LastEditedTimestamp" is absent

  @B-RES-01 @B-RES-03 @doc @op:UpdateChannelMessage @op:GetChannelMessage
  Scenario: An edit answers the channel and message it changed, stamps LastEditedTimestamp and keeps CreatedTimestamp
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "first draft" to "general" as "m1"
    When carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    And the response field "/ChannelMessage/CreatedTimestamp" is remembered as "created"
    And bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "final"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    When carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the response field "/ChannelMessage/Content" is "final"
    And the response field "/ChannelMessage/CreatedTimestamp" equals {created}
    And the response field "/ChannelMessage/LastEditedTimestamp" is a time within 60 seconds of now
    And the response field "/ChannelMessage/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @doc @needs:clock @op:UpdateChannelMessage @op:GetChannelMessage @op:ListChannelMessages
  Scenario: An edit an hour after sending moves LastEditedTimestamp and LastUpdatedTimestamp past CreatedTimestamp, in the message and its summary
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "first draft" to "general" as "m1"
    When carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    And the response field "/ChannelMessage/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "an hour later"}
      """
    And carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the response field "/ChannelMessage/CreatedTimestamp" equals {created}
    And the response field "/ChannelMessage/LastEditedTimestamp" is later than {created}
    And the response field "/ChannelMessage/LastUpdatedTimestamp" is later than {created}
    When carol calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/ChannelMessages/0/Content" is "an hour later"
    And the response field "/ChannelMessages/0/CreatedTimestamp" equals {created}
    And the response field "/ChannelMessages/0/LastEditedTimestamp" is later than {created}
    And the response field "/ChannelMessages/0/LastUpdatedTimestamp" is later than {created}

  @B-RES-01 @B-LIST-05 @doc @op:SendChannelMessage @op:ListChannelMessages
  Scenario: A message summary carries the message attributes sent and the time it was sent
    Given a PRIVATE channel "general" created by alice with members bob and carol
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "score", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "MessageAttributes": {"topic": {"StringValues": ["news", "sport"]}, "mention": {"StringValues": ["carol"]}}}
      """
    And carol calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessages/0/MessageAttributes" equals {"topic": {"StringValues": ["news", "sport"]}, "mention": {"StringValues": ["carol"]}}
    And the response field "/ChannelMessages/0/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/ChannelMessages/0/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-MSG-07 @B-RES-03 @doc @op:SendChannelMessage @op:GetChannelMessage @op:ListChannelMessages
  Scenario: A targeted message names its target, read alone and in the list
    Given a PRIVATE channel "general" created by alice with members bob and carol
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "for carol only", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Target": [{"MemberArn": "{carol}"}]}
      """
    And the response field "/MessageId" is remembered as "m1"
    And carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessage/Target" equals [{"MemberArn": "{carol}"}]
    When carol calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the response contains:
      """
      {"ChannelMessages": [{"MessageId": "{m1}", "Target": [{"MemberArn": "{carol}"}]}]}
      """

  @B-RES-03 @B-MSG-08 @doc @op:RedactChannelMessage
  Scenario: RedactChannelMessage answers the channel and the message it redacted
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "oops" to "general" as "m1"
    When bob calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """

  @B-RES-03 @B-FLOW-02 @B-FLOW-03 @doc @op:UpdateChannelMessage
  Scenario: An edit in a channel with a flow answers the message it changed with the status PENDING
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "before the flow" to "general" as "m1"
    And a channel flow "moderation" whose processor falls back to CONTINUE
    And alice associated the flow "moderation" with "general"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "edited under the flow"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Status": {"Value": "PENDING"}}
      """

  # Channel.LastMessageTimestamp

  @B-RES-01 @doc @op:SendChannelMessage @op:DescribeChannel @op:ListChannelMembershipsForAppInstanceUser
  Scenario: A channel's LastMessageTimestamp is the time its last message was sent
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "latest news" to "general"
    When carol calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/LastMessageTimestamp" is a time within 60 seconds of now
    When carol calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{carol}"}
      """
    Then the response field "/ChannelMemberships/0/ChannelSummary/ChannelArn" is "{general}"
    And the response field "/ChannelMemberships/0/ChannelSummary/LastMessageTimestamp" is a time within 60 seconds of now

  @B-RES-01 @doc @needs:clock @op:SendChannelMessage @op:DescribeChannel @op:ListChannels
  Scenario: A message an hour after the channel was made moves LastMessageTimestamp past its creation
    Given a PUBLIC channel "general" created by alice with members bob and carol
    When carol calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    And the response field "/Channel/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And bob sends "an hour in" to "general"
    And carol calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/LastMessageTimestamp" is later than {created}
    When carol calls ListChannels
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response field "/Channels/0/ChannelArn" is "{general}"
    And the response field "/Channels/0/LastMessageTimestamp" is later than {created}

  # The API reference (ChannelSummary): "the last persistent message visible to the caller".
  @B-RES-01 @doc @needs:clock @op:SendChannelMessage @op:ListChannelMembershipsForAppInstanceUser
  Scenario: A NON_PERSISTENT message does not move a channel summary's LastMessageTimestamp
    Given a PRIVATE channel "general" created by alice with members bob and carol
    And bob sent "kept" to "general"
    When carol calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{carol}"}
      """
    And the response field "/ChannelMemberships/0/ChannelSummary/LastMessageTimestamp" is remembered as "last"
    And 1 hour passes
    And bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "fleeting", "Type": "STANDARD", "Persistence": "NON_PERSISTENT"}
      """
    And carol calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{carol}"}
      """
    Then the response field "/ChannelMemberships/0/ChannelSummary/LastMessageTimestamp" equals {last}

  # Elastic channels: the SubChannel of the request comes back

  @B-EL-02 @B-RES-03 @doc @op:CreateChannelMembership @op:SendChannelMessage @op:GetChannelMessage @op:ListChannelMessages @op:UpdateChannelMessage @op:RedactChannelMessage
  Scenario: In an elastic channel, reading, listing, editing and redacting a message answer the SubChannel of the request
    Given an elastic channel "big" created by alice
    When alice adds bob to "big"
    And the response field "/SubChannelId" is remembered as "sub"
    And bob calls SendChannelMessage
      """
      {"ChannelArn": "{big}", "SubChannelId": "{sub}", "Content": "in my sub-channel", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    And the response field "/MessageId" is remembered as "m1"
    And bob calls GetChannelMessage
      """
      {"ChannelArn": "{big}", "MessageId": "{m1}", "SubChannelId": "{sub}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMessage": {"ChannelArn": "{big}", "MessageId": "{m1}", "SubChannelId": "{sub}"}}
      """
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{big}", "SubChannelId": "{sub}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{big}", "SubChannelId": "{sub}", "ChannelMessages": [{"MessageId": "{m1}"}]}
      """
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{big}", "MessageId": "{m1}", "SubChannelId": "{sub}", "Content": "edited"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{big}", "MessageId": "{m1}", "SubChannelId": "{sub}"}
      """
    When bob calls RedactChannelMessage
      """
      {"ChannelArn": "{big}", "MessageId": "{m1}", "SubChannelId": "{sub}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{big}", "MessageId": "{m1}", "SubChannelId": "{sub}"}
      """

  @B-EL-02 @B-RES-03 @doc @op:CreateChannelMembership @op:DescribeChannelMembership @op:ListChannelMembershipsForAppInstanceUser
  Scenario: A regular member's membership names the SubChannel the service placed them in
    Given an elastic channel "big" created by alice
    When alice adds bob to "big"
    And the response field "/SubChannelId" is remembered as "sub"
    And alice calls DescribeChannelMembership
      """
      {"ChannelArn": "{big}", "MemberArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMembership": {"ChannelArn": "{big}", "Member": {"Arn": "{bob}"}, "SubChannelId": "{sub}"}}
      """
    When bob calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMemberships": [{"ChannelSummary": {"ChannelArn": "{big}"},
                               "AppInstanceUserMembershipSummary": {"Type": "DEFAULT", "SubChannelId": "{sub}"}}]}
      """

  @B-EL-02 @B-RES-03 @doc @op:CreateChannelMembership @op:BatchCreateChannelMembership @op:DescribeChannelMembership
  Scenario: A moderator joins a SubChannel they name, and the batch answer and their membership name it
    Given an elastic channel "big" created by alice
    When alice adds bob to "big"
    And the response field "/SubChannelId" is remembered as "sub"
    And alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{big}", "MemberArns": ["{alice}"], "Type": "DEFAULT", "SubChannelId": "{sub}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"BatchChannelMemberships": {"ChannelArn": "{big}", "SubChannelId": "{sub}", "Members": [{"Arn": "{alice}"}]}}
      """
    When alice calls DescribeChannelMembership
      """
      {"ChannelArn": "{big}", "MemberArn": "{alice}", "SubChannelId": "{sub}"}
      """
    Then the call succeeds
    And the response field "/ChannelMembership/SubChannelId" is "{sub}"

  @B-EL-02 @B-RES-03 @B-WIRE-11 @doc @op:CreateChannelMembership @op:ListSubChannels
  Scenario: ListSubChannels answers the channel it lists and pages the SubChannels
    Given an elastic channel "big" created by alice
    And alice added bob, carol and dave to "big"
    When alice calls ListSubChannels
      """
      {"ChannelArn": "{big}"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{big}"
    And the response field "/SubChannels" has 2 items
    And the response field "/NextToken" is absent
    When alice calls ListSubChannels
      """
      {"ChannelArn": "{big}", "MaxResults": 1}
      """
    Then the response field "/ChannelArn" is "{big}"
    And the response field "/SubChannels" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "next"
    And alice calls ListSubChannels
      """
      {"ChannelArn": "{big}", "MaxResults": 1, "NextToken": "{next}"}
      """
    Then the response field "/SubChannels" has 1 item
    And the response field "/NextToken" is absent

  # Channel flows

  @B-RES-01 @B-RES-03 @B-FLOW-01 @doc @op:CreateChannelFlow @op:DescribeChannelFlow
  Scenario: DescribeChannelFlow reads back the flow CreateChannelFlow answered, with its processor as configured
    When CreateChannelFlow is called
      """
      {"AppInstanceArn": "{app}", "Name": "screening", "ClientRequestToken": "{token}",
       "Processors": [{"Name": "screener",
         "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:screener", "InvocationType": "ASYNC"}},
         "ExecutionOrder": 1, "FallbackAction": "ABORT"}]}
      """
    Then the call succeeds
    And the response field "/ChannelFlowArn" is not empty
    When the response field "/ChannelFlowArn" is remembered as "flow"
    And DescribeChannelFlow is called
      """
      {"ChannelFlowArn": "{flow}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelFlow": {"ChannelFlowArn": "{flow}", "Name": "screening",
        "Processors": [{"Name": "screener",
          "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:screener", "InvocationType": "ASYNC"}},
          "ExecutionOrder": 1, "FallbackAction": "ABORT"}]}}
      """
    And the response field "/ChannelFlow/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/ChannelFlow/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @B-RES-03 @B-FLOW-01 @doc @op:UpdateChannelFlow @op:DescribeChannelFlow
  Scenario: UpdateChannelFlow answers the flow it changed and replaces its name and processors, keeping CreatedTimestamp
    Given a channel flow "moderation" whose processor falls back to ABORT
    When DescribeChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    And the response field "/ChannelFlow/CreatedTimestamp" is remembered as "created"
    And UpdateChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}", "Name": "lenient moderation",
       "Processors": [{"Name": "reviewer",
         "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:reviewer", "InvocationType": "ASYNC"}},
         "ExecutionOrder": 1, "FallbackAction": "CONTINUE"}]}
      """
    Then the call succeeds
    And the response field "/ChannelFlowArn" is "{moderation}"
    When DescribeChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    Then the response contains:
      """
      {"ChannelFlow": {"ChannelFlowArn": "{moderation}", "Name": "lenient moderation",
        "Processors": [{"Name": "reviewer",
          "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:reviewer", "InvocationType": "ASYNC"}},
          "ExecutionOrder": 1, "FallbackAction": "CONTINUE"}]}}
      """
    And the response field "/ChannelFlow/CreatedTimestamp" equals {created}
    And the response field "/ChannelFlow/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @doc @needs:clock @op:UpdateChannelFlow @op:DescribeChannelFlow
  Scenario: A flow updated an hour after creation has its LastUpdatedTimestamp past its CreatedTimestamp
    Given a channel flow "moderation" whose processor falls back to ABORT
    When DescribeChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    And the response field "/ChannelFlow/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And UpdateChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}", "Name": "an hour later",
       "Processors": [{"Name": "processor",
         "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:later", "InvocationType": "ASYNC"}},
         "ExecutionOrder": 1, "FallbackAction": "ABORT"}]}
      """
    And DescribeChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    Then the response field "/ChannelFlow/LastUpdatedTimestamp" is later than {created}
    And the response field "/ChannelFlow/CreatedTimestamp" equals {created}

  @B-RES-01 @B-WIRE-11 @doc @op:CreateChannelFlow @op:ListChannelFlows
  Scenario: ListChannelFlows summarises each flow of the AppInstance with its name and processors, a page at a time
    When CreateChannelFlow is called
      """
      {"AppInstanceArn": "{app}", "Name": "screening", "ClientRequestToken": "{token}",
       "Processors": [{"Name": "screener",
         "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:screener", "InvocationType": "ASYNC"}},
         "ExecutionOrder": 1, "FallbackAction": "ABORT"}]}
      """
    And the response field "/ChannelFlowArn" is remembered as "flow"
    And ListChannelFlows is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelFlows": [{"ChannelFlowArn": "{flow}", "Name": "screening",
        "Processors": [{"Name": "screener",
          "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:screener", "InvocationType": "ASYNC"}},
          "ExecutionOrder": 1, "FallbackAction": "ABORT"}]}]}
      """
    And the response field "/NextToken" is absent
    Given a channel flow "moderation" whose processor falls back to CONTINUE
    When ListChannelFlows is called
      """
      {"AppInstanceArn": "{app}", "MaxResults": 1}
      """
    Then the response field "/ChannelFlows" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "next"
    And ListChannelFlows is called
      """
      {"AppInstanceArn": "{app}", "MaxResults": 1, "NextToken": "{next}"}
      """
    Then the response field "/ChannelFlows" has 1 item
    And the response field "/NextToken" is absent

  @B-RES-01 @B-WIRE-11 @B-FLOW-01 @doc @op:CreateChannel @op:AssociateChannelFlow @op:ListChannelsAssociatedWithChannelFlow
  Scenario: ListChannelsAssociatedWithChannelFlow summarises each channel using the flow as it was created, a page at a time
    Given a channel flow "moderation" whose processor falls back to CONTINUE
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "newsroom", "Mode": "RESTRICTED", "Privacy": "PRIVATE",
       "Metadata": "screened", "ClientRequestToken": "{token}"}
      """
    And the response field "/ChannelArn" is remembered as "newsroom"
    And alice associates the flow "moderation" with "newsroom"
    And ListChannelsAssociatedWithChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Channels": [{"ChannelArn": "{newsroom}", "Name": "newsroom", "Mode": "RESTRICTED",
                     "Privacy": "PRIVATE", "Metadata": "screened"}]}
      """
    And the response field "/NextToken" is absent
    Given an UNRESTRICTED PUBLIC channel "lobby" created by alice
    And alice associated the flow "moderation" with "lobby"
    When ListChannelsAssociatedWithChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}", "MaxResults": 1}
      """
    Then the response field "/Channels" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "next"
    And ListChannelsAssociatedWithChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}", "MaxResults": 1, "NextToken": "{next}"}
      """
    Then the response field "/Channels" has 1 item
    And the response field "/NextToken" is absent

  # Settings that read back as they were put

  @B-RES-04 @doc @op:PutMessagingStreamingConfigurations @op:GetMessagingStreamingConfigurations
  Scenario: Streaming configurations read back as they were put
    When PutMessagingStreamingConfigurations is called
      """
      {"AppInstanceArn": "{app}", "StreamingConfigurations": [
        {"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/chime-channels"},
        {"DataType": "ChannelMessage", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/chime-messages"}]}
      """
    Then the call succeeds
    And the response field "/StreamingConfigurations" has 2 items
    And the response contains:
      """
      {"StreamingConfigurations": [
        {"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/chime-channels"},
        {"DataType": "ChannelMessage", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/chime-messages"}]}
      """
    When GetMessagingStreamingConfigurations is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"StreamingConfigurations": [
        {"DataType": "Channel", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/chime-channels"},
        {"DataType": "ChannelMessage", "ResourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/chime-messages"}]}
      """

  # TagResource, UntagResource and ListTagsForResource unprefixed are the messaging operations.
  @B-RES-04 @doc @op:messaging:TagResource @op:messaging:ListTagsForResource @op:messaging:UntagResource
  Scenario: A channel's tags read back as they were put, and an untagged key is gone
    Given a PRIVATE channel "general" created by alice
    When TagResource is called
      """
      {"ResourceARN": "{general}", "Tags": [{"Key": "team", "Value": "blue"}, {"Key": "cost-centre", "Value": "4711"}]}
      """
    Then the HTTP status is 204
    When UntagResource is called
      """
      {"ResourceARN": "{general}", "TagKeys": ["cost-centre"]}
      """
    And ListTagsForResource is called
      """
      {"ResourceARN": "{general}"}
      """
    Then the call succeeds
    And the response field "/Tags" equals [{"Key": "team", "Value": "blue"}]

  @B-RES-04 @doc @op:PutChannelMembershipPreferences @op:GetChannelMembershipPreferences
  Scenario: A push-notification filter rule reads back as it was put
    Given a PRIVATE channel "general" created by alice with member bob
    When bob calls PutChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}", "Preferences": {"PushNotifications":
        {"AllowNotifications": "FILTERED", "FilterRule": "{\"type\":[{\"anything-but\": [\"Room\"]}],\"mention\":[\"Bob\"]}"}}}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "Member": {"Arn": "{bob}"},
       "Preferences": {"PushNotifications": {"FilterRule": "{\"type\":[{\"anything-but\": [\"Room\"]}],\"mention\":[\"Bob\"]}"}}}
      """
    When bob calls GetChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Preferences": {"PushNotifications": {"AllowNotifications": "FILTERED",
        "FilterRule": "{\"type\":[{\"anything-but\": [\"Room\"]}],\"mention\":[\"Bob\"]}"}}}
      """
