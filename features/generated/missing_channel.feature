# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every channel operation refuses a channel that does not exist
  B-CH-09: a call on a channel that does not exist fails with NotFoundException where the
  operation models it, ForbiddenException otherwise. The operations here are those with a
  ChannelArn in their path (33 of them). A valid input is the model's sample input with its
  required members, in this scenario's AppInstance: the channel general, alice as the caller,
  bob where a user is named, a message alice sent where one is named, and fresh idempotency
  tokens.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-CH-09 @B-WIRE-08 @assumed
  Scenario Outline: <operation> on a channel that does not exist is a <error>
    When alice calls <operation> on a channel that does not exist
    Then the call fails with <error>

    @op:AssociateChannelFlow
    Examples:
      | operation            | error             |
      | AssociateChannelFlow | NotFoundException |

    @op:BatchCreateChannelMembership
    Examples:
      | operation                    | error             |
      | BatchCreateChannelMembership | NotFoundException |

    @op:ChannelFlowCallback
    Examples:
      | operation           | error              |
      | ChannelFlowCallback | ForbiddenException |

    @op:CreateChannelBan
    Examples:
      | operation        | error              |
      | CreateChannelBan | ForbiddenException |

    @op:CreateChannelMembership
    Examples:
      | operation               | error             |
      | CreateChannelMembership | NotFoundException |

    @op:CreateChannelModerator
    Examples:
      | operation              | error              |
      | CreateChannelModerator | ForbiddenException |

    @op:DeleteChannel
    Examples:
      | operation     | error              |
      | DeleteChannel | ForbiddenException |

    @op:DeleteChannelBan
    Examples:
      | operation        | error              |
      | DeleteChannelBan | ForbiddenException |

    @op:DeleteChannelMembership
    Examples:
      | operation               | error              |
      | DeleteChannelMembership | ForbiddenException |

    @op:DeleteChannelMessage
    Examples:
      | operation            | error              |
      | DeleteChannelMessage | ForbiddenException |

    @op:DeleteChannelModerator
    Examples:
      | operation              | error              |
      | DeleteChannelModerator | ForbiddenException |

    @op:DescribeChannel
    Examples:
      | operation       | error              |
      | DescribeChannel | ForbiddenException |

    @op:DescribeChannelBan
    Examples:
      | operation          | error             |
      | DescribeChannelBan | NotFoundException |

    @op:DescribeChannelMembership
    Examples:
      | operation                 | error             |
      | DescribeChannelMembership | NotFoundException |

    @op:DescribeChannelMembershipForAppInstanceUser
    Examples:
      | operation                                   | error              |
      | DescribeChannelMembershipForAppInstanceUser | ForbiddenException |

    @op:DescribeChannelModeratedByAppInstanceUser
    Examples:
      | operation                                 | error              |
      | DescribeChannelModeratedByAppInstanceUser | ForbiddenException |

    @op:DescribeChannelModerator
    Examples:
      | operation                | error             |
      | DescribeChannelModerator | NotFoundException |

    @op:DisassociateChannelFlow
    Examples:
      | operation               | error             |
      | DisassociateChannelFlow | NotFoundException |

    @op:GetChannelMembershipPreferences
    Examples:
      | operation                       | error              |
      | GetChannelMembershipPreferences | ForbiddenException |

    @op:GetChannelMessage
    Examples:
      | operation         | error             |
      | GetChannelMessage | NotFoundException |

    @op:GetChannelMessageStatus
    Examples:
      | operation               | error              |
      | GetChannelMessageStatus | ForbiddenException |

    @op:ListChannelBans
    Examples:
      | operation       | error              |
      | ListChannelBans | ForbiddenException |

    @op:ListChannelMemberships
    Examples:
      | operation              | error              |
      | ListChannelMemberships | ForbiddenException |

    @op:ListChannelMessages
    Examples:
      | operation           | error              |
      | ListChannelMessages | ForbiddenException |

    @op:ListChannelModerators
    Examples:
      | operation             | error              |
      | ListChannelModerators | ForbiddenException |

    @op:ListSubChannels
    Examples:
      | operation       | error              |
      | ListSubChannels | ForbiddenException |

    @op:PutChannelExpirationSettings
    Examples:
      | operation                    | error              |
      | PutChannelExpirationSettings | ForbiddenException |

    @op:PutChannelMembershipPreferences
    Examples:
      | operation                       | error              |
      | PutChannelMembershipPreferences | ForbiddenException |

    @op:RedactChannelMessage
    Examples:
      | operation            | error              |
      | RedactChannelMessage | ForbiddenException |

    @op:SendChannelMessage
    Examples:
      | operation          | error              |
      | SendChannelMessage | ForbiddenException |

    @op:UpdateChannel
    Examples:
      | operation     | error              |
      | UpdateChannel | ForbiddenException |

    @op:UpdateChannelMessage
    Examples:
      | operation            | error              |
      | UpdateChannelMessage | ForbiddenException |

    @op:UpdateChannelReadMarker
    Examples:
      | operation               | error              |
      | UpdateChannelReadMarker | ForbiddenException |
