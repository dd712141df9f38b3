Feature: Messages
  Members send STANDARD messages (up to 4 KB of content, 1 KB of metadata) and CONTROL
  messages (up to 30 bytes, no metadata), PERSISTENT or NON_PERSISTENT, with an optional
  content type (2023-03-23 update). Messages can be read back, edited, redacted and deleted.

  Background:
    Given the users alice, bob and carol
    And a PRIVATE channel "general" created by alice with members bob and carol

  @B-MSG-01 @doc @op:SendChannelMessage
  Scenario: SendChannelMessage returns the channel, the message id and the status SENT
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "hello", "Type": "STANDARD", "Persistence": "PERSISTENT"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response field "/MessageId" is not empty
    And the response field "/Status/Value" is "SENT"

  @B-MSG-02 @doc @op:SendChannelMessage
  Scenario Outline: A STANDARD message accepts <what>
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Type": "STANDARD", "Persistence": "PERSISTENT", <members>}
      """
    Then the call succeeds

    Examples:
      | what                      | members                                       |
      | 4096 bytes of content     | "Content": "{x*4096}"                         |
      | 1024 bytes of metadata    | "Content": "x", "Metadata": "{m*1024}"        |
      | a 45-character ContentType | "Content": "x", "ContentType": "{t*45}"      |

  @B-MSG-02 @doc @op:SendChannelMessage
  Scenario Outline: A STANDARD message rejects <what>
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Type": "STANDARD", "Persistence": "PERSISTENT", <members>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                       | members                                  |
      | content over 4 KB          | "Content": "{x*4097}"                    |
      | metadata over 1 KB         | "Content": "x", "Metadata": "{m*1025}"   |
      | empty content              | "Content": ""                            |

  @B-MSG-06 @model @op:SendChannelMessage
  Scenario: A ContentType of 46 characters is rejected
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Type": "STANDARD", "Persistence": "PERSISTENT", "Content": "x", "ContentType": "{t*46}"}
      """
    Then the call fails with BadRequestException

  @B-MSG-02 @assumed @op:SendChannelMessage
  Scenario: The 4 KB limit counts UTF-8 bytes, not characters
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Type": "STANDARD", "Persistence": "PERSISTENT", "Content": "{é*2049}"}
      """
    Then the call fails with BadRequestException

  @B-MSG-02 @doc @op:SendChannelMessage
  Scenario: A CONTROL message carries up to 30 bytes
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Type": "CONTROL", "Persistence": "NON_PERSISTENT", "Content": "{c*30}"}
      """
    Then the call succeeds

  @B-MSG-02 @doc @op:SendChannelMessage
  Scenario Outline: A CONTROL message rejects <what>
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Type": "CONTROL", "Persistence": "NON_PERSISTENT", <members>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                 | members                                 |
      | content over 30 bytes | "Content": "{c*31}"                    |
      | any metadata         | "Content": "ping", "Metadata": "m"      |

  @B-MSG-03 @doc @op:SendChannelMessage @op:ListChannelMessages
  Scenario: NON_PERSISTENT messages are not kept in history
    Given alice sent "kept" to "general"
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "fleeting", "Type": "STANDARD", "Persistence": "NON_PERSISTENT"}
      """
    Then the call succeeds
    When bob calls ListChannelMessages
      """
      {"ChannelArn": "{general}"}
      """
    Then the listed messages are "kept"

  @B-MSG-03 @assumed @op:GetChannelMessage
  Scenario: Getting a NON_PERSISTENT message is NotFound
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "fleeting", "Type": "STANDARD", "Persistence": "NON_PERSISTENT"}
      """
    And the response field "/MessageId" is remembered as "m1"
    And bob calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails with NotFoundException

  @B-MSG-04 @B-MSG-06 @doc @model @op:SendChannelMessage @op:GetChannelMessage
  Scenario: GetChannelMessage returns the whole message as sent
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "{\"text\": \"hi\"}", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Metadata": "meta", "ContentType": "application/amz-chime-lex-msgs",
       "MessageAttributes": {"topic": {"StringValues": ["news", "sport"]}}}
      """
    And the response field "/MessageId" is remembered as "m1"
    And carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMessage": {
        "ChannelArn": "{general}", "MessageId": "{m1}", "Content": "{\"text\": \"hi\"}",
        "Metadata": "meta", "ContentType": "application/amz-chime-lex-msgs",
        "Type": "STANDARD", "Persistence": "PERSISTENT", "Redacted": false,
        "Sender": {"Arn": "{bob}"}, "Status": {"Value": "SENT"},
        "MessageAttributes": {"topic": {"StringValues": ["news", "sport"]}}
      }}
      """
    And the response field "/ChannelMessage/CreatedTimestamp" is present

  @B-MSG-04 @model @op:GetChannelMessage
  Scenario: Getting a message that does not exist is NotFound
    When bob calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "not-a-message"}
      """
    Then the call fails with NotFoundException

  @B-MSG-04 @assumed @op:GetChannelMessage
  Scenario: A non-member may not get a message of a PRIVATE channel
    Given the users dave
    And bob sent "members only" to "general" as "m1"
    When dave calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails with ForbiddenException

  @B-MSG-05 @B-MSG-06 @doc @op:UpdateChannelMessage @op:GetChannelMessage
  Scenario: Editing a message changes content, metadata and content type and marks it edited
    Given bob sent "first draft" to "general" as "m1"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", "Content": "final", "Metadata": "v2", "ContentType": "text/markdown"}
      """
    Then the call succeeds
    And the response field "/MessageId" is "{m1}"
    When bob calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the response contains:
      """
      {"ChannelMessage": {"Content": "final", "Metadata": "v2", "ContentType": "text/markdown"}}
      """
    And the response field "/ChannelMessage/LastEditedTimestamp" is present

  @B-MSG-05 @doc @op:UpdateChannelMessage
  Scenario Outline: UpdateChannelMessage rejects <what>
    Given bob sent "draft" to "general" as "m1"
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}", <members>}
      """
    Then the call fails with BadRequestException

    Examples:
      | what                       | members                                   |
      | content over 4 KB          | "Content": "{x*4097}"                     |
      | metadata over 1 KB         | "Content": "x", "Metadata": "{m*1025}"    |
      | a 46-character ContentType | "Content": "x", "ContentType": "{t*46}"   |
      | empty content              | "Content": ""                             |

  @B-MSG-05 @doc @op:UpdateChannelMessage
  Scenario: Editing a message that does not exist is refused
    When bob calls UpdateChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "not-a-message", "Content": "x"}
      """
    Then the call fails

  @B-MSG-07 @doc @op:SendChannelMessage @op:ListChannelMessages
  Scenario: A targeted message is seen only by its target and its sender
    When bob calls SendChannelMessage
      """
      {"ChannelArn": "{general}", "Content": "for carol only", "Type": "STANDARD", "Persistence": "PERSISTENT",
       "Target": [{"MemberArn": "{carol}"}]}
      """
    And the response field "/MessageId" is remembered as "m1"
    Then "m1" is listed for carol in "general"
    And "m1" is listed for bob in "general"
    And "m1" is not listed for alice in "general"

  @B-MSG-08 @B-MSG-04 @doc @op:RedactChannelMessage @op:GetChannelMessage
  Scenario: A redacted message keeps its place but loses its content
    Given bob sent "oops" to "general" as "m1"
    When bob calls RedactChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    When carol calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And the response field "/ChannelMessage/Redacted" equals true
    And the response field "/ChannelMessage/Content" is empty
    And the response field "/ChannelMessage/Metadata" is empty

  @B-MSG-09 @doc @op:DeleteChannelMessage @op:GetChannelMessage
  Scenario: A deleted message is gone at once
    Given the users erin
    And erin is an AppInstanceAdmin
    And bob sent "regrettable" to "general" as "m1"
    When erin calls DeleteChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call succeeds
    And "m1" is not listed for bob in "general"
    When bob calls GetChannelMessage
      """
      {"ChannelArn": "{general}", "MessageId": "{m1}"}
      """
    Then the call fails with NotFoundException
