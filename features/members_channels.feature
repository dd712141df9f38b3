Feature: What channel answers say
  The records of channels, memberships, moderators and bans, and the lists and searches over them.

  Background:
    Given the users alice, bob, carol and dave

  # Channels

  @B-RES-01 @doc @op:CreateChannel @op:DescribeChannel @op:UpdateChannel
  Scenario: UpdateChannel changes the name, metadata and mode, stamps LastUpdatedTimestamp and keeps CreatedTimestamp
    Given a RESTRICTED PRIVATE channel "general" created by alice
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/LastUpdatedTimestamp" is a time within 60 seconds of now
    And the response field "/Channel/CreatedTimestamp" is remembered as "created"
    When alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "renamed", "Mode": "UNRESTRICTED", "Metadata": "topic: launch"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response contains:
      """
      {"Channel": {"ChannelArn": "{general}", "Name": "renamed", "Mode": "UNRESTRICTED",
                   "Privacy": "PRIVATE", "Metadata": "topic: launch"}}
      """
    And the response field "/Channel/CreatedTimestamp" equals {created}
    And the response field "/Channel/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @doc @needs:clock @op:DescribeChannel @op:UpdateChannel
  Scenario: An update an hour after creation moves LastUpdatedTimestamp past CreatedTimestamp
    Given a RESTRICTED PRIVATE channel "general" created by alice
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    And the response field "/Channel/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And alice calls UpdateChannel
      """
      {"ChannelArn": "{general}", "Name": "an hour later", "Mode": "RESTRICTED"}
      """
    And alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the response field "/Channel/LastUpdatedTimestamp" is later than {created}
    And the response field "/Channel/CreatedTimestamp" equals {created}

  @B-RES-01 @doc @op:DescribeChannel @op:ListChannelMemberships
  Scenario: Reading a channel does not move its LastUpdatedTimestamp
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    And the response field "/Channel/LastUpdatedTimestamp" is remembered as "updated"
    And bob calls ListChannelMemberships
      """
      {"ChannelArn": "{general}"}
      """
    And bob calls DescribeChannel
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/Channel/LastUpdatedTimestamp" equals {updated}

  @B-RES-01 @B-WIRE-11 @doc @op:CreateChannel @op:ListChannels
  Scenario: ListChannels summarises each PUBLIC channel with what it was created with
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "news", "Mode": "UNRESTRICTED", "Privacy": "PUBLIC",
       "Metadata": "daily headlines"}
      """
    And the response field "/ChannelArn" is remembered as "news"
    And carol calls ListChannels
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Channels": [{"ChannelArn": "{news}", "Name": "news", "Mode": "UNRESTRICTED",
                     "Privacy": "PUBLIC", "Metadata": "daily headlines"}]}
      """
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:ListChannels
  Scenario: ListChannels pages with MaxResults and NextToken
    Given a PUBLIC channel "one" created by alice
    And a PUBLIC channel "two" created by alice
    And a PUBLIC channel "three" created by alice
    When carol calls ListChannels
      """
      {"AppInstanceArn": "{app}", "MaxResults": 2}
      """
    Then the call succeeds
    And the response field "/Channels" has 2 items
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And carol calls ListChannels
      """
      {"AppInstanceArn": "{app}", "MaxResults": 2, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/Channels" has 1 item
    And the response field "/NextToken" is empty

  @B-RES-01 @B-WIRE-11 @doc @op:CreateChannel @op:SearchChannels
  Scenario: SearchChannels finds the channels whose members include a user, summarised as created
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "project", "Mode": "RESTRICTED", "Privacy": "PRIVATE",
       "Metadata": "project room", "MemberArns": ["{bob}"]}
      """
    And the response field "/ChannelArn" is remembered as "project"
    And alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "elsewhere", "MemberArns": ["{carol}"]}
      """
    And bob calls SearchChannels
      """
      {"Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES", "Values": ["{bob}"]}]}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Channels": [{"ChannelArn": "{project}", "Name": "project", "Mode": "RESTRICTED",
                     "Privacy": "PRIVATE", "Metadata": "project room"}]}
      """
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:SearchChannels
  Scenario: SearchChannels pages with MaxResults and NextToken
    Given a PRIVATE channel "one" created by alice with member bob
    And a PRIVATE channel "two" created by alice with member bob
    And a PRIVATE channel "three" created by alice with member bob
    When bob calls SearchChannels
      """
      {"Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES", "Values": ["{bob}"]}], "MaxResults": 2}
      """
    Then the call succeeds
    And the response field "/Channels" has 2 items
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And bob calls SearchChannels
      """
      {"Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES", "Values": ["{bob}"]}], "MaxResults": 2,
       "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/Channels" has 1 item
    And the response field "/NextToken" is empty

  # Memberships

  @B-RES-01 @B-RES-02 @B-RES-03 @doc @op:CreateChannelMembership @op:DescribeChannelMembership
  Scenario: A membership names its channel, its member and the user who added the member
    Given an UNRESTRICTED PRIVATE channel "general" created by alice with member bob
    When bob adds carol to "general"
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "Member": {"Arn": "{carol}"}}
      """
    When carol calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMembership": {"ChannelArn": "{general}", "Member": {"Arn": "{carol}"},
                             "InvitedBy": {"Arn": "{bob}"}, "Type": "DEFAULT"}}
      """
    And the response field "/ChannelMembership/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/ChannelMembership/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @doc @op:DescribeChannelMembership @op:ListChannelMemberships
  Scenario: Reading a membership does not move its timestamps
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When alice calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    And the response field "/ChannelMembership/CreatedTimestamp" is remembered as "created"
    And the response field "/ChannelMembership/LastUpdatedTimestamp" is remembered as "updated"
    And bob calls ListChannelMemberships
      """
      {"ChannelArn": "{general}"}
      """
    And bob calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call succeeds
    And the response field "/ChannelMembership/CreatedTimestamp" equals {created}
    And the response field "/ChannelMembership/LastUpdatedTimestamp" equals {updated}

  @B-RES-01 @B-WIRE-11 @doc @op:CreateChannelMembership @op:DescribeChannelMembership @op:ListChannelMemberships
  Scenario: A HIDDEN membership says so, and only a listing filtered on HIDDEN shows it
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When alice calls CreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}", "Type": "HIDDEN"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    When alice calls DescribeChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the response contains:
      """
      {"ChannelMembership": {"ChannelArn": "{general}", "Member": {"Arn": "{carol}"},
                             "InvitedBy": {"Arn": "{alice}"}, "Type": "HIDDEN"}}
      """
    When alice calls ListChannelMemberships
      """
      {"ChannelArn": "{general}", "Type": "HIDDEN"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "ChannelMemberships": [{"Member": {"Arn": "{carol}"}}]}
      """
    And the response field "/NextToken" is empty
    When alice calls ListChannelMemberships
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response field "/ChannelMemberships" has 2 items

  @B-WIRE-11 @model @op:ListChannelMemberships
  Scenario: ListChannelMemberships pages with MaxResults and NextToken
    Given a RESTRICTED PRIVATE channel "general" created by alice with members bob and carol
    When alice calls ListChannelMemberships
      """
      {"ChannelArn": "{general}", "MaxResults": 2}
      """
    Then the call succeeds
    And the response field "/ChannelMemberships" has 2 items
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And alice calls ListChannelMemberships
      """
      {"ChannelArn": "{general}", "MaxResults": 2, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response field "/ChannelMemberships" has 1 item
    And the response field "/NextToken" is empty

  @B-RES-02 @B-RES-03 @doc @op:BatchCreateChannelMembership @op:ListChannelMemberships
  Scenario: BatchCreateChannelMembership answers the channel, the type, who added them and each member added
    Given a RESTRICTED PRIVATE channel "general" created by alice
    When alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArns": ["{bob}"], "Type": "DEFAULT"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"BatchChannelMemberships": {"ChannelArn": "{general}", "Type": "DEFAULT",
                                   "InvitedBy": {"Arn": "{alice}"},
                                   "Members": [{"Arn": "{bob}"}]}}
      """
    And the response field "/Errors" is empty
    When alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArns": ["{carol}", "{dave}"], "Type": "HIDDEN"}
      """
    Then the call succeeds
    And the response field "/BatchChannelMemberships/Type" is "HIDDEN"
    And the response field "/BatchChannelMemberships/Members" has 2 items
    When alice calls ListChannelMemberships
      """
      {"ChannelArn": "{general}", "Type": "HIDDEN"}
      """
    Then the response field "/ChannelMemberships" has 2 items

  @B-CH-10 @B-RES-03 @doc @op:CreateChannelBan @op:BatchCreateChannelMembership
  Scenario: BatchCreateChannelMembership lists a member it could not add, with an error code, and adds the rest
    Given a RESTRICTED PRIVATE channel "general" created by alice with member carol
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    And alice calls BatchCreateChannelMembership
      """
      {"ChannelArn": "{general}", "MemberArns": ["{bob}", "{carol}"], "Type": "DEFAULT"}
      """
    Then the call succeeds
    And the response field "/BatchChannelMemberships/Members" equals [{"Arn": "{bob}"}]
    And the response field "/Errors" has 1 item
    And the response field "/Errors/0/MemberArn" is "{carol}"
    And the response field "/Errors/0/ErrorCode" is not empty

  @B-RES-04 @B-RES-03 @doc @op:PutChannelMembershipPreferences @op:GetChannelMembershipPreferences
  Scenario: Membership preferences read back as they were put, naming the channel and the member
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When bob calls PutChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}",
       "Preferences": {"PushNotifications": {"AllowNotifications": "FILTERED",
                                             "FilterRule": "{\"mention\":[\"bob\"]}"}}}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "Member": {"Arn": "{bob}"},
       "Preferences": {"PushNotifications": {"AllowNotifications": "FILTERED",
                                             "FilterRule": "{\"mention\":[\"bob\"]}"}}}
      """
    When bob calls GetChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "Member": {"Arn": "{bob}"},
       "Preferences": {"PushNotifications": {"AllowNotifications": "FILTERED",
                                             "FilterRule": "{\"mention\":[\"bob\"]}"}}}
      """
    When bob calls PutChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}",
       "Preferences": {"PushNotifications": {"AllowNotifications": "NONE"}}}
      """
    And bob calls GetChannelMembershipPreferences
      """
      {"ChannelArn": "{general}", "MemberArn": "{bob}"}
      """
    Then the response field "/Preferences/PushNotifications/AllowNotifications" is "NONE"

  @B-RES-01 @B-RES-03 @B-WIRE-11 @doc @op:UpdateChannelReadMarker @op:ListChannelMembershipsForAppInstanceUser
  Scenario: A user's memberships list each channel with the membership type and when the user last read it
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When bob calls UpdateChannelReadMarker
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    When bob calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelMemberships": [{
        "ChannelSummary": {"ChannelArn": "{general}", "Name": "general", "Mode": "RESTRICTED",
                           "Privacy": "PRIVATE"},
        "AppInstanceUserMembershipSummary": {"Type": "DEFAULT"}}]}
      """
    And the response field "/ChannelMemberships/0/AppInstanceUserMembershipSummary/ReadMarkerTimestamp" is a time within 60 seconds of now
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:ListChannelMembershipsForAppInstanceUser
  Scenario: ListChannelMembershipsForAppInstanceUser pages with MaxResults and NextToken
    Given a PRIVATE channel "one" created by alice with member bob
    And a PRIVATE channel "two" created by alice with member bob
    And a PRIVATE channel "three" created by alice with member bob
    When bob calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}", "MaxResults": 2}
      """
    Then the call succeeds
    And the response field "/ChannelMemberships" has 2 items
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And bob calls ListChannelMembershipsForAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}", "MaxResults": 2, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/ChannelMemberships" has 1 item
    And the response field "/NextToken" is empty

  # Moderators

  @B-RES-01 @B-RES-02 @B-RES-03 @doc @op:CreateChannelModerator @op:DescribeChannelModerator
  Scenario: A moderator record names its channel, the moderator and the moderator who appointed them
    Given a RESTRICTED PRIVATE channel "general" created by alice with member carol
    And bob is a moderator of "general"
    When bob calls CreateChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{carol}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "ChannelModerator": {"Arn": "{carol}"}}
      """
    When alice calls DescribeChannelModerator
      """
      {"ChannelArn": "{general}", "ChannelModeratorArn": "{carol}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelModerator": {"ChannelArn": "{general}", "Moderator": {"Arn": "{carol}"},
                            "CreatedBy": {"Arn": "{bob}"}}}
      """
    And the response field "/ChannelModerator/CreatedTimestamp" is a time within 60 seconds of now

  @B-CH-05 @B-WIRE-11 @doc @op:ListChannelModerators
  Scenario: ListChannelModerators of a new channel lists its creator as its only moderator
    Given a RESTRICTED PRIVATE channel "general" created by alice with member bob
    When alice calls ListChannelModerators
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "ChannelModerators": [{"Moderator": {"Arn": "{alice}"}}]}
      """
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:ListChannelModerators
  Scenario: ListChannelModerators pages with MaxResults and NextToken
    Given a RESTRICTED PRIVATE channel "general" created by alice
    And bob is a moderator of "general"
    When alice calls ListChannelModerators
      """
      {"ChannelArn": "{general}", "MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/ChannelModerators" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And alice calls ListChannelModerators
      """
      {"ChannelArn": "{general}", "MaxResults": 1, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response field "/ChannelModerators" has 1 item
    And the response field "/NextToken" is empty

  @B-RES-01 @B-WIRE-11 @doc @op:ListChannelsModeratedByAppInstanceUser
  Scenario: ListChannelsModeratedByAppInstanceUser lists the channels the user moderates, not those they only belong to
    Given an UNRESTRICTED PUBLIC channel "general" created by alice
    And a PRIVATE channel "other" created by alice with member bob
    And bob is a moderator of "general"
    When bob calls ListChannelsModeratedByAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Channels": [{"ChannelSummary": {"ChannelArn": "{general}", "Name": "general",
                                        "Mode": "UNRESTRICTED", "Privacy": "PUBLIC"}}]}
      """
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:ListChannelsModeratedByAppInstanceUser
  Scenario: ListChannelsModeratedByAppInstanceUser pages with MaxResults and NextToken
    Given a PRIVATE channel "one" created by alice
    And a PRIVATE channel "two" created by alice
    And bob is a moderator of "one"
    And bob is a moderator of "two"
    When bob calls ListChannelsModeratedByAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}", "MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/Channels" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And bob calls ListChannelsModeratedByAppInstanceUser
      """
      {"AppInstanceUserArn": "{bob}", "MaxResults": 1, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/Channels" has 1 item
    And the response field "/NextToken" is empty

  @B-RES-01 @doc @op:CreateChannel @op:DescribeChannelModeratedByAppInstanceUser
  Scenario: DescribeChannelModeratedByAppInstanceUser summarises the moderated channel as created
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "moderated", "Mode": "RESTRICTED", "Privacy": "PRIVATE",
       "Metadata": "watched closely", "MemberArns": ["{bob}"], "ModeratorArns": ["{bob}"]}
      """
    And the response field "/ChannelArn" is remembered as "moderated"
    And bob calls DescribeChannelModeratedByAppInstanceUser
      """
      {"ChannelArn": "{moderated}", "AppInstanceUserArn": "{bob}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Channel": {"ChannelSummary": {"ChannelArn": "{moderated}", "Name": "moderated",
                                      "Mode": "RESTRICTED", "Privacy": "PRIVATE",
                                      "Metadata": "watched closely"}}}
      """

  # Bans

  @B-RES-01 @B-RES-02 @B-RES-03 @doc @op:CreateChannelBan @op:DescribeChannelBan
  Scenario: A ban names its channel, the banned member and the moderator who banned them
    Given a RESTRICTED PRIVATE channel "general" created by alice with member carol
    And bob is a moderator of "general"
    When bob calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "Member": {"Arn": "{carol}"}}
      """
    When alice calls DescribeChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelBan": {"ChannelArn": "{general}", "Member": {"Arn": "{carol}"},
                      "CreatedBy": {"Arn": "{bob}"}}}
      """
    And the response field "/ChannelBan/CreatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @B-WIRE-11 @doc @op:CreateChannelBan @op:ListChannelBans
  Scenario: ListChannelBans lists the banned members of the channel
    Given a RESTRICTED PRIVATE channel "general" created by alice with member carol
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    And alice calls ListChannelBans
      """
      {"ChannelArn": "{general}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"ChannelArn": "{general}", "ChannelBans": [{"Member": {"Arn": "{carol}"}}]}
      """
    And the response field "/NextToken" is empty

  @B-WIRE-11 @model @op:CreateChannelBan @op:ListChannelBans
  Scenario: ListChannelBans pages with MaxResults and NextToken
    Given a RESTRICTED PRIVATE channel "general" created by alice with members carol and dave
    When alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{carol}"}
      """
    And alice calls CreateChannelBan
      """
      {"ChannelArn": "{general}", "MemberArn": "{dave}"}
      """
    And alice calls ListChannelBans
      """
      {"ChannelArn": "{general}", "MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/ChannelBans" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "page2"
    And alice calls ListChannelBans
      """
      {"ChannelArn": "{general}", "MaxResults": 1, "NextToken": "{page2}"}
      """
    Then the call succeeds
    And the response field "/ChannelArn" is "{general}"
    And the response field "/ChannelBans" has 1 item
    And the response field "/NextToken" is empty
