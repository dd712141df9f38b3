Feature: Channel flows
  A channel flow runs new messages through a processor (a Lambda function) before they are
  sent. The processor answers with ChannelFlowCallback: change the message, leave it, or deny
  it. Here the suite plays the processor: it reads the events the target sent to it
  (test-control protocol, flow-events) and calls back.

  Background:
    Given the users alice, bob and carol
    And a PRIVATE channel "general" created by alice with members bob and carol
    And a channel flow "moderation" whose processor falls back to ABORT

  @B-FLOW-01 @doc @op:AssociateChannelFlow @op:DescribeChannel
  Scenario: A moderator associates a flow with a channel
    When alice associates the flow "moderation" with "general"
    Then the call succeeds
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/ChannelFlowArn" is "{moderation}"

  @B-FLOW-01 @doc @op:AssociateChannelFlow
  Scenario: A member may not associate a flow
    When bob associates the flow "moderation" with "general"
    Then the call fails with ForbiddenException

  @B-FLOW-01 @doc @op:AssociateChannelFlow
  Scenario: A channel has at most one flow
    Given alice associated the flow "moderation" with "general"
    And a channel flow "another" whose processor falls back to CONTINUE
    When alice associates the flow "another" with "general"
    Then the call fails

  @B-FLOW-01 @doc @op:DeleteChannelFlow @op:DisassociateChannelFlow
  Scenario: A flow can be deleted only when no channel uses it
    Given alice associated the flow "moderation" with "general"
    When DeleteChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    Then the call fails with ConflictException
    When alice calls DisassociateChannelFlow
      """
      {"ChannelArn": "{general}", "ChannelFlowArn": "{moderation}"}
      """
    Then the HTTP status is 204
    When DeleteChannelFlow is called
      """
      {"ChannelFlowArn": "{moderation}"}
      """
    Then the call succeeds

  @B-FLOW-01 @model @op:CreateChannelFlow
  Scenario: A flow's processor falls back to CONTINUE or ABORT only
    When CreateChannelFlow is called
      """
      {"AppInstanceArn": "{app}", "Name": "odd", "Processors": [{"Name": "p",
        "Configuration": {"Lambda": {"ResourceArn": "arn:aws:lambda:us-east-1:123456789012:function:p", "InvocationType": "ASYNC"}},
        "ExecutionOrder": 1, "FallbackAction": "RETRY"}]}
      """
    Then the call fails with BadRequestException

  @B-FLOW-03 @B-FLOW-04 @doc @needs:flow-events @op:SendChannelMessage @op:GetChannelMessage
  Scenario: A message in a flow is PENDING, visible only to its sender, and sent to the processor
    Given alice associated the flow "moderation" with "general"
    When bob sends "needs review" to "general" as "m1"
    Then the call succeeds
    And the response field "/Status/Value" is "PENDING"
    And within 5 seconds the processor receives an event for "m1" in "general"
    And the event contains:
      """
      {"EventType": "CHANNEL_MESSAGE_EVENT", "ChannelMessage": {"MessageId": "{m1}", "Content": "needs review"}}
      """
    When bob calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessage/Status/Value" is "PENDING"
    And "m1" is not listed for carol in "general"

  @B-FLOW-05 @B-FLOW-09 @doc @model @needs:flow-events @op:ChannelFlowCallback @op:GetChannelMessage
  Scenario: The processor changes the message, content type included, and it is sent
    Given alice associated the flow "moderation" with "general"
    When bob sends "unpolished" to "general" as "m1"
    And the processor answers "m1" in "general" with:
      """
      {"ChannelMessage": {"Content": "polished", "Metadata": "reviewed", "ContentType": "text/markdown"}}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response field "/CallbackId" is not empty
    And within 5 seconds carol sees "m1" in "general" with status SENT
    And the response contains:
      """
      {"ChannelMessage": {"Content": "polished", "Metadata": "reviewed", "ContentType": "text/markdown"}}
      """

  @B-FLOW-05 @doc @needs:flow-events @op:ChannelFlowCallback
  Scenario: The processor leaves the message as it is, and it is sent as sent
    Given alice associated the flow "moderation" with "general"
    When bob sends "fine as is" to "general" as "m1"
    And the processor answers "m1" in "general" with:
      """
      {}
      """
    Then the call succeeds
    And within 5 seconds carol sees "m1" in "general" with status SENT
    And the response field "/ChannelMessage/Content" is "fine as is"

  @B-FLOW-05 @B-FLOW-08 @doc @needs:flow-events @op:ChannelFlowCallback @op:GetChannelMessageStatus
  Scenario: The processor denies the message: it is not stored, and has no status
    Given alice associated the flow "moderation" with "general"
    When bob sends "spam" to "general" as "m1"
    And the processor answers "m1" in "general" with:
      """
      {"DeleteResource": true}
      """
    Then the call succeeds
    And "m1" is not listed for bob in "general"
    When bob calls GetChannelMessageStatus
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the response field "/Status" is empty

  @B-FLOW-08 @doc @needs:flow-events @op:GetChannelMessageStatus
  Scenario: GetChannelMessageStatus is for the sender only
    Given alice associated the flow "moderation" with "general"
    When bob sends "pending" to "general" as "m1"
    And bob calls GetChannelMessageStatus
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/Status/Value" is "PENDING"
    When carol calls GetChannelMessageStatus
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails

  @B-FLOW-02 @doc @needs:flow-events @op:SendChannelMessage
  Scenario: CONTROL messages skip the flow
    Given alice associated the flow "moderation" with "general"
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "typing", "Type": "CONTROL", "Persistence": "NON_PERSISTENT"}
      """
    Then the call succeeds
    And the response field "/Status/Value" is "SENT"
    When the response field "/MessageId" is remembered as "c1"
    Then the processor has received no event for "c1" in "general"

  @B-FLOW-02 @doc @needs:flow-events @op:SendChannelMessage
  Scenario: NON_PERSISTENT STANDARD messages go through the flow too
    Given alice associated the flow "moderation" with "general"
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "ephemeral", "Type": "STANDARD", "Persistence": "NON_PERSISTENT"}
      """
    And the response field "/MessageId" is remembered as "m1"
    Then within 5 seconds the processor receives an event for "m1" in "general"

  @B-FLOW-02 @doc @needs:flow-events @op:UpdateChannelMessage
  Scenario: Editing a persistent STANDARD message goes through the flow
    Given bob sent "before the flow" to "general" as "m1"
    And alice associated the flow "moderation" with "general"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "edited under the flow"}
      """
    Then the call succeeds
    And within 5 seconds the processor receives an event for "m1" in "general"
    And the event contains:
      """
      {"ChannelMessage": {"Content": "edited under the flow"}}
      """

  @B-FLOW-06 @doc @needs:flow-events @needs:clock @op:ChannelFlowCallback
  Scenario: After 48 hours the processor may no longer call back
    Given alice associated the flow "moderation" with "general"
    When bob sends "forgotten" to "general" as "m1"
    And within 5 seconds the processor receives an event for "m1" in "general"
    And 48 hours pass
    And 1 second passes
    And the processor answers "m1" in "general" with:
      """
      {}
      """
    Then the call fails with ForbiddenException

  @B-FLOW-07 @doc @needs:processor-reachability @op:SendChannelMessage
  Scenario: An unreachable processor with fallback ABORT fails the message
    Given alice associated the flow "moderation" with "general"
    And the processor of "moderation" is unreachable
    When bob sends "lost" to "general" as "m1"
    Then within 5 seconds bob sees "m1" in "general" with status FAILED
    And "m1" is not listed for carol in "general"

  @B-FLOW-07 @doc @needs:processor-reachability @op:SendChannelMessage
  Scenario: An unreachable processor with fallback CONTINUE lets the message through
    Given a channel flow "lenient" whose processor falls back to CONTINUE
    And alice associated the flow "lenient" with "general"
    And the processor of "lenient" is unreachable
    When bob sends "through anyway" to "general" as "m1"
    Then within 5 seconds carol sees "m1" in "general" with status SENT

  @B-FLOW-09 @model @needs:flow-events @op:ChannelFlowCallback
  Scenario Outline: ChannelFlowCallback rejects <what>
    Given alice associated the flow "moderation" with "general"
    When bob sends "check me" to "general" as "m1"
    And the processor answers "m1" in "general" with:
      """
      {<members>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                        | members                                                    |
      | a CallbackId under 32       | "CallbackId": "{k*31}"                                     |
      | a CallbackId over 64        | "CallbackId": "{k*65}"                                     |
      | a 46-character ContentType  | "ChannelMessage": {"ContentType": "{t*46}"}                |
      | metadata over 1 KB          | "ChannelMessage": {"Metadata": "{m*1025}"}                 |
