# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every list operation pages every item exactly once
  B-WIRE-11: a list operation pages through everything it lists, each item exactly once, never
  more items a page than MaxResults, and the last page carries no NextToken. The operations
  here are those whose input has MaxResults and NextToken (16 of them): three items each,
  paged 1 and 50 at a time.
  Left out: ListSubChannels (the service makes sub-channels as members join an elastic
  channel, and how many a given number of members makes is its choice).
  Left out: ListAppInstances (it lists the whole account's AppInstances, which the run's
  concurrent scenarios create and delete while it pages).

  Background:
    Given the users alice, bob, u1, u2 and u3

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "general" created by alice with members u1, u2 and u3
    And alice called CreateChannelBan with the input {"ChannelArn": "{general}", "MemberArn": "{u1}"}
    And alice called CreateChannelBan with the input {"ChannelArn": "{general}", "MemberArn": "{u2}"}
    And alice called CreateChannelBan with the input {"ChannelArn": "{general}", "MemberArn": "{u3}"}
    When alice pages through <operation> <per page> at a time with {"ChannelArn": "{general}"}
    Then the pages list "{u1}", "{u2}" and "{u3}" exactly once each

    @op:ListChannelBans
    Examples:
      | operation       | per page |
      | ListChannelBans | 1        |
      | ListChannelBans | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a channel flow "f1" whose processor falls back to CONTINUE
    And a channel flow "f2" whose processor falls back to CONTINUE
    And a channel flow "f3" whose processor falls back to CONTINUE
    When alice pages through <operation> <per page> at a time with {"AppInstanceArn": "{app}"}
    Then the pages list "{f1}", "{f2}" and "{f3}" exactly once each

    @op:ListChannelFlows
    Examples:
      | operation        | per page |
      | ListChannelFlows | 1        |
      | ListChannelFlows | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "general" created by alice with members u1, u2 and u3
    When alice pages through <operation> <per page> at a time with {"ChannelArn": "{general}"}
    Then the pages list "{u1}", "{u2}" and "{u3}" exactly once each

    @op:ListChannelMemberships
    Examples:
      | operation              | per page |
      | ListChannelMemberships | 1        |
      | ListChannelMemberships | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "c1" created by alice with member bob
    And a PRIVATE channel "c2" created by alice with member bob
    And a PRIVATE channel "c3" created by alice with member bob
    When bob pages through <operation> <per page> at a time with {"AppInstanceUserArn": "{bob}"}
    Then the pages list "{c1}", "{c2}" and "{c3}" exactly once each

    @op:ListChannelMembershipsForAppInstanceUser
    Examples:
      | operation                                | per page |
      | ListChannelMembershipsForAppInstanceUser | 1        |
      | ListChannelMembershipsForAppInstanceUser | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "general" created by alice
    And alice sent "message 1" to "general" as "m1"
    And alice sent "message 2" to "general" as "m2"
    And alice sent "message 3" to "general" as "m3"
    When alice pages through <operation> <per page> at a time with {"ChannelArn": "{general}"}
    Then the pages list "{m1}", "{m2}" and "{m3}" exactly once each

    @op:ListChannelMessages
    Examples:
      | operation           | per page |
      | ListChannelMessages | 1        |
      | ListChannelMessages | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "general" created by alice with members u1, u2 and u3
    And u1 is a moderator of "general"
    And u2 is a moderator of "general"
    And u3 is a moderator of "general"
    When alice pages through <operation> <per page> at a time with {"ChannelArn": "{general}"}
    Then the pages list "{u1}", "{u2}" and "{u3}" exactly once each

    @op:ListChannelModerators
    Examples:
      | operation             | per page |
      | ListChannelModerators | 1        |
      | ListChannelModerators | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PUBLIC channel "c1" created by alice
    And a PUBLIC channel "c2" created by alice
    And a PUBLIC channel "c3" created by alice
    When alice pages through <operation> <per page> at a time with {"AppInstanceArn": "{app}"}
    Then the pages list "{c1}", "{c2}" and "{c3}" exactly once each

    @op:ListChannels
    Examples:
      | operation    | per page |
      | ListChannels | 1        |
      | ListChannels | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a channel flow "f" whose processor falls back to CONTINUE
    And a PRIVATE channel "c1" created by alice
    And a PRIVATE channel "c2" created by alice
    And a PRIVATE channel "c3" created by alice
    And alice associated the flow "f" with "c1"
    And alice associated the flow "f" with "c2"
    And alice associated the flow "f" with "c3"
    When alice pages through <operation> <per page> at a time with {"ChannelFlowArn": "{f}"}
    Then the pages list "{c1}", "{c2}" and "{c3}" exactly once each

    @op:ListChannelsAssociatedWithChannelFlow
    Examples:
      | operation                             | per page |
      | ListChannelsAssociatedWithChannelFlow | 1        |
      | ListChannelsAssociatedWithChannelFlow | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "c1" created by alice with member bob
    And a PRIVATE channel "c2" created by alice with member bob
    And a PRIVATE channel "c3" created by alice with member bob
    And bob is a moderator of "c1"
    And bob is a moderator of "c2"
    And bob is a moderator of "c3"
    When bob pages through <operation> <per page> at a time with {"AppInstanceUserArn": "{bob}"}
    Then the pages list "{c1}", "{c2}" and "{c3}" exactly once each

    @op:ListChannelsModeratedByAppInstanceUser
    Examples:
      | operation                              | per page |
      | ListChannelsModeratedByAppInstanceUser | 1        |
      | ListChannelsModeratedByAppInstanceUser | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given a PRIVATE channel "c1" created by alice with member bob
    And a PRIVATE channel "c2" created by alice with member bob
    And a PRIVATE channel "c3" created by alice with member bob
    When bob pages through <operation> <per page> at a time with {"Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES", "Values": ["{bob}"]}]}
    Then the pages list "{c1}", "{c2}" and "{c3}" exactly once each

    @op:SearchChannels
    Examples:
      | operation      | per page |
      | SearchChannels | 1        |
      | SearchChannels | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given u1 is an AppInstanceAdmin
    And u2 is an AppInstanceAdmin
    And u3 is an AppInstanceAdmin
    When alice pages through <operation> <per page> at a time with {"AppInstanceArn": "{app}"}
    Then the pages list "{u1}", "{u2}" and "{u3}" exactly once each

    @op:ListAppInstanceAdmins
    Examples:
      | operation             | per page |
      | ListAppInstanceAdmins | 1        |
      | ListAppInstanceAdmins | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given alice called CreateAppInstanceBot with the input {"AppInstanceArn": "{app}", "Name": "bot 1", "ClientRequestToken": "{token}", "Configuration": {"Lex": {"RespondsTo": "STANDARD_MESSAGES", "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/SAMPLEBOT1/SAMPLEALS1", "LocaleId": "en_US"}}}
    And the response field "/AppInstanceBotArn" is remembered as "b1"
    And alice called CreateAppInstanceBot with the input {"AppInstanceArn": "{app}", "Name": "bot 2", "ClientRequestToken": "{token}", "Configuration": {"Lex": {"RespondsTo": "STANDARD_MESSAGES", "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/SAMPLEBOT1/SAMPLEALS1", "LocaleId": "en_US"}}}
    And the response field "/AppInstanceBotArn" is remembered as "b2"
    And alice called CreateAppInstanceBot with the input {"AppInstanceArn": "{app}", "Name": "bot 3", "ClientRequestToken": "{token}", "Configuration": {"Lex": {"RespondsTo": "STANDARD_MESSAGES", "LexBotAliasArn": "arn:aws:lex:us-east-1:123456789012:bot-alias/SAMPLEBOT1/SAMPLEALS1", "LocaleId": "en_US"}}}
    And the response field "/AppInstanceBotArn" is remembered as "b3"
    When alice pages through <operation> <per page> at a time with {"AppInstanceArn": "{app}"}
    Then the pages list "{b1}", "{b2}" and "{b3}" exactly once each

    @op:ListAppInstanceBots
    Examples:
      | operation           | per page |
      | ListAppInstanceBots | 1        |
      | ListAppInstanceBots | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    Given alice called RegisterAppInstanceUserEndpoint with the input {"AppInstanceUserArn": "{u1}", "Name": "device 1", "Type": "GCM", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/conformance", "EndpointAttributes": {"DeviceToken": "device-token-1"}, "ClientRequestToken": "{token}"}
    And the response field "/EndpointId" is remembered as "e1"
    And alice called RegisterAppInstanceUserEndpoint with the input {"AppInstanceUserArn": "{u1}", "Name": "device 2", "Type": "GCM", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/conformance", "EndpointAttributes": {"DeviceToken": "device-token-2"}, "ClientRequestToken": "{token}"}
    And the response field "/EndpointId" is remembered as "e2"
    And alice called RegisterAppInstanceUserEndpoint with the input {"AppInstanceUserArn": "{u1}", "Name": "device 3", "Type": "GCM", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/conformance", "EndpointAttributes": {"DeviceToken": "device-token-3"}, "ClientRequestToken": "{token}"}
    And the response field "/EndpointId" is remembered as "e3"
    When alice pages through <operation> <per page> at a time with {"AppInstanceUserArn": "{u1}"}
    Then the pages list "{e1}", "{e2}" and "{e3}" exactly once each

    @op:ListAppInstanceUserEndpoints
    Examples:
      | operation                    | per page |
      | ListAppInstanceUserEndpoints | 1        |
      | ListAppInstanceUserEndpoints | 50       |

  @B-WIRE-11 @model
  Scenario Outline: <operation> lists each of three items once, <per page> a page
    When alice pages through <operation> <per page> at a time with {"AppInstanceArn": "{app}"}
    Then the pages list "{u1}", "{u2}" and "{u3}" exactly once each

    @op:ListAppInstanceUsers
    Examples:
      | operation            | per page |
      | ListAppInstanceUsers | 1        |
      | ListAppInstanceUsers | 50       |
