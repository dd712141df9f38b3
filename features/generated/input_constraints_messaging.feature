# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every messaging input member is held to its modelled constraints
  B-WIRE-14: each member of each messaging operation's input, at the first value past each
  constraint the model states (required, length, range, enum, pattern, list size), is refused
  with BadRequestException, and at the boundary value itself is not refused as invalid input
  (410 values past a constraint, 83 boundary values). A valid input is the model's sample
  input with its required members, in this scenario's AppInstance: the channel general, alice
  as the caller, bob where a user is named, a message alice sent where one is named, and fresh
  idempotency tokens. Left out: URI labels left out or empty (another path), the bearer (its
  own rules), idempotency tokens left out (the SDKs fill them, B-WIRE-09), patterns every
  string matches, boundaries the pattern forbids, lists of ARNs at their size bounds (they
  would need that many resources), and the boundaries of NextToken (a next token must be one
  the service gave (B-WIRE-11)) and SubChannelId (sub-channels exist in elastic channels only
  (B-EL-02)) and ListSubChannels (it lists the sub-channels of an elastic channel only
  (B-EL-02)).

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-WIRE-14 @model
  Scenario Outline: <operation> refuses <member> set to <value>, past "<rule>"
    When alice calls <operation> with "<member>" set to <value>
    Then the call fails with BadRequestException

    @op:AssociateChannelFlow
    Examples:
      | operation            | member          | rule                    | value                  |
      | AssociateChannelFlow | /ChannelArn     | at least 5 characters   | 4 characters           |
      | AssociateChannelFlow | /ChannelArn     | at most 1600 characters | 1601 characters        |
      | AssociateChannelFlow | /ChannelArn     | its pattern             | the text "not an arn!" |
      | AssociateChannelFlow | /ChannelFlowArn | required                | nothing                |
      | AssociateChannelFlow | /ChannelFlowArn | at least 5 characters   | 4 characters           |
      | AssociateChannelFlow | /ChannelFlowArn | at most 1600 characters | 1601 characters        |
      | AssociateChannelFlow | /ChannelFlowArn | its pattern             | the text "not an arn!" |

    @op:BatchCreateChannelMembership
    Examples:
      | operation                    | member        | rule                    | value                  |
      | BatchCreateChannelMembership | /ChannelArn   | at least 5 characters   | 4 characters           |
      | BatchCreateChannelMembership | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | BatchCreateChannelMembership | /ChannelArn   | its pattern             | the text "not an arn!" |
      | BatchCreateChannelMembership | /MemberArns   | required                | nothing                |
      | BatchCreateChannelMembership | /MemberArns   | at least 1 items        | 0 items                |
      | BatchCreateChannelMembership | /MemberArns   | at most 100 items       | 101 items              |
      | BatchCreateChannelMembership | /SubChannelId | at least 1 characters   | 0 characters           |
      | BatchCreateChannelMembership | /SubChannelId | at most 128 characters  | 129 characters         |
      | BatchCreateChannelMembership | /SubChannelId | its pattern             | the text "not an arn!" |
      | BatchCreateChannelMembership | /Type         | one of its enum values  | the text "NOT-A-VALUE" |

    @op:ChannelFlowCallback
    Examples:
      | operation           | member                                 | rule                    | value                  |
      | ChannelFlowCallback | /CallbackId                            | at least 32 characters  | 31 characters          |
      | ChannelFlowCallback | /CallbackId                            | at most 64 characters   | 65 characters          |
      | ChannelFlowCallback | /ChannelArn                            | at least 5 characters   | 4 characters           |
      | ChannelFlowCallback | /ChannelArn                            | at most 1600 characters | 1601 characters        |
      | ChannelFlowCallback | /ChannelArn                            | its pattern             | the text "not an arn!" |
      | ChannelFlowCallback | /ChannelMessage                        | required                | nothing                |
      | ChannelFlowCallback | /ChannelMessage/Content                | at least 1 characters   | 0 characters           |
      | ChannelFlowCallback | /ChannelMessage/ContentType            | at most 45 characters   | 46 characters          |
      | ChannelFlowCallback | /ChannelMessage/MessageId              | required                | nothing                |
      | ChannelFlowCallback | /ChannelMessage/MessageId              | at least 1 characters   | 0 characters           |
      | ChannelFlowCallback | /ChannelMessage/MessageId              | at most 128 characters  | 129 characters         |
      | ChannelFlowCallback | /ChannelMessage/MessageId              | its pattern             | the text "not an arn!" |
      | ChannelFlowCallback | /ChannelMessage/Metadata               | at most 1024 characters | 1025 characters        |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Body  | at least 1 characters   | 0 characters           |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Body  | at most 150 characters  | 151 characters         |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Title | at least 1 characters   | 0 characters           |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Title | at most 50 characters   | 51 characters          |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Type  | one of its enum values  | the text "NOT-A-VALUE" |
      | ChannelFlowCallback | /ChannelMessage/SubChannelId           | at least 1 characters   | 0 characters           |
      | ChannelFlowCallback | /ChannelMessage/SubChannelId           | at most 128 characters  | 129 characters         |
      | ChannelFlowCallback | /ChannelMessage/SubChannelId           | its pattern             | the text "not an arn!" |

    @op:CreateChannel
    Examples:
      | operation     | member                                                      | rule                    | value                  |
      | CreateChannel | /AppInstanceArn                                             | required                | nothing                |
      | CreateChannel | /AppInstanceArn                                             | at least 5 characters   | 4 characters           |
      | CreateChannel | /AppInstanceArn                                             | at most 1600 characters | 1601 characters        |
      | CreateChannel | /AppInstanceArn                                             | its pattern             | the text "not an arn!" |
      | CreateChannel | /ChannelId                                                  | at least 1 characters   | 0 characters           |
      | CreateChannel | /ChannelId                                                  | at most 64 characters   | 65 characters          |
      | CreateChannel | /ChannelId                                                  | its pattern             | the text "not an arn!" |
      | CreateChannel | /ClientRequestToken                                         | at least 2 characters   | 1 character            |
      | CreateChannel | /ClientRequestToken                                         | at most 64 characters   | 65 characters          |
      | CreateChannel | /ClientRequestToken                                         | its pattern             | the text "not an arn!" |
      | CreateChannel | /ElasticChannelConfiguration/MaximumSubChannels             | required                | nothing                |
      | CreateChannel | /ElasticChannelConfiguration/MaximumSubChannels             | at least 2              | the number 1           |
      | CreateChannel | /ElasticChannelConfiguration/MinimumMembershipPercentage    | required                | nothing                |
      | CreateChannel | /ElasticChannelConfiguration/MinimumMembershipPercentage    | at least 1              | the number 0           |
      | CreateChannel | /ElasticChannelConfiguration/MinimumMembershipPercentage    | at most 40              | the number 41          |
      | CreateChannel | /ElasticChannelConfiguration/TargetMembershipsPerSubChannel | required                | nothing                |
      | CreateChannel | /ElasticChannelConfiguration/TargetMembershipsPerSubChannel | at least 2              | the number 1           |
      | CreateChannel | /ExpirationSettings/ExpirationCriterion                     | required                | nothing                |
      | CreateChannel | /ExpirationSettings/ExpirationCriterion                     | one of its enum values  | the text "NOT-A-VALUE" |
      | CreateChannel | /ExpirationSettings/ExpirationDays                          | required                | nothing                |
      | CreateChannel | /ExpirationSettings/ExpirationDays                          | at least 1              | the number 0           |
      | CreateChannel | /ExpirationSettings/ExpirationDays                          | at most 5475            | the number 5476        |
      | CreateChannel | /MemberArns                                                 | at least 1 items        | 0 items                |
      | CreateChannel | /MemberArns                                                 | at most 10 items        | 11 items               |
      | CreateChannel | /Metadata                                                   | at most 1024 characters | 1025 characters        |
      | CreateChannel | /Mode                                                       | one of its enum values  | the text "NOT-A-VALUE" |
      | CreateChannel | /ModeratorArns                                              | at least 1 items        | 0 items                |
      | CreateChannel | /ModeratorArns                                              | at most 10 items        | 11 items               |
      | CreateChannel | /Name                                                       | required                | nothing                |
      | CreateChannel | /Name                                                       | at least 1 characters   | 0 characters           |
      | CreateChannel | /Name                                                       | at most 256 characters  | 257 characters         |
      | CreateChannel | /Name                                                       | its pattern             | the text "\\u0001"     |
      | CreateChannel | /Privacy                                                    | one of its enum values  | the text "NOT-A-VALUE" |
      | CreateChannel | /Tags                                                       | at least 1 items        | 0 items                |
      | CreateChannel | /Tags                                                       | at most 50 items        | 51 items               |

    @op:CreateChannelBan
    Examples:
      | operation        | member      | rule                    | value                  |
      | CreateChannelBan | /ChannelArn | at least 5 characters   | 4 characters           |
      | CreateChannelBan | /ChannelArn | at most 1600 characters | 1601 characters        |
      | CreateChannelBan | /ChannelArn | its pattern             | the text "not an arn!" |
      | CreateChannelBan | /MemberArn  | required                | nothing                |
      | CreateChannelBan | /MemberArn  | at least 5 characters   | 4 characters           |
      | CreateChannelBan | /MemberArn  | at most 1600 characters | 1601 characters        |
      | CreateChannelBan | /MemberArn  | its pattern             | the text "not an arn!" |

    @op:CreateChannelFlow
    Examples:
      | operation         | member              | rule                    | value                  |
      | CreateChannelFlow | /AppInstanceArn     | required                | nothing                |
      | CreateChannelFlow | /AppInstanceArn     | at least 5 characters   | 4 characters           |
      | CreateChannelFlow | /AppInstanceArn     | at most 1600 characters | 1601 characters        |
      | CreateChannelFlow | /AppInstanceArn     | its pattern             | the text "not an arn!" |
      | CreateChannelFlow | /ClientRequestToken | at least 2 characters   | 1 character            |
      | CreateChannelFlow | /ClientRequestToken | at most 64 characters   | 65 characters          |
      | CreateChannelFlow | /ClientRequestToken | its pattern             | the text "not an arn!" |
      | CreateChannelFlow | /Name               | required                | nothing                |
      | CreateChannelFlow | /Name               | at least 1 characters   | 0 characters           |
      | CreateChannelFlow | /Name               | at most 256 characters  | 257 characters         |
      | CreateChannelFlow | /Name               | its pattern             | the text "\\u0001"     |
      | CreateChannelFlow | /Processors         | required                | nothing                |
      | CreateChannelFlow | /Processors         | at least 1 items        | 0 items                |
      | CreateChannelFlow | /Processors         | at most 3 items         | 4 items                |
      | CreateChannelFlow | /Tags               | at least 1 items        | 0 items                |
      | CreateChannelFlow | /Tags               | at most 50 items        | 51 items               |

    @op:CreateChannelMembership
    Examples:
      | operation               | member        | rule                    | value                  |
      | CreateChannelMembership | /ChannelArn   | at least 5 characters   | 4 characters           |
      | CreateChannelMembership | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | CreateChannelMembership | /ChannelArn   | its pattern             | the text "not an arn!" |
      | CreateChannelMembership | /MemberArn    | required                | nothing                |
      | CreateChannelMembership | /MemberArn    | at least 5 characters   | 4 characters           |
      | CreateChannelMembership | /MemberArn    | at most 1600 characters | 1601 characters        |
      | CreateChannelMembership | /MemberArn    | its pattern             | the text "not an arn!" |
      | CreateChannelMembership | /SubChannelId | at least 1 characters   | 0 characters           |
      | CreateChannelMembership | /SubChannelId | at most 128 characters  | 129 characters         |
      | CreateChannelMembership | /SubChannelId | its pattern             | the text "not an arn!" |
      | CreateChannelMembership | /Type         | required                | nothing                |
      | CreateChannelMembership | /Type         | one of its enum values  | the text "NOT-A-VALUE" |

    @op:CreateChannelModerator
    Examples:
      | operation              | member               | rule                    | value                  |
      | CreateChannelModerator | /ChannelArn          | at least 5 characters   | 4 characters           |
      | CreateChannelModerator | /ChannelArn          | at most 1600 characters | 1601 characters        |
      | CreateChannelModerator | /ChannelArn          | its pattern             | the text "not an arn!" |
      | CreateChannelModerator | /ChannelModeratorArn | required                | nothing                |
      | CreateChannelModerator | /ChannelModeratorArn | at least 5 characters   | 4 characters           |
      | CreateChannelModerator | /ChannelModeratorArn | at most 1600 characters | 1601 characters        |
      | CreateChannelModerator | /ChannelModeratorArn | its pattern             | the text "not an arn!" |

    @op:DeleteChannel
    Examples:
      | operation     | member      | rule                    | value                  |
      | DeleteChannel | /ChannelArn | at least 5 characters   | 4 characters           |
      | DeleteChannel | /ChannelArn | at most 1600 characters | 1601 characters        |
      | DeleteChannel | /ChannelArn | its pattern             | the text "not an arn!" |

    @op:DeleteChannelBan
    Examples:
      | operation        | member      | rule                    | value                  |
      | DeleteChannelBan | /ChannelArn | at least 5 characters   | 4 characters           |
      | DeleteChannelBan | /ChannelArn | at most 1600 characters | 1601 characters        |
      | DeleteChannelBan | /ChannelArn | its pattern             | the text "not an arn!" |
      | DeleteChannelBan | /MemberArn  | at least 5 characters   | 4 characters           |
      | DeleteChannelBan | /MemberArn  | at most 1600 characters | 1601 characters        |
      | DeleteChannelBan | /MemberArn  | its pattern             | the text "not an arn!" |

    @op:DeleteChannelFlow
    Examples:
      | operation         | member          | rule                    | value                  |
      | DeleteChannelFlow | /ChannelFlowArn | at least 5 characters   | 4 characters           |
      | DeleteChannelFlow | /ChannelFlowArn | at most 1600 characters | 1601 characters        |
      | DeleteChannelFlow | /ChannelFlowArn | its pattern             | the text "not an arn!" |

    @op:DeleteChannelMembership
    Examples:
      | operation               | member        | rule                    | value                  |
      | DeleteChannelMembership | /ChannelArn   | at least 5 characters   | 4 characters           |
      | DeleteChannelMembership | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | DeleteChannelMembership | /ChannelArn   | its pattern             | the text "not an arn!" |
      | DeleteChannelMembership | /MemberArn    | at least 5 characters   | 4 characters           |
      | DeleteChannelMembership | /MemberArn    | at most 1600 characters | 1601 characters        |
      | DeleteChannelMembership | /MemberArn    | its pattern             | the text "not an arn!" |
      | DeleteChannelMembership | /SubChannelId | at least 1 characters   | 0 characters           |
      | DeleteChannelMembership | /SubChannelId | at most 128 characters  | 129 characters         |
      | DeleteChannelMembership | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:DeleteChannelMessage
    Examples:
      | operation            | member        | rule                    | value                  |
      | DeleteChannelMessage | /ChannelArn   | at least 5 characters   | 4 characters           |
      | DeleteChannelMessage | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | DeleteChannelMessage | /ChannelArn   | its pattern             | the text "not an arn!" |
      | DeleteChannelMessage | /MessageId    | at most 128 characters  | 129 characters         |
      | DeleteChannelMessage | /MessageId    | its pattern             | the text "not an arn!" |
      | DeleteChannelMessage | /SubChannelId | at least 1 characters   | 0 characters           |
      | DeleteChannelMessage | /SubChannelId | at most 128 characters  | 129 characters         |
      | DeleteChannelMessage | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:DeleteChannelModerator
    Examples:
      | operation              | member               | rule                    | value                  |
      | DeleteChannelModerator | /ChannelArn          | at least 5 characters   | 4 characters           |
      | DeleteChannelModerator | /ChannelArn          | at most 1600 characters | 1601 characters        |
      | DeleteChannelModerator | /ChannelArn          | its pattern             | the text "not an arn!" |
      | DeleteChannelModerator | /ChannelModeratorArn | at least 5 characters   | 4 characters           |
      | DeleteChannelModerator | /ChannelModeratorArn | at most 1600 characters | 1601 characters        |
      | DeleteChannelModerator | /ChannelModeratorArn | its pattern             | the text "not an arn!" |

    @op:DeleteMessagingStreamingConfigurations
    Examples:
      | operation                              | member          | rule                    | value                  |
      | DeleteMessagingStreamingConfigurations | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | DeleteMessagingStreamingConfigurations | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | DeleteMessagingStreamingConfigurations | /AppInstanceArn | its pattern             | the text "not an arn!" |

    @op:DescribeChannel
    Examples:
      | operation       | member      | rule                    | value                  |
      | DescribeChannel | /ChannelArn | at least 5 characters   | 4 characters           |
      | DescribeChannel | /ChannelArn | at most 1600 characters | 1601 characters        |
      | DescribeChannel | /ChannelArn | its pattern             | the text "not an arn!" |

    @op:DescribeChannelBan
    Examples:
      | operation          | member      | rule                    | value                  |
      | DescribeChannelBan | /ChannelArn | at least 5 characters   | 4 characters           |
      | DescribeChannelBan | /ChannelArn | at most 1600 characters | 1601 characters        |
      | DescribeChannelBan | /ChannelArn | its pattern             | the text "not an arn!" |
      | DescribeChannelBan | /MemberArn  | at least 5 characters   | 4 characters           |
      | DescribeChannelBan | /MemberArn  | at most 1600 characters | 1601 characters        |
      | DescribeChannelBan | /MemberArn  | its pattern             | the text "not an arn!" |

    @op:DescribeChannelFlow
    Examples:
      | operation           | member          | rule                    | value                  |
      | DescribeChannelFlow | /ChannelFlowArn | at least 5 characters   | 4 characters           |
      | DescribeChannelFlow | /ChannelFlowArn | at most 1600 characters | 1601 characters        |
      | DescribeChannelFlow | /ChannelFlowArn | its pattern             | the text "not an arn!" |

    @op:DescribeChannelMembership
    Examples:
      | operation                 | member        | rule                    | value                  |
      | DescribeChannelMembership | /ChannelArn   | at least 5 characters   | 4 characters           |
      | DescribeChannelMembership | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | DescribeChannelMembership | /ChannelArn   | its pattern             | the text "not an arn!" |
      | DescribeChannelMembership | /MemberArn    | at least 5 characters   | 4 characters           |
      | DescribeChannelMembership | /MemberArn    | at most 1600 characters | 1601 characters        |
      | DescribeChannelMembership | /MemberArn    | its pattern             | the text "not an arn!" |
      | DescribeChannelMembership | /SubChannelId | at least 1 characters   | 0 characters           |
      | DescribeChannelMembership | /SubChannelId | at most 128 characters  | 129 characters         |
      | DescribeChannelMembership | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:DescribeChannelMembershipForAppInstanceUser
    Examples:
      | operation                                   | member              | rule                    | value                  |
      | DescribeChannelMembershipForAppInstanceUser | /AppInstanceUserArn | required                | nothing                |
      | DescribeChannelMembershipForAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | DescribeChannelMembershipForAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | DescribeChannelMembershipForAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | DescribeChannelMembershipForAppInstanceUser | /ChannelArn         | at least 5 characters   | 4 characters           |
      | DescribeChannelMembershipForAppInstanceUser | /ChannelArn         | at most 1600 characters | 1601 characters        |
      | DescribeChannelMembershipForAppInstanceUser | /ChannelArn         | its pattern             | the text "not an arn!" |

    @op:DescribeChannelModeratedByAppInstanceUser
    Examples:
      | operation                                 | member              | rule                    | value                  |
      | DescribeChannelModeratedByAppInstanceUser | /AppInstanceUserArn | required                | nothing                |
      | DescribeChannelModeratedByAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | DescribeChannelModeratedByAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | DescribeChannelModeratedByAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | DescribeChannelModeratedByAppInstanceUser | /ChannelArn         | at least 5 characters   | 4 characters           |
      | DescribeChannelModeratedByAppInstanceUser | /ChannelArn         | at most 1600 characters | 1601 characters        |
      | DescribeChannelModeratedByAppInstanceUser | /ChannelArn         | its pattern             | the text "not an arn!" |

    @op:DescribeChannelModerator
    Examples:
      | operation                | member               | rule                    | value                  |
      | DescribeChannelModerator | /ChannelArn          | at least 5 characters   | 4 characters           |
      | DescribeChannelModerator | /ChannelArn          | at most 1600 characters | 1601 characters        |
      | DescribeChannelModerator | /ChannelArn          | its pattern             | the text "not an arn!" |
      | DescribeChannelModerator | /ChannelModeratorArn | at least 5 characters   | 4 characters           |
      | DescribeChannelModerator | /ChannelModeratorArn | at most 1600 characters | 1601 characters        |
      | DescribeChannelModerator | /ChannelModeratorArn | its pattern             | the text "not an arn!" |

    @op:DisassociateChannelFlow
    Examples:
      | operation               | member          | rule                    | value                  |
      | DisassociateChannelFlow | /ChannelArn     | at least 5 characters   | 4 characters           |
      | DisassociateChannelFlow | /ChannelArn     | at most 1600 characters | 1601 characters        |
      | DisassociateChannelFlow | /ChannelArn     | its pattern             | the text "not an arn!" |
      | DisassociateChannelFlow | /ChannelFlowArn | at least 5 characters   | 4 characters           |
      | DisassociateChannelFlow | /ChannelFlowArn | at most 1600 characters | 1601 characters        |
      | DisassociateChannelFlow | /ChannelFlowArn | its pattern             | the text "not an arn!" |

    @op:GetChannelMembershipPreferences
    Examples:
      | operation                       | member      | rule                    | value                  |
      | GetChannelMembershipPreferences | /ChannelArn | at least 5 characters   | 4 characters           |
      | GetChannelMembershipPreferences | /ChannelArn | at most 1600 characters | 1601 characters        |
      | GetChannelMembershipPreferences | /ChannelArn | its pattern             | the text "not an arn!" |
      | GetChannelMembershipPreferences | /MemberArn  | at least 5 characters   | 4 characters           |
      | GetChannelMembershipPreferences | /MemberArn  | at most 1600 characters | 1601 characters        |
      | GetChannelMembershipPreferences | /MemberArn  | its pattern             | the text "not an arn!" |

    @op:GetChannelMessage
    Examples:
      | operation         | member        | rule                    | value                  |
      | GetChannelMessage | /ChannelArn   | at least 5 characters   | 4 characters           |
      | GetChannelMessage | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | GetChannelMessage | /ChannelArn   | its pattern             | the text "not an arn!" |
      | GetChannelMessage | /MessageId    | at most 128 characters  | 129 characters         |
      | GetChannelMessage | /MessageId    | its pattern             | the text "not an arn!" |
      | GetChannelMessage | /SubChannelId | at least 1 characters   | 0 characters           |
      | GetChannelMessage | /SubChannelId | at most 128 characters  | 129 characters         |
      | GetChannelMessage | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:GetChannelMessageStatus
    Examples:
      | operation               | member        | rule                    | value                  |
      | GetChannelMessageStatus | /ChannelArn   | at least 5 characters   | 4 characters           |
      | GetChannelMessageStatus | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | GetChannelMessageStatus | /ChannelArn   | its pattern             | the text "not an arn!" |
      | GetChannelMessageStatus | /MessageId    | at most 128 characters  | 129 characters         |
      | GetChannelMessageStatus | /MessageId    | its pattern             | the text "not an arn!" |
      | GetChannelMessageStatus | /SubChannelId | at least 1 characters   | 0 characters           |
      | GetChannelMessageStatus | /SubChannelId | at most 128 characters  | 129 characters         |
      | GetChannelMessageStatus | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:GetMessagingStreamingConfigurations
    Examples:
      | operation                           | member          | rule                    | value                  |
      | GetMessagingStreamingConfigurations | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | GetMessagingStreamingConfigurations | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | GetMessagingStreamingConfigurations | /AppInstanceArn | its pattern             | the text "not an arn!" |

    @op:ListChannelBans
    Examples:
      | operation       | member      | rule                    | value                  |
      | ListChannelBans | /ChannelArn | at least 5 characters   | 4 characters           |
      | ListChannelBans | /ChannelArn | at most 1600 characters | 1601 characters        |
      | ListChannelBans | /ChannelArn | its pattern             | the text "not an arn!" |
      | ListChannelBans | /MaxResults | at least 1              | the number 0           |
      | ListChannelBans | /MaxResults | at most 50              | the number 51          |
      | ListChannelBans | /NextToken  | at most 2048 characters | 2049 characters        |

    @op:ListChannelFlows
    Examples:
      | operation        | member          | rule                    | value                  |
      | ListChannelFlows | /AppInstanceArn | required                | nothing                |
      | ListChannelFlows | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | ListChannelFlows | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | ListChannelFlows | /AppInstanceArn | its pattern             | the text "not an arn!" |
      | ListChannelFlows | /MaxResults     | at least 1              | the number 0           |
      | ListChannelFlows | /MaxResults     | at most 50              | the number 51          |
      | ListChannelFlows | /NextToken      | at most 2048 characters | 2049 characters        |

    @op:ListChannelMemberships
    Examples:
      | operation              | member        | rule                    | value                  |
      | ListChannelMemberships | /ChannelArn   | at least 5 characters   | 4 characters           |
      | ListChannelMemberships | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | ListChannelMemberships | /ChannelArn   | its pattern             | the text "not an arn!" |
      | ListChannelMemberships | /MaxResults   | at least 1              | the number 0           |
      | ListChannelMemberships | /MaxResults   | at most 50              | the number 51          |
      | ListChannelMemberships | /NextToken    | at most 2048 characters | 2049 characters        |
      | ListChannelMemberships | /SubChannelId | at least 1 characters   | 0 characters           |
      | ListChannelMemberships | /SubChannelId | at most 128 characters  | 129 characters         |
      | ListChannelMemberships | /SubChannelId | its pattern             | the text "not an arn!" |
      | ListChannelMemberships | /Type         | one of its enum values  | the text "NOT-A-VALUE" |

    @op:ListChannelMembershipsForAppInstanceUser
    Examples:
      | operation                                | member              | rule                    | value                  |
      | ListChannelMembershipsForAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | ListChannelMembershipsForAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | ListChannelMembershipsForAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | ListChannelMembershipsForAppInstanceUser | /MaxResults         | at least 1              | the number 0           |
      | ListChannelMembershipsForAppInstanceUser | /MaxResults         | at most 50              | the number 51          |
      | ListChannelMembershipsForAppInstanceUser | /NextToken          | at most 2048 characters | 2049 characters        |

    @op:ListChannelMessages
    Examples:
      | operation           | member        | rule                    | value                  |
      | ListChannelMessages | /ChannelArn   | at least 5 characters   | 4 characters           |
      | ListChannelMessages | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | ListChannelMessages | /ChannelArn   | its pattern             | the text "not an arn!" |
      | ListChannelMessages | /MaxResults   | at least 1              | the number 0           |
      | ListChannelMessages | /MaxResults   | at most 50              | the number 51          |
      | ListChannelMessages | /NextToken    | at most 2048 characters | 2049 characters        |
      | ListChannelMessages | /SortOrder    | one of its enum values  | the text "NOT-A-VALUE" |
      | ListChannelMessages | /SubChannelId | at least 1 characters   | 0 characters           |
      | ListChannelMessages | /SubChannelId | at most 128 characters  | 129 characters         |
      | ListChannelMessages | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:ListChannelModerators
    Examples:
      | operation             | member      | rule                    | value                  |
      | ListChannelModerators | /ChannelArn | at least 5 characters   | 4 characters           |
      | ListChannelModerators | /ChannelArn | at most 1600 characters | 1601 characters        |
      | ListChannelModerators | /ChannelArn | its pattern             | the text "not an arn!" |
      | ListChannelModerators | /MaxResults | at least 1              | the number 0           |
      | ListChannelModerators | /MaxResults | at most 50              | the number 51          |
      | ListChannelModerators | /NextToken  | at most 2048 characters | 2049 characters        |

    @op:ListChannels
    Examples:
      | operation    | member          | rule                    | value                  |
      | ListChannels | /AppInstanceArn | required                | nothing                |
      | ListChannels | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | ListChannels | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | ListChannels | /AppInstanceArn | its pattern             | the text "not an arn!" |
      | ListChannels | /MaxResults     | at least 1              | the number 0           |
      | ListChannels | /MaxResults     | at most 50              | the number 51          |
      | ListChannels | /NextToken      | at most 2048 characters | 2049 characters        |
      | ListChannels | /Privacy        | one of its enum values  | the text "NOT-A-VALUE" |

    @op:ListChannelsAssociatedWithChannelFlow
    Examples:
      | operation                             | member          | rule                    | value                  |
      | ListChannelsAssociatedWithChannelFlow | /ChannelFlowArn | required                | nothing                |
      | ListChannelsAssociatedWithChannelFlow | /ChannelFlowArn | at least 5 characters   | 4 characters           |
      | ListChannelsAssociatedWithChannelFlow | /ChannelFlowArn | at most 1600 characters | 1601 characters        |
      | ListChannelsAssociatedWithChannelFlow | /ChannelFlowArn | its pattern             | the text "not an arn!" |
      | ListChannelsAssociatedWithChannelFlow | /MaxResults     | at least 1              | the number 0           |
      | ListChannelsAssociatedWithChannelFlow | /MaxResults     | at most 50              | the number 51          |
      | ListChannelsAssociatedWithChannelFlow | /NextToken      | at most 2048 characters | 2049 characters        |

    @op:ListChannelsModeratedByAppInstanceUser
    Examples:
      | operation                              | member              | rule                    | value                  |
      | ListChannelsModeratedByAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | ListChannelsModeratedByAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | ListChannelsModeratedByAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | ListChannelsModeratedByAppInstanceUser | /MaxResults         | at least 1              | the number 0           |
      | ListChannelsModeratedByAppInstanceUser | /MaxResults         | at most 50              | the number 51          |
      | ListChannelsModeratedByAppInstanceUser | /NextToken          | at most 2048 characters | 2049 characters        |

    @op:ListSubChannels
    Examples:
      | operation       | member      | rule                    | value                  |
      | ListSubChannels | /ChannelArn | at least 5 characters   | 4 characters           |
      | ListSubChannels | /ChannelArn | at most 1600 characters | 1601 characters        |
      | ListSubChannels | /ChannelArn | its pattern             | the text "not an arn!" |
      | ListSubChannels | /MaxResults | at least 1              | the number 0           |
      | ListSubChannels | /MaxResults | at most 50              | the number 51          |
      | ListSubChannels | /NextToken  | at most 2048 characters | 2049 characters        |

    @op:messaging:ListTagsForResource
    Examples:
      | operation                     | member       | rule                    | value                  |
      | messaging:ListTagsForResource | /ResourceARN | required                | nothing                |
      | messaging:ListTagsForResource | /ResourceARN | at least 5 characters   | 4 characters           |
      | messaging:ListTagsForResource | /ResourceARN | at most 1600 characters | 1601 characters        |
      | messaging:ListTagsForResource | /ResourceARN | its pattern             | the text "not an arn!" |

    @op:PutChannelExpirationSettings
    Examples:
      | operation                    | member                                  | rule                    | value                  |
      | PutChannelExpirationSettings | /ChannelArn                             | at least 5 characters   | 4 characters           |
      | PutChannelExpirationSettings | /ChannelArn                             | at most 1600 characters | 1601 characters        |
      | PutChannelExpirationSettings | /ChannelArn                             | its pattern             | the text "not an arn!" |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationCriterion | required                | nothing                |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationCriterion | one of its enum values  | the text "NOT-A-VALUE" |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationDays      | required                | nothing                |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationDays      | at least 1              | the number 0           |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationDays      | at most 5475            | the number 5476        |

    @op:PutChannelMembershipPreferences
    Examples:
      | operation                       | member                                            | rule                    | value                  |
      | PutChannelMembershipPreferences | /ChannelArn                                       | at least 5 characters   | 4 characters           |
      | PutChannelMembershipPreferences | /ChannelArn                                       | at most 1600 characters | 1601 characters        |
      | PutChannelMembershipPreferences | /ChannelArn                                       | its pattern             | the text "not an arn!" |
      | PutChannelMembershipPreferences | /MemberArn                                        | at least 5 characters   | 4 characters           |
      | PutChannelMembershipPreferences | /MemberArn                                        | at most 1600 characters | 1601 characters        |
      | PutChannelMembershipPreferences | /MemberArn                                        | its pattern             | the text "not an arn!" |
      | PutChannelMembershipPreferences | /Preferences                                      | required                | nothing                |
      | PutChannelMembershipPreferences | /Preferences/PushNotifications/AllowNotifications | required                | nothing                |
      | PutChannelMembershipPreferences | /Preferences/PushNotifications/AllowNotifications | one of its enum values  | the text "NOT-A-VALUE" |
      | PutChannelMembershipPreferences | /Preferences/PushNotifications/FilterRule         | at least 1 characters   | 0 characters           |

    @op:PutMessagingStreamingConfigurations
    Examples:
      | operation                           | member                   | rule                    | value                  |
      | PutMessagingStreamingConfigurations | /AppInstanceArn          | at least 5 characters   | 4 characters           |
      | PutMessagingStreamingConfigurations | /AppInstanceArn          | at most 1600 characters | 1601 characters        |
      | PutMessagingStreamingConfigurations | /AppInstanceArn          | its pattern             | the text "not an arn!" |
      | PutMessagingStreamingConfigurations | /StreamingConfigurations | required                | nothing                |
      | PutMessagingStreamingConfigurations | /StreamingConfigurations | at least 1 items        | 0 items                |
      | PutMessagingStreamingConfigurations | /StreamingConfigurations | at most 2 items         | 3 items                |

    @op:RedactChannelMessage
    Examples:
      | operation            | member        | rule                    | value                  |
      | RedactChannelMessage | /ChannelArn   | at least 5 characters   | 4 characters           |
      | RedactChannelMessage | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | RedactChannelMessage | /ChannelArn   | its pattern             | the text "not an arn!" |
      | RedactChannelMessage | /MessageId    | at most 128 characters  | 129 characters         |
      | RedactChannelMessage | /MessageId    | its pattern             | the text "not an arn!" |
      | RedactChannelMessage | /SubChannelId | at least 1 characters   | 0 characters           |
      | RedactChannelMessage | /SubChannelId | at most 128 characters  | 129 characters         |
      | RedactChannelMessage | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:SearchChannels
    Examples:
      | operation      | member      | rule                    | value           |
      | SearchChannels | /Fields     | required                | nothing         |
      | SearchChannels | /Fields     | at least 1 items        | 0 items         |
      | SearchChannels | /Fields     | at most 20 items        | 21 items        |
      | SearchChannels | /MaxResults | at least 1              | the number 0    |
      | SearchChannels | /MaxResults | at most 50              | the number 51   |
      | SearchChannels | /NextToken  | at most 2048 characters | 2049 characters |

    @op:SendChannelMessage
    Examples:
      | operation          | member                  | rule                    | value                  |
      | SendChannelMessage | /ChannelArn             | at least 5 characters   | 4 characters           |
      | SendChannelMessage | /ChannelArn             | at most 1600 characters | 1601 characters        |
      | SendChannelMessage | /ChannelArn             | its pattern             | the text "not an arn!" |
      | SendChannelMessage | /ClientRequestToken     | at least 2 characters   | 1 character            |
      | SendChannelMessage | /ClientRequestToken     | at most 64 characters   | 65 characters          |
      | SendChannelMessage | /ClientRequestToken     | its pattern             | the text "not an arn!" |
      | SendChannelMessage | /Content                | required                | nothing                |
      | SendChannelMessage | /Content                | at least 1 characters   | 0 characters           |
      | SendChannelMessage | /ContentType            | at most 45 characters   | 46 characters          |
      | SendChannelMessage | /Metadata               | at most 1024 characters | 1025 characters        |
      | SendChannelMessage | /Persistence            | required                | nothing                |
      | SendChannelMessage | /Persistence            | one of its enum values  | the text "NOT-A-VALUE" |
      | SendChannelMessage | /PushNotification/Body  | at least 1 characters   | 0 characters           |
      | SendChannelMessage | /PushNotification/Body  | at most 150 characters  | 151 characters         |
      | SendChannelMessage | /PushNotification/Title | at least 1 characters   | 0 characters           |
      | SendChannelMessage | /PushNotification/Title | at most 50 characters   | 51 characters          |
      | SendChannelMessage | /PushNotification/Type  | one of its enum values  | the text "NOT-A-VALUE" |
      | SendChannelMessage | /SubChannelId           | at least 1 characters   | 0 characters           |
      | SendChannelMessage | /SubChannelId           | at most 128 characters  | 129 characters         |
      | SendChannelMessage | /SubChannelId           | its pattern             | the text "not an arn!" |
      | SendChannelMessage | /Target                 | at least 1 items        | 0 items                |
      | SendChannelMessage | /Target                 | at most 1 items         | 2 items                |
      | SendChannelMessage | /Type                   | required                | nothing                |
      | SendChannelMessage | /Type                   | one of its enum values  | the text "NOT-A-VALUE" |

    @op:messaging:TagResource
    Examples:
      | operation             | member       | rule                    | value                  |
      | messaging:TagResource | /ResourceARN | required                | nothing                |
      | messaging:TagResource | /ResourceARN | at least 5 characters   | 4 characters           |
      | messaging:TagResource | /ResourceARN | at most 1600 characters | 1601 characters        |
      | messaging:TagResource | /ResourceARN | its pattern             | the text "not an arn!" |
      | messaging:TagResource | /Tags        | required                | nothing                |
      | messaging:TagResource | /Tags        | at least 1 items        | 0 items                |
      | messaging:TagResource | /Tags        | at most 50 items        | 51 items               |

    @op:messaging:UntagResource
    Examples:
      | operation               | member       | rule                    | value                  |
      | messaging:UntagResource | /ResourceARN | required                | nothing                |
      | messaging:UntagResource | /ResourceARN | at least 5 characters   | 4 characters           |
      | messaging:UntagResource | /ResourceARN | at most 1600 characters | 1601 characters        |
      | messaging:UntagResource | /ResourceARN | its pattern             | the text "not an arn!" |
      | messaging:UntagResource | /TagKeys     | required                | nothing                |
      | messaging:UntagResource | /TagKeys     | at least 1 items        | 0 items                |
      | messaging:UntagResource | /TagKeys     | at most 50 items        | 51 items               |

    @op:UpdateChannel
    Examples:
      | operation     | member      | rule                    | value                  |
      | UpdateChannel | /ChannelArn | at least 5 characters   | 4 characters           |
      | UpdateChannel | /ChannelArn | at most 1600 characters | 1601 characters        |
      | UpdateChannel | /ChannelArn | its pattern             | the text "not an arn!" |
      | UpdateChannel | /Metadata   | at most 1024 characters | 1025 characters        |
      | UpdateChannel | /Mode       | one of its enum values  | the text "NOT-A-VALUE" |
      | UpdateChannel | /Name       | at least 1 characters   | 0 characters           |
      | UpdateChannel | /Name       | at most 256 characters  | 257 characters         |
      | UpdateChannel | /Name       | its pattern             | the text "\\u0001"     |

    @op:UpdateChannelFlow
    Examples:
      | operation         | member          | rule                    | value                  |
      | UpdateChannelFlow | /ChannelFlowArn | at least 5 characters   | 4 characters           |
      | UpdateChannelFlow | /ChannelFlowArn | at most 1600 characters | 1601 characters        |
      | UpdateChannelFlow | /ChannelFlowArn | its pattern             | the text "not an arn!" |
      | UpdateChannelFlow | /Name           | required                | nothing                |
      | UpdateChannelFlow | /Name           | at least 1 characters   | 0 characters           |
      | UpdateChannelFlow | /Name           | at most 256 characters  | 257 characters         |
      | UpdateChannelFlow | /Name           | its pattern             | the text "\\u0001"     |
      | UpdateChannelFlow | /Processors     | required                | nothing                |
      | UpdateChannelFlow | /Processors     | at least 1 items        | 0 items                |
      | UpdateChannelFlow | /Processors     | at most 3 items         | 4 items                |

    @op:UpdateChannelMessage
    Examples:
      | operation            | member        | rule                    | value                  |
      | UpdateChannelMessage | /ChannelArn   | at least 5 characters   | 4 characters           |
      | UpdateChannelMessage | /ChannelArn   | at most 1600 characters | 1601 characters        |
      | UpdateChannelMessage | /ChannelArn   | its pattern             | the text "not an arn!" |
      | UpdateChannelMessage | /Content      | required                | nothing                |
      | UpdateChannelMessage | /Content      | at least 1 characters   | 0 characters           |
      | UpdateChannelMessage | /ContentType  | at most 45 characters   | 46 characters          |
      | UpdateChannelMessage | /MessageId    | at most 128 characters  | 129 characters         |
      | UpdateChannelMessage | /MessageId    | its pattern             | the text "not an arn!" |
      | UpdateChannelMessage | /Metadata     | at most 1024 characters | 1025 characters        |
      | UpdateChannelMessage | /SubChannelId | at least 1 characters   | 0 characters           |
      | UpdateChannelMessage | /SubChannelId | at most 128 characters  | 129 characters         |
      | UpdateChannelMessage | /SubChannelId | its pattern             | the text "not an arn!" |

    @op:UpdateChannelReadMarker
    Examples:
      | operation               | member      | rule                    | value                  |
      | UpdateChannelReadMarker | /ChannelArn | at least 5 characters   | 4 characters           |
      | UpdateChannelReadMarker | /ChannelArn | at most 1600 characters | 1601 characters        |
      | UpdateChannelReadMarker | /ChannelArn | its pattern             | the text "not an arn!" |

  @B-WIRE-14 @model
  Scenario Outline: <operation> takes <member> set to <value>, the boundary of "<rule>"
    When alice calls <operation> with "<member>" set to <value>
    Then the call is not refused as invalid input

    @op:ChannelFlowCallback
    Examples:
      | operation           | member                                 | rule                    | value           |
      | ChannelFlowCallback | /CallbackId                            | at least 32 characters  | 32 characters   |
      | ChannelFlowCallback | /CallbackId                            | at most 64 characters   | 64 characters   |
      | ChannelFlowCallback | /ChannelMessage/Content                | at least 1 characters   | 1 character     |
      | ChannelFlowCallback | /ChannelMessage/ContentType            | at most 45 characters   | 45 characters   |
      | ChannelFlowCallback | /ChannelMessage/MessageId              | at least 1 characters   | 1 character     |
      | ChannelFlowCallback | /ChannelMessage/MessageId              | at most 128 characters  | 128 characters  |
      | ChannelFlowCallback | /ChannelMessage/Metadata               | at most 1024 characters | 1024 characters |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Body  | at least 1 characters   | 1 character     |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Body  | at most 150 characters  | 150 characters  |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Title | at least 1 characters   | 1 character     |
      | ChannelFlowCallback | /ChannelMessage/PushNotification/Title | at most 50 characters   | 50 characters   |

    @op:CreateChannel
    Examples:
      | operation     | member                                                      | rule                    | value           |
      | CreateChannel | /ChannelId                                                  | at least 1 characters   | 1 character     |
      | CreateChannel | /ChannelId                                                  | at most 64 characters   | 64 characters   |
      | CreateChannel | /ClientRequestToken                                         | at least 2 characters   | 2 characters    |
      | CreateChannel | /ClientRequestToken                                         | at most 64 characters   | 64 characters   |
      | CreateChannel | /ElasticChannelConfiguration/MaximumSubChannels             | at least 2              | the number 2    |
      | CreateChannel | /ElasticChannelConfiguration/MinimumMembershipPercentage    | at least 1              | the number 1    |
      | CreateChannel | /ElasticChannelConfiguration/MinimumMembershipPercentage    | at most 40              | the number 40   |
      | CreateChannel | /ElasticChannelConfiguration/TargetMembershipsPerSubChannel | at least 2              | the number 2    |
      | CreateChannel | /ExpirationSettings/ExpirationDays                          | at least 1              | the number 1    |
      | CreateChannel | /ExpirationSettings/ExpirationDays                          | at most 5475            | the number 5475 |
      | CreateChannel | /Metadata                                                   | at most 1024 characters | 1024 characters |
      | CreateChannel | /Name                                                       | at least 1 characters   | 1 character     |
      | CreateChannel | /Name                                                       | at most 256 characters  | 256 characters  |
      | CreateChannel | /Tags                                                       | at least 1 items        | 1 item          |

    @op:CreateChannelFlow
    Examples:
      | operation         | member              | rule                   | value          |
      | CreateChannelFlow | /ClientRequestToken | at least 2 characters  | 2 characters   |
      | CreateChannelFlow | /ClientRequestToken | at most 64 characters  | 64 characters  |
      | CreateChannelFlow | /Name               | at least 1 characters  | 1 character    |
      | CreateChannelFlow | /Name               | at most 256 characters | 256 characters |
      | CreateChannelFlow | /Processors         | at least 1 items       | 1 item         |
      | CreateChannelFlow | /Tags               | at least 1 items       | 1 item         |

    @op:DeleteChannelMessage
    Examples:
      | operation            | member     | rule                   | value          |
      | DeleteChannelMessage | /MessageId | at most 128 characters | 128 characters |

    @op:GetChannelMessage
    Examples:
      | operation         | member     | rule                   | value          |
      | GetChannelMessage | /MessageId | at most 128 characters | 128 characters |

    @op:GetChannelMessageStatus
    Examples:
      | operation               | member     | rule                   | value          |
      | GetChannelMessageStatus | /MessageId | at most 128 characters | 128 characters |

    @op:ListChannelBans
    Examples:
      | operation       | member      | rule       | value         |
      | ListChannelBans | /MaxResults | at least 1 | the number 1  |
      | ListChannelBans | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelFlows
    Examples:
      | operation        | member      | rule       | value         |
      | ListChannelFlows | /MaxResults | at least 1 | the number 1  |
      | ListChannelFlows | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelMemberships
    Examples:
      | operation              | member      | rule       | value         |
      | ListChannelMemberships | /MaxResults | at least 1 | the number 1  |
      | ListChannelMemberships | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelMembershipsForAppInstanceUser
    Examples:
      | operation                                | member      | rule       | value         |
      | ListChannelMembershipsForAppInstanceUser | /MaxResults | at least 1 | the number 1  |
      | ListChannelMembershipsForAppInstanceUser | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelMessages
    Examples:
      | operation           | member      | rule       | value         |
      | ListChannelMessages | /MaxResults | at least 1 | the number 1  |
      | ListChannelMessages | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelModerators
    Examples:
      | operation             | member      | rule       | value         |
      | ListChannelModerators | /MaxResults | at least 1 | the number 1  |
      | ListChannelModerators | /MaxResults | at most 50 | the number 50 |

    @op:ListChannels
    Examples:
      | operation    | member      | rule       | value         |
      | ListChannels | /MaxResults | at least 1 | the number 1  |
      | ListChannels | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelsAssociatedWithChannelFlow
    Examples:
      | operation                             | member      | rule       | value         |
      | ListChannelsAssociatedWithChannelFlow | /MaxResults | at least 1 | the number 1  |
      | ListChannelsAssociatedWithChannelFlow | /MaxResults | at most 50 | the number 50 |

    @op:ListChannelsModeratedByAppInstanceUser
    Examples:
      | operation                              | member      | rule       | value         |
      | ListChannelsModeratedByAppInstanceUser | /MaxResults | at least 1 | the number 1  |
      | ListChannelsModeratedByAppInstanceUser | /MaxResults | at most 50 | the number 50 |

    @op:PutChannelExpirationSettings
    Examples:
      | operation                    | member                             | rule         | value           |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationDays | at least 1   | the number 1    |
      | PutChannelExpirationSettings | /ExpirationSettings/ExpirationDays | at most 5475 | the number 5475 |

    @op:PutChannelMembershipPreferences
    Examples:
      | operation                       | member                                    | rule                  | value       |
      | PutChannelMembershipPreferences | /Preferences/PushNotifications/FilterRule | at least 1 characters | 1 character |

    @op:PutMessagingStreamingConfigurations
    Examples:
      | operation                           | member                   | rule             | value  |
      | PutMessagingStreamingConfigurations | /StreamingConfigurations | at least 1 items | 1 item |

    @op:RedactChannelMessage
    Examples:
      | operation            | member     | rule                   | value          |
      | RedactChannelMessage | /MessageId | at most 128 characters | 128 characters |

    @op:SearchChannels
    Examples:
      | operation      | member      | rule             | value         |
      | SearchChannels | /Fields     | at least 1 items | 1 item        |
      | SearchChannels | /MaxResults | at least 1       | the number 1  |
      | SearchChannels | /MaxResults | at most 50       | the number 50 |

    @op:SendChannelMessage
    Examples:
      | operation          | member                  | rule                    | value           |
      | SendChannelMessage | /ClientRequestToken     | at least 2 characters   | 2 characters    |
      | SendChannelMessage | /ClientRequestToken     | at most 64 characters   | 64 characters   |
      | SendChannelMessage | /Content                | at least 1 characters   | 1 character     |
      | SendChannelMessage | /ContentType            | at most 45 characters   | 45 characters   |
      | SendChannelMessage | /Metadata               | at most 1024 characters | 1024 characters |
      | SendChannelMessage | /PushNotification/Body  | at least 1 characters   | 1 character     |
      | SendChannelMessage | /PushNotification/Body  | at most 150 characters  | 150 characters  |
      | SendChannelMessage | /PushNotification/Title | at least 1 characters   | 1 character     |
      | SendChannelMessage | /PushNotification/Title | at most 50 characters   | 50 characters   |
      | SendChannelMessage | /Target                 | at least 1 items        | 1 item          |

    @op:messaging:TagResource
    Examples:
      | operation             | member | rule             | value  |
      | messaging:TagResource | /Tags  | at least 1 items | 1 item |

    @op:messaging:UntagResource
    Examples:
      | operation               | member   | rule             | value    |
      | messaging:UntagResource | /TagKeys | at least 1 items | 1 item   |
      | messaging:UntagResource | /TagKeys | at most 50 items | 50 items |

    @op:UpdateChannel
    Examples:
      | operation     | member    | rule                    | value           |
      | UpdateChannel | /Metadata | at most 1024 characters | 1024 characters |
      | UpdateChannel | /Name     | at least 1 characters   | 1 character     |
      | UpdateChannel | /Name     | at most 256 characters  | 256 characters  |

    @op:UpdateChannelFlow
    Examples:
      | operation         | member      | rule                   | value          |
      | UpdateChannelFlow | /Name       | at least 1 characters  | 1 character    |
      | UpdateChannelFlow | /Name       | at most 256 characters | 256 characters |
      | UpdateChannelFlow | /Processors | at least 1 items       | 1 item         |

    @op:UpdateChannelMessage
    Examples:
      | operation            | member       | rule                    | value           |
      | UpdateChannelMessage | /Content     | at least 1 characters   | 1 character     |
      | UpdateChannelMessage | /ContentType | at most 45 characters   | 45 characters   |
      | UpdateChannelMessage | /MessageId   | at most 128 characters  | 128 characters  |
      | UpdateChannelMessage | /Metadata    | at most 1024 characters | 1024 characters |
