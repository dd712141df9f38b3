# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every identity input member is held to its modelled constraints
  B-WIRE-14: each member of each identity operation's input, at the first value past each
  constraint the model states (required, length, range, enum, pattern, list size), is refused
  with BadRequestException, and at the boundary value itself is not refused as invalid input
  (233 values past a constraint, 62 boundary values). A valid input is the model's sample
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

    @op:CreateAppInstance
    Examples:
      | operation         | member              | rule                    | value                  |
      | CreateAppInstance | /ClientRequestToken | at least 2 characters   | 1 character            |
      | CreateAppInstance | /ClientRequestToken | at most 64 characters   | 65 characters          |
      | CreateAppInstance | /ClientRequestToken | its pattern             | the text "not an arn!" |
      | CreateAppInstance | /Metadata           | at most 1024 characters | 1025 characters        |
      | CreateAppInstance | /Name               | required                | nothing                |
      | CreateAppInstance | /Name               | at least 1 characters   | 0 characters           |
      | CreateAppInstance | /Name               | at most 256 characters  | 257 characters         |
      | CreateAppInstance | /Name               | its pattern             | the text "\\u0001"     |
      | CreateAppInstance | /Tags               | at least 1 items        | 0 items                |
      | CreateAppInstance | /Tags               | at most 50 items        | 51 items               |

    @op:CreateAppInstanceAdmin
    Examples:
      | operation              | member               | rule                    | value                  |
      | CreateAppInstanceAdmin | /AppInstanceAdminArn | required                | nothing                |
      | CreateAppInstanceAdmin | /AppInstanceAdminArn | at least 5 characters   | 4 characters           |
      | CreateAppInstanceAdmin | /AppInstanceAdminArn | at most 1600 characters | 1601 characters        |
      | CreateAppInstanceAdmin | /AppInstanceAdminArn | its pattern             | the text "not an arn!" |
      | CreateAppInstanceAdmin | /AppInstanceArn      | at least 5 characters   | 4 characters           |
      | CreateAppInstanceAdmin | /AppInstanceArn      | at most 1600 characters | 1601 characters        |
      | CreateAppInstanceAdmin | /AppInstanceArn      | its pattern             | the text "not an arn!" |

    @op:CreateAppInstanceBot
    Examples:
      | operation            | member                                        | rule                    | value                      |
      | CreateAppInstanceBot | /AppInstanceArn                               | required                | nothing                    |
      | CreateAppInstanceBot | /AppInstanceArn                               | at least 5 characters   | 4 characters               |
      | CreateAppInstanceBot | /AppInstanceArn                               | at most 1600 characters | 1601 characters            |
      | CreateAppInstanceBot | /AppInstanceArn                               | its pattern             | the text "not an arn!"     |
      | CreateAppInstanceBot | /ClientRequestToken                           | at least 2 characters   | 1 character                |
      | CreateAppInstanceBot | /ClientRequestToken                           | at most 64 characters   | 65 characters              |
      | CreateAppInstanceBot | /ClientRequestToken                           | its pattern             | the text "not an arn!"     |
      | CreateAppInstanceBot | /Configuration                                | required                | nothing                    |
      | CreateAppInstanceBot | /Configuration/Lex                            | required                | nothing                    |
      | CreateAppInstanceBot | /Configuration/Lex/InvokedBy/StandardMessages | required                | nothing                    |
      | CreateAppInstanceBot | /Configuration/Lex/InvokedBy/StandardMessages | one of its enum values  | the text "NOT-A-VALUE"     |
      | CreateAppInstanceBot | /Configuration/Lex/InvokedBy/TargetedMessages | required                | nothing                    |
      | CreateAppInstanceBot | /Configuration/Lex/InvokedBy/TargetedMessages | one of its enum values  | the text "NOT-A-VALUE"     |
      | CreateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | required                | nothing                    |
      | CreateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | at least 15 characters  | 14 characters              |
      | CreateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | at most 2048 characters | 2049 characters            |
      | CreateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | its pattern             | the text "not an arn!not " |
      | CreateAppInstanceBot | /Configuration/Lex/LocaleId                   | required                | nothing                    |
      | CreateAppInstanceBot | /Configuration/Lex/RespondsTo                 | one of its enum values  | the text "NOT-A-VALUE"     |
      | CreateAppInstanceBot | /Configuration/Lex/WelcomeIntent              | at least 1 characters   | 0 characters               |
      | CreateAppInstanceBot | /Configuration/Lex/WelcomeIntent              | at most 100 characters  | 101 characters             |
      | CreateAppInstanceBot | /Configuration/Lex/WelcomeIntent              | its pattern             | the text "not an arn!"     |
      | CreateAppInstanceBot | /Metadata                                     | at most 1024 characters | 1025 characters            |
      | CreateAppInstanceBot | /Name                                         | at most 256 characters  | 257 characters             |
      | CreateAppInstanceBot | /Name                                         | its pattern             | the text "\\u0001"         |
      | CreateAppInstanceBot | /Tags                                         | at least 1 items        | 0 items                    |
      | CreateAppInstanceBot | /Tags                                         | at most 50 items        | 51 items                   |

    @op:CreateAppInstanceUser
    Examples:
      | operation             | member                                  | rule                    | value                  |
      | CreateAppInstanceUser | /AppInstanceArn                         | required                | nothing                |
      | CreateAppInstanceUser | /AppInstanceArn                         | at least 5 characters   | 4 characters           |
      | CreateAppInstanceUser | /AppInstanceArn                         | at most 1600 characters | 1601 characters        |
      | CreateAppInstanceUser | /AppInstanceArn                         | its pattern             | the text "not an arn!" |
      | CreateAppInstanceUser | /AppInstanceUserId                      | required                | nothing                |
      | CreateAppInstanceUser | /AppInstanceUserId                      | at least 1 characters   | 0 characters           |
      | CreateAppInstanceUser | /AppInstanceUserId                      | at most 64 characters   | 65 characters          |
      | CreateAppInstanceUser | /AppInstanceUserId                      | its pattern             | the text "not an arn!" |
      | CreateAppInstanceUser | /ClientRequestToken                     | at least 2 characters   | 1 character            |
      | CreateAppInstanceUser | /ClientRequestToken                     | at most 64 characters   | 65 characters          |
      | CreateAppInstanceUser | /ClientRequestToken                     | its pattern             | the text "not an arn!" |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationCriterion | required                | nothing                |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationCriterion | one of its enum values  | the text "NOT-A-VALUE" |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationDays      | required                | nothing                |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationDays      | at least 1              | the number 0           |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationDays      | at most 5475            | the number 5476        |
      | CreateAppInstanceUser | /Metadata                               | at most 1024 characters | 1025 characters        |
      | CreateAppInstanceUser | /Name                                   | required                | nothing                |
      | CreateAppInstanceUser | /Name                                   | at least 1 characters   | 0 characters           |
      | CreateAppInstanceUser | /Name                                   | at most 100 characters  | 101 characters         |
      | CreateAppInstanceUser | /Name                                   | its pattern             | the text " "           |
      | CreateAppInstanceUser | /Tags                                   | at least 1 items        | 0 items                |
      | CreateAppInstanceUser | /Tags                                   | at most 50 items        | 51 items               |

    @op:DeleteAppInstance
    Examples:
      | operation         | member          | rule                    | value                  |
      | DeleteAppInstance | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | DeleteAppInstance | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | DeleteAppInstance | /AppInstanceArn | its pattern             | the text "not an arn!" |

    @op:DeleteAppInstanceAdmin
    Examples:
      | operation              | member               | rule                    | value                  |
      | DeleteAppInstanceAdmin | /AppInstanceAdminArn | at least 5 characters   | 4 characters           |
      | DeleteAppInstanceAdmin | /AppInstanceAdminArn | at most 1600 characters | 1601 characters        |
      | DeleteAppInstanceAdmin | /AppInstanceAdminArn | its pattern             | the text "not an arn!" |
      | DeleteAppInstanceAdmin | /AppInstanceArn      | at least 5 characters   | 4 characters           |
      | DeleteAppInstanceAdmin | /AppInstanceArn      | at most 1600 characters | 1601 characters        |
      | DeleteAppInstanceAdmin | /AppInstanceArn      | its pattern             | the text "not an arn!" |

    @op:DeleteAppInstanceBot
    Examples:
      | operation            | member             | rule                    | value                  |
      | DeleteAppInstanceBot | /AppInstanceBotArn | at least 5 characters   | 4 characters           |
      | DeleteAppInstanceBot | /AppInstanceBotArn | at most 1600 characters | 1601 characters        |
      | DeleteAppInstanceBot | /AppInstanceBotArn | its pattern             | the text "not an arn!" |

    @op:DeleteAppInstanceUser
    Examples:
      | operation             | member              | rule                    | value                  |
      | DeleteAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | DeleteAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | DeleteAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |

    @op:DeregisterAppInstanceUserEndpoint
    Examples:
      | operation                         | member              | rule                    | value                  |
      | DeregisterAppInstanceUserEndpoint | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | DeregisterAppInstanceUserEndpoint | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | DeregisterAppInstanceUserEndpoint | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | DeregisterAppInstanceUserEndpoint | /EndpointId         | at most 64 characters   | 65 characters          |

    @op:DescribeAppInstance
    Examples:
      | operation           | member          | rule                    | value                  |
      | DescribeAppInstance | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | DescribeAppInstance | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | DescribeAppInstance | /AppInstanceArn | its pattern             | the text "not an arn!" |

    @op:DescribeAppInstanceAdmin
    Examples:
      | operation                | member               | rule                    | value                  |
      | DescribeAppInstanceAdmin | /AppInstanceAdminArn | at least 5 characters   | 4 characters           |
      | DescribeAppInstanceAdmin | /AppInstanceAdminArn | at most 1600 characters | 1601 characters        |
      | DescribeAppInstanceAdmin | /AppInstanceAdminArn | its pattern             | the text "not an arn!" |
      | DescribeAppInstanceAdmin | /AppInstanceArn      | at least 5 characters   | 4 characters           |
      | DescribeAppInstanceAdmin | /AppInstanceArn      | at most 1600 characters | 1601 characters        |
      | DescribeAppInstanceAdmin | /AppInstanceArn      | its pattern             | the text "not an arn!" |

    @op:DescribeAppInstanceBot
    Examples:
      | operation              | member             | rule                    | value                  |
      | DescribeAppInstanceBot | /AppInstanceBotArn | at least 5 characters   | 4 characters           |
      | DescribeAppInstanceBot | /AppInstanceBotArn | at most 1600 characters | 1601 characters        |
      | DescribeAppInstanceBot | /AppInstanceBotArn | its pattern             | the text "not an arn!" |

    @op:DescribeAppInstanceUser
    Examples:
      | operation               | member              | rule                    | value                  |
      | DescribeAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | DescribeAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | DescribeAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |

    @op:DescribeAppInstanceUserEndpoint
    Examples:
      | operation                       | member              | rule                    | value           |
      | DescribeAppInstanceUserEndpoint | /AppInstanceUserArn | at most 1600 characters | 1601 characters |
      | DescribeAppInstanceUserEndpoint | /EndpointId         | at most 64 characters   | 65 characters   |

    @op:GetAppInstanceRetentionSettings
    Examples:
      | operation                       | member          | rule                    | value                  |
      | GetAppInstanceRetentionSettings | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | GetAppInstanceRetentionSettings | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | GetAppInstanceRetentionSettings | /AppInstanceArn | its pattern             | the text "not an arn!" |

    @op:ListAppInstanceAdmins
    Examples:
      | operation             | member          | rule                    | value                  |
      | ListAppInstanceAdmins | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | ListAppInstanceAdmins | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | ListAppInstanceAdmins | /AppInstanceArn | its pattern             | the text "not an arn!" |
      | ListAppInstanceAdmins | /MaxResults     | at least 1              | the number 0           |
      | ListAppInstanceAdmins | /MaxResults     | at most 50              | the number 51          |
      | ListAppInstanceAdmins | /NextToken      | at most 2048 characters | 2049 characters        |

    @op:ListAppInstanceBots
    Examples:
      | operation           | member          | rule                    | value                  |
      | ListAppInstanceBots | /AppInstanceArn | required                | nothing                |
      | ListAppInstanceBots | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | ListAppInstanceBots | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | ListAppInstanceBots | /AppInstanceArn | its pattern             | the text "not an arn!" |
      | ListAppInstanceBots | /MaxResults     | at least 1              | the number 0           |
      | ListAppInstanceBots | /MaxResults     | at most 50              | the number 51          |
      | ListAppInstanceBots | /NextToken      | at most 2048 characters | 2049 characters        |

    @op:ListAppInstanceUserEndpoints
    Examples:
      | operation                    | member              | rule                    | value                  |
      | ListAppInstanceUserEndpoints | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | ListAppInstanceUserEndpoints | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | ListAppInstanceUserEndpoints | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | ListAppInstanceUserEndpoints | /MaxResults         | at least 1              | the number 0           |
      | ListAppInstanceUserEndpoints | /MaxResults         | at most 50              | the number 51          |
      | ListAppInstanceUserEndpoints | /NextToken          | at most 2048 characters | 2049 characters        |

    @op:ListAppInstanceUsers
    Examples:
      | operation            | member          | rule                    | value                  |
      | ListAppInstanceUsers | /AppInstanceArn | required                | nothing                |
      | ListAppInstanceUsers | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | ListAppInstanceUsers | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | ListAppInstanceUsers | /AppInstanceArn | its pattern             | the text "not an arn!" |
      | ListAppInstanceUsers | /MaxResults     | at least 1              | the number 0           |
      | ListAppInstanceUsers | /MaxResults     | at most 50              | the number 51          |
      | ListAppInstanceUsers | /NextToken      | at most 2048 characters | 2049 characters        |

    @op:ListAppInstances
    Examples:
      | operation        | member      | rule                    | value           |
      | ListAppInstances | /MaxResults | at least 1              | the number 0    |
      | ListAppInstances | /MaxResults | at most 50              | the number 51   |
      | ListAppInstances | /NextToken  | at most 2048 characters | 2049 characters |

    @op:identity:ListTagsForResource
    Examples:
      | operation                    | member       | rule                    | value                  |
      | identity:ListTagsForResource | /ResourceARN | required                | nothing                |
      | identity:ListTagsForResource | /ResourceARN | at least 5 characters   | 4 characters           |
      | identity:ListTagsForResource | /ResourceARN | at most 1600 characters | 1601 characters        |
      | identity:ListTagsForResource | /ResourceARN | its pattern             | the text "not an arn!" |

    @op:PutAppInstanceRetentionSettings
    Examples:
      | operation                       | member                                                               | rule                    | value                  |
      | PutAppInstanceRetentionSettings | /AppInstanceArn                                                      | at least 5 characters   | 4 characters           |
      | PutAppInstanceRetentionSettings | /AppInstanceArn                                                      | at most 1600 characters | 1601 characters        |
      | PutAppInstanceRetentionSettings | /AppInstanceArn                                                      | its pattern             | the text "not an arn!" |
      | PutAppInstanceRetentionSettings | /AppInstanceRetentionSettings                                        | required                | nothing                |
      | PutAppInstanceRetentionSettings | /AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays | at least 1              | the number 0           |
      | PutAppInstanceRetentionSettings | /AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays | at most 5475            | the number 5476        |

    @op:PutAppInstanceUserExpirationSettings
    Examples:
      | operation                            | member                                  | rule                    | value                  |
      | PutAppInstanceUserExpirationSettings | /AppInstanceUserArn                     | at least 5 characters   | 4 characters           |
      | PutAppInstanceUserExpirationSettings | /AppInstanceUserArn                     | at most 1600 characters | 1601 characters        |
      | PutAppInstanceUserExpirationSettings | /AppInstanceUserArn                     | its pattern             | the text "not an arn!" |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationCriterion | required                | nothing                |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationCriterion | one of its enum values  | the text "NOT-A-VALUE" |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationDays      | required                | nothing                |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationDays      | at least 1              | the number 0           |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationDays      | at most 5475            | the number 5476        |

    @op:RegisterAppInstanceUserEndpoint
    Examples:
      | operation                       | member                              | rule                    | value                  |
      | RegisterAppInstanceUserEndpoint | /AllowMessages                      | one of its enum values  | the text "NOT-A-VALUE" |
      | RegisterAppInstanceUserEndpoint | /AppInstanceUserArn                 | at least 5 characters   | 4 characters           |
      | RegisterAppInstanceUserEndpoint | /AppInstanceUserArn                 | at most 1600 characters | 1601 characters        |
      | RegisterAppInstanceUserEndpoint | /AppInstanceUserArn                 | its pattern             | the text "not an arn!" |
      | RegisterAppInstanceUserEndpoint | /ClientRequestToken                 | at least 2 characters   | 1 character            |
      | RegisterAppInstanceUserEndpoint | /ClientRequestToken                 | at most 64 characters   | 65 characters          |
      | RegisterAppInstanceUserEndpoint | /ClientRequestToken                 | its pattern             | the text "not an arn!" |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes                 | required                | nothing                |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/DeviceToken     | required                | nothing                |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/DeviceToken     | at least 1 characters   | 0 characters           |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/DeviceToken     | at most 1600 characters | 1601 characters        |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/VoipDeviceToken | at least 1 characters   | 0 characters           |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/VoipDeviceToken | at most 1600 characters | 1601 characters        |
      | RegisterAppInstanceUserEndpoint | /Name                               | at most 1600 characters | 1601 characters        |
      | RegisterAppInstanceUserEndpoint | /ResourceArn                        | required                | nothing                |
      | RegisterAppInstanceUserEndpoint | /ResourceArn                        | at least 5 characters   | 4 characters           |
      | RegisterAppInstanceUserEndpoint | /ResourceArn                        | at most 1600 characters | 1601 characters        |
      | RegisterAppInstanceUserEndpoint | /ResourceArn                        | its pattern             | the text "not an arn!" |
      | RegisterAppInstanceUserEndpoint | /Type                               | required                | nothing                |
      | RegisterAppInstanceUserEndpoint | /Type                               | one of its enum values  | the text "NOT-A-VALUE" |

    @op:identity:TagResource
    Examples:
      | operation            | member       | rule                    | value                  |
      | identity:TagResource | /ResourceARN | required                | nothing                |
      | identity:TagResource | /ResourceARN | at least 5 characters   | 4 characters           |
      | identity:TagResource | /ResourceARN | at most 1600 characters | 1601 characters        |
      | identity:TagResource | /ResourceARN | its pattern             | the text "not an arn!" |
      | identity:TagResource | /Tags        | required                | nothing                |
      | identity:TagResource | /Tags        | at least 1 items        | 0 items                |
      | identity:TagResource | /Tags        | at most 50 items        | 51 items               |

    @op:identity:UntagResource
    Examples:
      | operation              | member       | rule                    | value                  |
      | identity:UntagResource | /ResourceARN | required                | nothing                |
      | identity:UntagResource | /ResourceARN | at least 5 characters   | 4 characters           |
      | identity:UntagResource | /ResourceARN | at most 1600 characters | 1601 characters        |
      | identity:UntagResource | /ResourceARN | its pattern             | the text "not an arn!" |
      | identity:UntagResource | /TagKeys     | required                | nothing                |
      | identity:UntagResource | /TagKeys     | at least 1 items        | 0 items                |
      | identity:UntagResource | /TagKeys     | at most 50 items        | 51 items               |

    @op:UpdateAppInstance
    Examples:
      | operation         | member          | rule                    | value                  |
      | UpdateAppInstance | /AppInstanceArn | at least 5 characters   | 4 characters           |
      | UpdateAppInstance | /AppInstanceArn | at most 1600 characters | 1601 characters        |
      | UpdateAppInstance | /AppInstanceArn | its pattern             | the text "not an arn!" |
      | UpdateAppInstance | /Metadata       | required                | nothing                |
      | UpdateAppInstance | /Metadata       | at most 1024 characters | 1025 characters        |
      | UpdateAppInstance | /Name           | required                | nothing                |
      | UpdateAppInstance | /Name           | at least 1 characters   | 0 characters           |
      | UpdateAppInstance | /Name           | at most 256 characters  | 257 characters         |
      | UpdateAppInstance | /Name           | its pattern             | the text "\\u0001"     |

    @op:UpdateAppInstanceBot
    Examples:
      | operation            | member                                        | rule                    | value                      |
      | UpdateAppInstanceBot | /AppInstanceBotArn                            | at least 5 characters   | 4 characters               |
      | UpdateAppInstanceBot | /AppInstanceBotArn                            | at most 1600 characters | 1601 characters            |
      | UpdateAppInstanceBot | /AppInstanceBotArn                            | its pattern             | the text "not an arn!"     |
      | UpdateAppInstanceBot | /Configuration/Lex                            | required                | nothing                    |
      | UpdateAppInstanceBot | /Configuration/Lex/InvokedBy/StandardMessages | required                | nothing                    |
      | UpdateAppInstanceBot | /Configuration/Lex/InvokedBy/StandardMessages | one of its enum values  | the text "NOT-A-VALUE"     |
      | UpdateAppInstanceBot | /Configuration/Lex/InvokedBy/TargetedMessages | required                | nothing                    |
      | UpdateAppInstanceBot | /Configuration/Lex/InvokedBy/TargetedMessages | one of its enum values  | the text "NOT-A-VALUE"     |
      | UpdateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | required                | nothing                    |
      | UpdateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | at least 15 characters  | 14 characters              |
      | UpdateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | at most 2048 characters | 2049 characters            |
      | UpdateAppInstanceBot | /Configuration/Lex/LexBotAliasArn             | its pattern             | the text "not an arn!not " |
      | UpdateAppInstanceBot | /Configuration/Lex/LocaleId                   | required                | nothing                    |
      | UpdateAppInstanceBot | /Configuration/Lex/RespondsTo                 | one of its enum values  | the text "NOT-A-VALUE"     |
      | UpdateAppInstanceBot | /Configuration/Lex/WelcomeIntent              | at least 1 characters   | 0 characters               |
      | UpdateAppInstanceBot | /Configuration/Lex/WelcomeIntent              | at most 100 characters  | 101 characters             |
      | UpdateAppInstanceBot | /Configuration/Lex/WelcomeIntent              | its pattern             | the text "not an arn!"     |
      | UpdateAppInstanceBot | /Metadata                                     | required                | nothing                    |
      | UpdateAppInstanceBot | /Metadata                                     | at most 1024 characters | 1025 characters            |
      | UpdateAppInstanceBot | /Name                                         | required                | nothing                    |
      | UpdateAppInstanceBot | /Name                                         | at most 256 characters  | 257 characters             |
      | UpdateAppInstanceBot | /Name                                         | its pattern             | the text "\\u0001"         |

    @op:UpdateAppInstanceUser
    Examples:
      | operation             | member              | rule                    | value                  |
      | UpdateAppInstanceUser | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | UpdateAppInstanceUser | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | UpdateAppInstanceUser | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | UpdateAppInstanceUser | /Metadata           | required                | nothing                |
      | UpdateAppInstanceUser | /Metadata           | at most 1024 characters | 1025 characters        |
      | UpdateAppInstanceUser | /Name               | required                | nothing                |
      | UpdateAppInstanceUser | /Name               | at least 1 characters   | 0 characters           |
      | UpdateAppInstanceUser | /Name               | at most 100 characters  | 101 characters         |
      | UpdateAppInstanceUser | /Name               | its pattern             | the text " "           |

    @op:UpdateAppInstanceUserEndpoint
    Examples:
      | operation                     | member              | rule                    | value                  |
      | UpdateAppInstanceUserEndpoint | /AllowMessages      | one of its enum values  | the text "NOT-A-VALUE" |
      | UpdateAppInstanceUserEndpoint | /AppInstanceUserArn | at least 5 characters   | 4 characters           |
      | UpdateAppInstanceUserEndpoint | /AppInstanceUserArn | at most 1600 characters | 1601 characters        |
      | UpdateAppInstanceUserEndpoint | /AppInstanceUserArn | its pattern             | the text "not an arn!" |
      | UpdateAppInstanceUserEndpoint | /EndpointId         | at most 64 characters   | 65 characters          |
      | UpdateAppInstanceUserEndpoint | /Name               | at most 1600 characters | 1601 characters        |

  @B-WIRE-14 @model
  Scenario Outline: <operation> takes <member> set to <value>, the boundary of "<rule>"
    When alice calls <operation> with "<member>" set to <value>
    Then the call is not refused as invalid input

    @op:CreateAppInstance
    Examples:
      | operation         | member              | rule                    | value           |
      | CreateAppInstance | /ClientRequestToken | at least 2 characters   | 2 characters    |
      | CreateAppInstance | /ClientRequestToken | at most 64 characters   | 64 characters   |
      | CreateAppInstance | /Metadata           | at most 1024 characters | 1024 characters |
      | CreateAppInstance | /Name               | at least 1 characters   | 1 character     |
      | CreateAppInstance | /Name               | at most 256 characters  | 256 characters  |
      | CreateAppInstance | /Tags               | at least 1 items        | 1 item          |

    @op:CreateAppInstanceBot
    Examples:
      | operation            | member                           | rule                    | value           |
      | CreateAppInstanceBot | /ClientRequestToken              | at least 2 characters   | 2 characters    |
      | CreateAppInstanceBot | /ClientRequestToken              | at most 64 characters   | 64 characters   |
      | CreateAppInstanceBot | /Configuration/Lex/WelcomeIntent | at least 1 characters   | 1 character     |
      | CreateAppInstanceBot | /Configuration/Lex/WelcomeIntent | at most 100 characters  | 100 characters  |
      | CreateAppInstanceBot | /Metadata                        | at most 1024 characters | 1024 characters |
      | CreateAppInstanceBot | /Name                            | at most 256 characters  | 256 characters  |
      | CreateAppInstanceBot | /Tags                            | at least 1 items        | 1 item          |

    @op:CreateAppInstanceUser
    Examples:
      | operation             | member                             | rule                    | value           |
      | CreateAppInstanceUser | /AppInstanceUserId                 | at least 1 characters   | 1 character     |
      | CreateAppInstanceUser | /AppInstanceUserId                 | at most 64 characters   | 64 characters   |
      | CreateAppInstanceUser | /ClientRequestToken                | at least 2 characters   | 2 characters    |
      | CreateAppInstanceUser | /ClientRequestToken                | at most 64 characters   | 64 characters   |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationDays | at least 1              | the number 1    |
      | CreateAppInstanceUser | /ExpirationSettings/ExpirationDays | at most 5475            | the number 5475 |
      | CreateAppInstanceUser | /Metadata                          | at most 1024 characters | 1024 characters |
      | CreateAppInstanceUser | /Name                              | at least 1 characters   | 1 character     |
      | CreateAppInstanceUser | /Name                              | at most 100 characters  | 100 characters  |
      | CreateAppInstanceUser | /Tags                              | at least 1 items        | 1 item          |

    @op:DeregisterAppInstanceUserEndpoint
    Examples:
      | operation                         | member      | rule                  | value         |
      | DeregisterAppInstanceUserEndpoint | /EndpointId | at most 64 characters | 64 characters |

    @op:DescribeAppInstanceUserEndpoint
    Examples:
      | operation                       | member              | rule                    | value           |
      | DescribeAppInstanceUserEndpoint | /AppInstanceUserArn | at most 1600 characters | 1600 characters |
      | DescribeAppInstanceUserEndpoint | /EndpointId         | at most 64 characters   | 64 characters   |

    @op:ListAppInstanceAdmins
    Examples:
      | operation             | member      | rule       | value         |
      | ListAppInstanceAdmins | /MaxResults | at least 1 | the number 1  |
      | ListAppInstanceAdmins | /MaxResults | at most 50 | the number 50 |

    @op:ListAppInstanceBots
    Examples:
      | operation           | member      | rule       | value         |
      | ListAppInstanceBots | /MaxResults | at least 1 | the number 1  |
      | ListAppInstanceBots | /MaxResults | at most 50 | the number 50 |

    @op:ListAppInstanceUserEndpoints
    Examples:
      | operation                    | member      | rule       | value         |
      | ListAppInstanceUserEndpoints | /MaxResults | at least 1 | the number 1  |
      | ListAppInstanceUserEndpoints | /MaxResults | at most 50 | the number 50 |

    @op:ListAppInstanceUsers
    Examples:
      | operation            | member      | rule       | value         |
      | ListAppInstanceUsers | /MaxResults | at least 1 | the number 1  |
      | ListAppInstanceUsers | /MaxResults | at most 50 | the number 50 |

    @op:ListAppInstances
    Examples:
      | operation        | member      | rule       | value         |
      | ListAppInstances | /MaxResults | at least 1 | the number 1  |
      | ListAppInstances | /MaxResults | at most 50 | the number 50 |

    @op:PutAppInstanceRetentionSettings
    Examples:
      | operation                       | member                                                               | rule         | value           |
      | PutAppInstanceRetentionSettings | /AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays | at least 1   | the number 1    |
      | PutAppInstanceRetentionSettings | /AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays | at most 5475 | the number 5475 |

    @op:PutAppInstanceUserExpirationSettings
    Examples:
      | operation                            | member                             | rule         | value           |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationDays | at least 1   | the number 1    |
      | PutAppInstanceUserExpirationSettings | /ExpirationSettings/ExpirationDays | at most 5475 | the number 5475 |

    @op:RegisterAppInstanceUserEndpoint
    Examples:
      | operation                       | member                              | rule                    | value           |
      | RegisterAppInstanceUserEndpoint | /ClientRequestToken                 | at least 2 characters   | 2 characters    |
      | RegisterAppInstanceUserEndpoint | /ClientRequestToken                 | at most 64 characters   | 64 characters   |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/DeviceToken     | at least 1 characters   | 1 character     |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/DeviceToken     | at most 1600 characters | 1600 characters |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/VoipDeviceToken | at least 1 characters   | 1 character     |
      | RegisterAppInstanceUserEndpoint | /EndpointAttributes/VoipDeviceToken | at most 1600 characters | 1600 characters |
      | RegisterAppInstanceUserEndpoint | /Name                               | at most 1600 characters | 1600 characters |

    @op:identity:TagResource
    Examples:
      | operation            | member | rule             | value  |
      | identity:TagResource | /Tags  | at least 1 items | 1 item |

    @op:identity:UntagResource
    Examples:
      | operation              | member   | rule             | value    |
      | identity:UntagResource | /TagKeys | at least 1 items | 1 item   |
      | identity:UntagResource | /TagKeys | at most 50 items | 50 items |

    @op:UpdateAppInstance
    Examples:
      | operation         | member    | rule                    | value           |
      | UpdateAppInstance | /Metadata | at most 1024 characters | 1024 characters |
      | UpdateAppInstance | /Name     | at least 1 characters   | 1 character     |
      | UpdateAppInstance | /Name     | at most 256 characters  | 256 characters  |

    @op:UpdateAppInstanceBot
    Examples:
      | operation            | member                           | rule                    | value           |
      | UpdateAppInstanceBot | /Configuration/Lex/WelcomeIntent | at least 1 characters   | 1 character     |
      | UpdateAppInstanceBot | /Configuration/Lex/WelcomeIntent | at most 100 characters  | 100 characters  |
      | UpdateAppInstanceBot | /Metadata                        | at most 1024 characters | 1024 characters |
      | UpdateAppInstanceBot | /Name                            | at most 256 characters  | 256 characters  |

    @op:UpdateAppInstanceUser
    Examples:
      | operation             | member    | rule                    | value           |
      | UpdateAppInstanceUser | /Metadata | at most 1024 characters | 1024 characters |
      | UpdateAppInstanceUser | /Name     | at least 1 characters   | 1 character     |
      | UpdateAppInstanceUser | /Name     | at most 100 characters  | 100 characters  |

    @op:UpdateAppInstanceUserEndpoint
    Examples:
      | operation                     | member      | rule                    | value           |
      | UpdateAppInstanceUserEndpoint | /EndpointId | at most 64 characters   | 64 characters   |
      | UpdateAppInstanceUserEndpoint | /Name       | at most 1600 characters | 1600 characters |
