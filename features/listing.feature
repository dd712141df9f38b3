Feature: Listing messages
  ListChannelMessages returns a channel's history newest first, or oldest first on request,
  bounded by creation time and paged with MaxResults and NextToken.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob
    And alice sent "one" to "general" as "m1"
    And bob sent "two" to "general" as "m2"
    And alice sent "three" to "general" as "m3"

  @B-LIST-01 @doc @op:ListChannelMessages
  Scenario: Messages are listed newest first by default
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the listed messages are "three", "two" and "one"

  @B-LIST-01 @doc @op:ListChannelMessages
  Scenario: SortOrder ASCENDING lists the oldest first
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "SortOrder": "ASCENDING"}
      """
    Then the listed messages are "one", "two" and "three"

  @B-LIST-01 @doc @op:ListChannelMessages
  Scenario: SortOrder DESCENDING lists the newest first
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "SortOrder": "DESCENDING"}
      """
    Then the listed messages are "three", "two" and "one"

  @B-LIST-02 @B-WIRE-04 @assumed @needs:clock @op:ListChannelMessages @op:GetChannelMessage
  Scenario: NotBefore and NotAfter bound the creation time, both inclusive
    When 1 minute passes
    And bob sends "four" to "general" as "m4"
    And 1 minute passes
    And alice sends "five" to "general" as "m5"
    And bob calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m4}"}
      """
    And the response field "/ChannelMessage/CreatedTimestamp" is remembered as "t4"
    And bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "NotBefore": {t4}, "NotAfter": {t4}}
      """
    Then the call succeeds
    And the listed messages are "four"

  @B-LIST-02 @B-WIRE-04 @doc @needs:clock @op:ListChannelMessages
  Scenario: NotBefore leaves out older messages and NotAfter newer ones
    When 30 seconds pass
    And the clock is remembered as "mid"
    And 30 seconds pass
    And bob sends "four" to "general" as "m4"
    And bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "NotBefore": {mid}}
      """
    Then the listed messages are "four"
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "NotAfter": {mid}}
      """
    Then the listed messages are "three", "two" and "one"

  @B-LIST-03 @B-MSG-08 @doc @assumed @op:RedactChannelMessage @op:ListChannelMessages
  Scenario: A redacted message is listed, marked Redacted, with empty content
    When alice calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m2}"}
      """
    And bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessages" has 3 items
    And the response field "/ChannelMessages/1/MessageId" is "{m2}"
    And the response field "/ChannelMessages/1/Redacted" equals true
    And the response field "/ChannelMessages/1/Content" is empty
    And the response field "/ChannelMessages/1/Metadata" is empty

  @B-LIST-03 @doc @op:DeleteChannelMessage @op:ListChannelMessages
  Scenario: A deleted message is not listed
    Given the users admin
    And admin is an AppInstanceAdmin
    When admin calls DeleteChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m2}"}
      """
    And bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the listed messages are "three" and "one"

  @B-LIST-03 @doc @op:UpdateChannelMessage @op:ListChannelMessages
  Scenario: An edited message is listed once, in its latest version
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m2}", "Content": "two, edited"}
      """
    And bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the listed messages are "three", "two, edited" and "one"
    And the response field "/ChannelMessages/1/LastEditedTimestamp" is present

  @B-LIST-04 @B-WIRE-11 @model @op:ListChannelMessages
  Scenario: Paging returns every message exactly once, in order
    Given alice sent 4 messages to "general"
    When bob pages through the messages of "general" 2 at a time
    Then the collected messages are "message 4", "message 3", "message 2", "message 1", "three", "two" and "one"

  @B-LIST-04 @model @op:ListChannelMessages
  Scenario: Paging in ascending order returns every message exactly once
    When bob pages through the messages of "general" 1 at a time ASCENDING
    Then the collected messages are "one", "two" and "three"

  @B-LIST-05 @model @op:ListChannelMessages
  Scenario: A summary holds the message's fields but not ChannelArn, Persistence or SubChannelId
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response contains:
      """
      {"ChannelMessages": [{"MessageId": "{m3}", "Content": "three", "Type": "STANDARD",
        "Sender": {"Arn": "{alice}"}, "Redacted": false, "Status": {"Value": "SENT"}}]}
      """
    And the response field "/ChannelMessages/0/CreatedTimestamp" is present
    And the response field "/ChannelMessages/0/ChannelArn" is absent
    And the response field "/ChannelMessages/0/Persistence" is absent
    And the response field "/ChannelMessages/0/SubChannelId" is absent

  @B-LIST-05 @B-MSG-06 @model @op:ListChannelMessages @op:SendChannelMessage
  Scenario: A summary returns the ContentType as sent
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "**bold**", "ContentType": "text/markdown", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    And bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}", "MaxResults": 1}
      """
    Then the response field "/ChannelMessages/0/ContentType" is "text/markdown"
