# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every operation that names its caller refuses a call that names none
  B-AUTH-01: channel, message, membership, moderator and ban operations name their caller in
  the x-amz-chime-bearer header. The operations here are those whose model input has that
  header (37 of them). A valid input is the model's sample input with its required members, in
  this scenario's AppInstance: the channel general, alice as the caller, bob where a user is
  named, a message alice sent where one is named, and fresh idempotency tokens.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-AUTH-01 @B-AUTH-03 @observed
  Scenario Outline: <operation> without a bearer is an <error>
    When <operation> is called with a valid input but no bearer
    Then the call fails with <error>

    @op:AssociateChannelFlow
    Examples:
      | operation            | error                       |
      | AssociateChannelFlow | UnauthorizedClientException |

    @op:BatchCreateChannelMembership
    Examples:
      | operation                    | error                       |
      | BatchCreateChannelMembership | UnauthorizedClientException |

    @op:CreateChannel
    Examples:
      | operation     | error                       |
      | CreateChannel | UnauthorizedClientException |

    @op:CreateChannelBan
    Examples:
      | operation        | error                       |
      | CreateChannelBan | UnauthorizedClientException |

    @op:CreateChannelMembership
    Examples:
      | operation               | error                       |
      | CreateChannelMembership | UnauthorizedClientException |

    @op:CreateChannelModerator
    Examples:
      | operation              | error                       |
      | CreateChannelModerator | UnauthorizedClientException |

    @op:DeleteChannel
    Examples:
      | operation     | error                       |
      | DeleteChannel | UnauthorizedClientException |

    @op:DeleteChannelBan
    Examples:
      | operation        | error                       |
      | DeleteChannelBan | UnauthorizedClientException |

    @op:DeleteChannelMembership
    Examples:
      | operation               | error                       |
      | DeleteChannelMembership | UnauthorizedClientException |

    @op:DeleteChannelMessage
    Examples:
      | operation            | error                       |
      | DeleteChannelMessage | UnauthorizedClientException |

    @op:DeleteChannelModerator
    Examples:
      | operation              | error                       |
      | DeleteChannelModerator | UnauthorizedClientException |

    @op:DescribeChannel
    Examples:
      | operation       | error                       |
      | DescribeChannel | UnauthorizedClientException |

    @op:DescribeChannelBan
    Examples:
      | operation          | error                       |
      | DescribeChannelBan | UnauthorizedClientException |

    @op:DescribeChannelMembership
    Examples:
      | operation                 | error                       |
      | DescribeChannelMembership | UnauthorizedClientException |

    @op:DescribeChannelMembershipForAppInstanceUser
    Examples:
      | operation                                   | error                       |
      | DescribeChannelMembershipForAppInstanceUser | UnauthorizedClientException |

    @op:DescribeChannelModeratedByAppInstanceUser
    Examples:
      | operation                                 | error                       |
      | DescribeChannelModeratedByAppInstanceUser | UnauthorizedClientException |

    @op:DescribeChannelModerator
    Examples:
      | operation                | error                       |
      | DescribeChannelModerator | UnauthorizedClientException |

    @op:DisassociateChannelFlow
    Examples:
      | operation               | error                       |
      | DisassociateChannelFlow | UnauthorizedClientException |

    @op:GetChannelMembershipPreferences
    Examples:
      | operation                       | error                       |
      | GetChannelMembershipPreferences | UnauthorizedClientException |

    @op:GetChannelMessage
    Examples:
      | operation         | error                       |
      | GetChannelMessage | UnauthorizedClientException |

    @op:GetChannelMessageStatus
    Examples:
      | operation               | error                       |
      | GetChannelMessageStatus | UnauthorizedClientException |

    @op:ListChannelBans
    Examples:
      | operation       | error                       |
      | ListChannelBans | UnauthorizedClientException |

    @op:ListChannelMemberships
    Examples:
      | operation              | error                       |
      | ListChannelMemberships | UnauthorizedClientException |

    @op:ListChannelMembershipsForAppInstanceUser
    Examples:
      | operation                                | error                       |
      | ListChannelMembershipsForAppInstanceUser | UnauthorizedClientException |

    @op:ListChannelMessages
    Examples:
      | operation           | error                       |
      | ListChannelMessages | UnauthorizedClientException |

    @op:ListChannelModerators
    Examples:
      | operation             | error                       |
      | ListChannelModerators | UnauthorizedClientException |

    @op:ListChannels
    Examples:
      | operation    | error                       |
      | ListChannels | UnauthorizedClientException |

    @op:ListChannelsModeratedByAppInstanceUser
    Examples:
      | operation                              | error                       |
      | ListChannelsModeratedByAppInstanceUser | UnauthorizedClientException |

    @op:ListSubChannels
    Examples:
      | operation       | error                       |
      | ListSubChannels | UnauthorizedClientException |

    @op:PutChannelExpirationSettings
    Examples:
      | operation                    | error                       |
      | PutChannelExpirationSettings | UnauthorizedClientException |

    @op:PutChannelMembershipPreferences
    Examples:
      | operation                       | error                       |
      | PutChannelMembershipPreferences | UnauthorizedClientException |

    @op:RedactChannelMessage
    Examples:
      | operation            | error                       |
      | RedactChannelMessage | UnauthorizedClientException |

    @op:SearchChannels
    Examples:
      | operation      | error                       |
      | SearchChannels | UnauthorizedClientException |

    @op:SendChannelMessage
    Examples:
      | operation          | error                       |
      | SendChannelMessage | UnauthorizedClientException |

    @op:UpdateChannel
    Examples:
      | operation     | error                       |
      | UpdateChannel | UnauthorizedClientException |

    @op:UpdateChannelMessage
    Examples:
      | operation            | error                       |
      | UpdateChannelMessage | UnauthorizedClientException |

    @op:UpdateChannelReadMarker
    Examples:
      | operation               | error                       |
      | UpdateChannelReadMarker | UnauthorizedClientException |

  # The service was observed to refuse a bearer that names no user of the AppInstance; a real
  # user of another AppInstance is assumed to be refused the same way. Only operations that name
  # a resource by its ARN belong to an AppInstance besides the caller's own.
  @B-AUTH-03 @assumed
  Scenario Outline: <operation> called by a user of another AppInstance is an <error>
    Given a user "mallory" of another AppInstance
    When mallory calls <operation> with a valid input
    Then the call fails with <error>

    @op:AssociateChannelFlow
    Examples:
      | operation            | error                       |
      | AssociateChannelFlow | UnauthorizedClientException |

    @op:BatchCreateChannelMembership
    Examples:
      | operation                    | error                       |
      | BatchCreateChannelMembership | UnauthorizedClientException |

    @op:CreateChannel
    Examples:
      | operation     | error                       |
      | CreateChannel | UnauthorizedClientException |

    @op:CreateChannelBan
    Examples:
      | operation        | error                       |
      | CreateChannelBan | UnauthorizedClientException |

    @op:CreateChannelMembership
    Examples:
      | operation               | error                       |
      | CreateChannelMembership | UnauthorizedClientException |

    @op:CreateChannelModerator
    Examples:
      | operation              | error                       |
      | CreateChannelModerator | UnauthorizedClientException |

    @op:DeleteChannel
    Examples:
      | operation     | error                       |
      | DeleteChannel | UnauthorizedClientException |

    @op:DeleteChannelBan
    Examples:
      | operation        | error                       |
      | DeleteChannelBan | UnauthorizedClientException |

    @op:DeleteChannelMembership
    Examples:
      | operation               | error                       |
      | DeleteChannelMembership | UnauthorizedClientException |

    @op:DeleteChannelMessage
    Examples:
      | operation            | error                       |
      | DeleteChannelMessage | UnauthorizedClientException |

    @op:DeleteChannelModerator
    Examples:
      | operation              | error                       |
      | DeleteChannelModerator | UnauthorizedClientException |

    @op:DescribeChannel
    Examples:
      | operation       | error                       |
      | DescribeChannel | UnauthorizedClientException |

    @op:DescribeChannelBan
    Examples:
      | operation          | error                       |
      | DescribeChannelBan | UnauthorizedClientException |

    @op:DescribeChannelMembership
    Examples:
      | operation                 | error                       |
      | DescribeChannelMembership | UnauthorizedClientException |

    @op:DescribeChannelMembershipForAppInstanceUser
    Examples:
      | operation                                   | error                       |
      | DescribeChannelMembershipForAppInstanceUser | UnauthorizedClientException |

    @op:DescribeChannelModeratedByAppInstanceUser
    Examples:
      | operation                                 | error                       |
      | DescribeChannelModeratedByAppInstanceUser | UnauthorizedClientException |

    @op:DescribeChannelModerator
    Examples:
      | operation                | error                       |
      | DescribeChannelModerator | UnauthorizedClientException |

    @op:DisassociateChannelFlow
    Examples:
      | operation               | error                       |
      | DisassociateChannelFlow | UnauthorizedClientException |

    @op:GetChannelMembershipPreferences
    Examples:
      | operation                       | error                       |
      | GetChannelMembershipPreferences | UnauthorizedClientException |

    @op:GetChannelMessage
    Examples:
      | operation         | error                       |
      | GetChannelMessage | UnauthorizedClientException |

    @op:GetChannelMessageStatus
    Examples:
      | operation               | error                       |
      | GetChannelMessageStatus | UnauthorizedClientException |

    @op:ListChannelBans
    Examples:
      | operation       | error                       |
      | ListChannelBans | UnauthorizedClientException |

    @op:ListChannelMemberships
    Examples:
      | operation              | error                       |
      | ListChannelMemberships | UnauthorizedClientException |

    @op:ListChannelMessages
    Examples:
      | operation           | error                       |
      | ListChannelMessages | UnauthorizedClientException |

    @op:ListChannelModerators
    Examples:
      | operation             | error                       |
      | ListChannelModerators | UnauthorizedClientException |

    @op:ListChannels
    Examples:
      | operation    | error                       |
      | ListChannels | UnauthorizedClientException |

    @op:ListSubChannels
    Examples:
      | operation       | error                       |
      | ListSubChannels | UnauthorizedClientException |

    @op:PutChannelExpirationSettings
    Examples:
      | operation                    | error                       |
      | PutChannelExpirationSettings | UnauthorizedClientException |

    @op:PutChannelMembershipPreferences
    Examples:
      | operation                       | error                       |
      | PutChannelMembershipPreferences | UnauthorizedClientException |

    @op:RedactChannelMessage
    Examples:
      | operation            | error                       |
      | RedactChannelMessage | UnauthorizedClientException |

    @op:SendChannelMessage
    Examples:
      | operation          | error                       |
      | SendChannelMessage | UnauthorizedClientException |

    @op:UpdateChannel
    Examples:
      | operation     | error                       |
      | UpdateChannel | UnauthorizedClientException |

    @op:UpdateChannelMessage
    Examples:
      | operation            | error                       |
      | UpdateChannelMessage | UnauthorizedClientException |

    @op:UpdateChannelReadMarker
    Examples:
      | operation               | error                       |
      | UpdateChannelReadMarker | UnauthorizedClientException |
