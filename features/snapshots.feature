Feature: Response snapshots of the 2023-03-23 update
  The normalised responses (status, error type and body) of the eight operations the
  2023-03-23 update added or changed, in success and in error, are kept under snapshots/.
  ARNs, ids, tokens and timestamps become placeholders that keep their identity within a
  scenario; anything else that changes (a member added, dropped or renamed, a value, an error
  type) fails the step with the JSON path of each difference. `run --update-snapshots`
  records them again after an intended change.

  Background:
    Given the users alice, bob and carol
    And a PRIVATE channel "general" created by alice with members bob

  @B-EXP-01 @B-EXP-06 @doc @model @op:PutChannelExpirationSettings
  Scenario: PutChannelExpirationSettings snapshots
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}}
      """
    Then the call succeeds
    And the response matches the snapshot "success"
    When alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 0, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}}
      """
    Then the call fails with BadRequestException
    And the response matches the snapshot "error"

  @B-CH-01 @B-EXP-01 @doc @op:CreateChannel
  Scenario: CreateChannel snapshots
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "expiring", "Mode": "RESTRICTED", "Privacy": "PRIVATE", "Metadata": "meta", "ExpirationSettings": {"ExpirationDays": 7, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call succeeds
    And the response matches the snapshot "success"
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "expiring", "ExpirationSettings": {"ExpirationDays": 5476, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    Then the call fails with BadRequestException
    And the response matches the snapshot "error"

  @B-CH-06 @B-EXP-01 @doc @needs:clock @op:DescribeChannel @op:PutChannelExpirationSettings
  Scenario: DescribeChannel snapshots
    # The clock moves so the update's timestamp differs from the creation's, whatever the speed.
    When 1 second passes
    And alice calls PutChannelExpirationSettings
      """
      {"ChannelArn": "{general}", "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}}
      """
    And bob calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/Channel/ChannelArn" is "{general}"
    And the response matches the snapshot "success"
    When carol calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call fails with ForbiddenException
    And the response matches the snapshot "error"

  @B-MSG-01 @B-MSG-06 @doc @model @op:SendChannelMessage
  Scenario: SendChannelMessage snapshots
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "hello", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Metadata": "meta", "ContentType": "text/plain", "MessageAttributes": {"topic": {"StringValues": ["news"]}}}
      """
    Then the call succeeds
    And the response matches the snapshot "success"
    When carol calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "hello", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    Then the call fails with ForbiddenException
    And the response matches the snapshot "error"

  @B-MSG-04 @B-MSG-06 @doc @model @op:GetChannelMessage
  Scenario: GetChannelMessage snapshots
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "hello", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Metadata": "meta", "ContentType": "text/markdown", "MessageAttributes": {"topic": {"StringValues": ["news"]}}}
      """
    And the response field "/MessageId" is remembered as "m1"
    And alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessage/MessageId" is "{m1}"
    And the response matches the snapshot "success"
    When alice calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{z*32}"}
      """
    Then the call fails
    And the response matches the snapshot "error"

  @B-LIST-01 @B-LIST-04 @B-LIST-05 @doc @model @needs:clock @op:ListChannelMessages
  Scenario: ListChannelMessages snapshots
    Given alice sent "first" to "general"
    # Distinct creation times: equal ones would share a placeholder and tie in the order.
    When 1 second passes
    And bob sends "second" to "general"
    And alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "MaxResults": 1, "SortOrder": "ASCENDING"}
      """
    Then the call succeeds
    And the response matches the snapshot "first page"
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "SortOrder": "DESCENDING"}
      """
    Then the call succeeds
    And the response matches the snapshot "all"
    When alice calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "MaxResults": 51}
      """
    Then the call fails with BadRequestException
    And the response matches the snapshot "error"

  @B-MSG-05 @doc @model @op:UpdateChannelMessage
  Scenario: UpdateChannelMessage snapshots
    Given bob sent "draft" to "general" as "m1"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "final", "Metadata": "edited", "ContentType": "text/markdown"}
      """
    Then the call succeeds
    And the response matches the snapshot "success"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Metadata": "no content"}
      """
    Then the call fails with BadRequestException
    And the response matches the snapshot "error"

  @B-FLOW-05 @B-FLOW-09 @doc @model @needs:flow-events @op:ChannelFlowCallback
  Scenario: ChannelFlowCallback snapshots
    Given a channel flow "moderation" whose processor falls back to ABORT
    And alice associated the flow "moderation" with "general"
    When bob sends "unpolished" to "general" as "m1"
    And the processor answers "m1" in "general" with:
      """
      {"ChannelMessage": {"Content": "polished", "Metadata": "reviewed", "ContentType": "text/markdown"}}
      """
    Then the call succeeds
    And the response matches the snapshot
    When bob sends "another" to "general" as "m2"
    Then the response matches the snapshot "pending"
    When the processor answers "m2" in "general" with:
      """
      {"CallbackId": "{k*40}", "ChannelMessage": {"Content": "late"}}
      """
    Then the call fails
    And the response matches the snapshot
