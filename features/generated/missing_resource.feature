# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every operation refuses a resource that does not exist
  B-CH-09, for the resources besides channels: a call that names a resource that does not
  exist fails with NotFoundException where the operation models it, ForbiddenException
  otherwise. The operations here are those without a ChannelArn in their path that name a
  resource in a required ARN member (42 of them); the ARN named is the valid one with "-gone"
  appended. A valid input is the model's sample input with its required members, in this
  scenario's AppInstance: the channel general, alice as the caller, bob where a user is named,
  a message alice sent where one is named, and fresh idempotency tokens.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-CH-09 @assumed
  Scenario Outline: <operation> naming in <member> a resource that does not exist is a <error>
    When alice calls <operation> with "<member>" naming a resource that does not exist
    Then the call fails with <error>

    @op:CreateChannel
    Examples:
      | operation     | member          | error              |
      | CreateChannel | /AppInstanceArn | ForbiddenException |

    @op:CreateChannelFlow
    Examples:
      | operation         | member          | error              |
      | CreateChannelFlow | /AppInstanceArn | ForbiddenException |

    @op:DeleteChannelFlow
    Examples:
      | operation         | member          | error              |
      | DeleteChannelFlow | /ChannelFlowArn | ForbiddenException |

    @op:DeleteMessagingStreamingConfigurations
    Examples:
      | operation                              | member          | error              |
      | DeleteMessagingStreamingConfigurations | /AppInstanceArn | ForbiddenException |

    @op:DescribeChannelFlow
    Examples:
      | operation           | member          | error              |
      | DescribeChannelFlow | /ChannelFlowArn | ForbiddenException |

    @op:GetMessagingStreamingConfigurations
    Examples:
      | operation                           | member          | error             |
      | GetMessagingStreamingConfigurations | /AppInstanceArn | NotFoundException |

    @op:ListChannelFlows
    Examples:
      | operation        | member          | error              |
      | ListChannelFlows | /AppInstanceArn | ForbiddenException |

    @op:ListChannels
    Examples:
      | operation    | member          | error              |
      | ListChannels | /AppInstanceArn | ForbiddenException |

    @op:ListChannelsAssociatedWithChannelFlow
    Examples:
      | operation                             | member          | error              |
      | ListChannelsAssociatedWithChannelFlow | /ChannelFlowArn | ForbiddenException |

    @op:messaging:ListTagsForResource
    Examples:
      | operation                     | member       | error              |
      | messaging:ListTagsForResource | /ResourceARN | ForbiddenException |

    @op:PutMessagingStreamingConfigurations
    Examples:
      | operation                           | member          | error             |
      | PutMessagingStreamingConfigurations | /AppInstanceArn | NotFoundException |

    @op:messaging:TagResource
    Examples:
      | operation             | member       | error              |
      | messaging:TagResource | /ResourceARN | ForbiddenException |

    @op:messaging:UntagResource
    Examples:
      | operation               | member       | error              |
      | messaging:UntagResource | /ResourceARN | ForbiddenException |

    @op:UpdateChannelFlow
    Examples:
      | operation         | member          | error              |
      | UpdateChannelFlow | /ChannelFlowArn | ForbiddenException |

    @op:CreateAppInstanceAdmin
    Examples:
      | operation              | member               | error              |
      | CreateAppInstanceAdmin | /AppInstanceAdminArn | ForbiddenException |

    @op:CreateAppInstanceBot
    Examples:
      | operation            | member          | error              |
      | CreateAppInstanceBot | /AppInstanceArn | ForbiddenException |

    @op:CreateAppInstanceUser
    Examples:
      | operation             | member          | error              |
      | CreateAppInstanceUser | /AppInstanceArn | ForbiddenException |

    @op:DeleteAppInstance
    Examples:
      | operation         | member          | error              |
      | DeleteAppInstance | /AppInstanceArn | ForbiddenException |

    @op:DeleteAppInstanceAdmin
    Examples:
      | operation              | member               | error              |
      | DeleteAppInstanceAdmin | /AppInstanceAdminArn | ForbiddenException |

    @op:DeleteAppInstanceBot
    Examples:
      | operation            | member             | error              |
      | DeleteAppInstanceBot | /AppInstanceBotArn | ForbiddenException |

    @op:DeleteAppInstanceUser
    Examples:
      | operation             | member              | error              |
      | DeleteAppInstanceUser | /AppInstanceUserArn | ForbiddenException |

    @op:DeregisterAppInstanceUserEndpoint
    Examples:
      | operation                         | member              | error              |
      | DeregisterAppInstanceUserEndpoint | /AppInstanceUserArn | ForbiddenException |

    @op:DescribeAppInstance
    Examples:
      | operation           | member          | error              |
      | DescribeAppInstance | /AppInstanceArn | ForbiddenException |

    @op:DescribeAppInstanceAdmin
    Examples:
      | operation                | member               | error              |
      | DescribeAppInstanceAdmin | /AppInstanceAdminArn | ForbiddenException |

    @op:DescribeAppInstanceBot
    Examples:
      | operation              | member             | error             |
      | DescribeAppInstanceBot | /AppInstanceBotArn | NotFoundException |

    @op:DescribeAppInstanceUser
    Examples:
      | operation               | member              | error              |
      | DescribeAppInstanceUser | /AppInstanceUserArn | ForbiddenException |

    @op:DescribeAppInstanceUserEndpoint
    Examples:
      | operation                       | member              | error              |
      | DescribeAppInstanceUserEndpoint | /AppInstanceUserArn | ForbiddenException |

    @op:GetAppInstanceRetentionSettings
    Examples:
      | operation                       | member          | error              |
      | GetAppInstanceRetentionSettings | /AppInstanceArn | ForbiddenException |

    @op:ListAppInstanceAdmins
    Examples:
      | operation             | member          | error              |
      | ListAppInstanceAdmins | /AppInstanceArn | ForbiddenException |

    @op:ListAppInstanceBots
    Examples:
      | operation           | member          | error              |
      | ListAppInstanceBots | /AppInstanceArn | ForbiddenException |

    @op:ListAppInstanceUserEndpoints
    Examples:
      | operation                    | member              | error              |
      | ListAppInstanceUserEndpoints | /AppInstanceUserArn | ForbiddenException |

    @op:ListAppInstanceUsers
    Examples:
      | operation            | member          | error              |
      | ListAppInstanceUsers | /AppInstanceArn | ForbiddenException |

    @op:identity:ListTagsForResource
    Examples:
      | operation                    | member       | error              |
      | identity:ListTagsForResource | /ResourceARN | ForbiddenException |

    @op:PutAppInstanceRetentionSettings
    Examples:
      | operation                       | member          | error              |
      | PutAppInstanceRetentionSettings | /AppInstanceArn | ForbiddenException |

    @op:PutAppInstanceUserExpirationSettings
    Examples:
      | operation                            | member              | error              |
      | PutAppInstanceUserExpirationSettings | /AppInstanceUserArn | ForbiddenException |

    @op:RegisterAppInstanceUserEndpoint
    Examples:
      | operation                       | member              | error              |
      | RegisterAppInstanceUserEndpoint | /AppInstanceUserArn | ForbiddenException |

    @op:identity:TagResource
    Examples:
      | operation            | member       | error              |
      | identity:TagResource | /ResourceARN | ForbiddenException |

    @op:identity:UntagResource
    Examples:
      | operation              | member       | error              |
      | identity:UntagResource | /ResourceARN | ForbiddenException |

    @op:UpdateAppInstance
    Examples:
      | operation         | member          | error              |
      | UpdateAppInstance | /AppInstanceArn | ForbiddenException |

    @op:UpdateAppInstanceBot
    Examples:
      | operation            | member             | error              |
      | UpdateAppInstanceBot | /AppInstanceBotArn | ForbiddenException |

    @op:UpdateAppInstanceUser
    Examples:
      | operation             | member              | error              |
      | UpdateAppInstanceUser | /AppInstanceUserArn | ForbiddenException |

    @op:UpdateAppInstanceUserEndpoint
    Examples:
      | operation                     | member              | error              |
      | UpdateAppInstanceUserEndpoint | /AppInstanceUserArn | ForbiddenException |
