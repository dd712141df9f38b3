Feature: What identity answers say
  The records of an AppInstance and of its users, bots, admins and endpoints, and its settings.

  # AppInstances

  @B-RES-01 @B-RES-03 @doc @op:CreateAppInstance @op:DescribeAppInstance @op:CreateAppInstanceUser
  Scenario: DescribeAppInstance reads back the name and metadata an AppInstance was created with
    When CreateAppInstance is called
      """
      {"Name": "support desk", "Metadata": "tier: gold", "ClientRequestToken": "{token}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceArn" is not empty
    And the response field "/AppInstanceArn" is remembered as "desk"
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{desk}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstance": {"AppInstanceArn": "{desk}", "Name": "support desk", "Metadata": "tier: gold"}}
      """
    And the response field "/AppInstance/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/AppInstance/LastUpdatedTimestamp" is a time within 60 seconds of now
    # The developer guide gives a user's ARN as the AppInstance's ARN, "/user/" and the user id.
    When CreateAppInstanceUser is called
      """
      {"AppInstanceArn": "{desk}", "AppInstanceUserId": "agent-1", "Name": "First Agent", "ClientRequestToken": "{token}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserArn" is "{desk}/user/agent-1"

  @B-RES-01 @B-RES-03 @doc @needs:clock @op:DescribeAppInstance @op:UpdateAppInstance
  Scenario: UpdateAppInstance changes the name and metadata, moves LastUpdatedTimestamp and keeps CreatedTimestamp
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}"}
      """
    And the response field "/AppInstance/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And UpdateAppInstance is called
      """
      {"AppInstanceArn": "{app}", "Name": "help centre", "Metadata": "tier: platinum"}
      """
    Then the call succeeds
    And the response field "/AppInstanceArn" is "{app}"
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response contains:
      """
      {"AppInstance": {"AppInstanceArn": "{app}", "Name": "help centre", "Metadata": "tier: platinum"}}
      """
    And the response field "/AppInstance/CreatedTimestamp" equals {created}
    And the response field "/AppInstance/LastUpdatedTimestamp" is later than {created}

  @B-RES-01 @doc @needs:clock @op:DescribeAppInstance @op:ListAppInstances
  Scenario: Reading an AppInstance does not move its LastUpdatedTimestamp
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}"}
      """
    And the response field "/AppInstance/LastUpdatedTimestamp" is remembered as "updated"
    And 1 hour passes
    And ListAppInstances is called
    And DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response field "/AppInstance/LastUpdatedTimestamp" equals {updated}

  # ListAppInstances lists every AppInstance of the account, in no documented order, so the
  # checks name no item's place: with two AppInstances at least, a page of one carries a
  # NextToken, and the next page holds another.
  @B-WIRE-11 @model @op:CreateAppInstance @op:ListAppInstances
  Scenario: ListAppInstances pages the account's AppInstances with NextToken
    When CreateAppInstance is called
      """
      {"Name": "second desk", "ClientRequestToken": "{token}"}
      """
    And ListAppInstances is called
      """
      {"MaxResults": 1}
      """
    Then the call succeeds
    And the response field "/AppInstances" has 1 item
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "next"
    And ListAppInstances is called
      """
      {"MaxResults": 1, "NextToken": "{next}"}
      """
    Then the call succeeds
    And the response field "/AppInstances" has 1 item

  # ListAppInstances lists every AppInstance of the account (API reference), and the
  # run's concurrent scenarios create and delete theirs while it pages; so the check finds
  # the scenario's own AppInstance by its ARN among all of them, and says nothing of the rest.
  @B-RES-01 @doc @op:UpdateAppInstance @op:ListAppInstances
  Scenario: ListAppInstances summarises an AppInstance by its ARN, its current name and its metadata
    Given the users alice
    When UpdateAppInstance is called
      """
      {"AppInstanceArn": "{app}", "Name": "front desk", "Metadata": "floor: 2"}
      """
    And alice pages through ListAppInstances 50 at a time with {}
    Then the pages list one item holding "{app}", equal to {"AppInstanceArn": "{app}", "Name": "front desk", "Metadata": "floor: 2"}

  # AppInstanceUsers

  @B-RES-01 @B-RES-03 @doc @op:CreateAppInstanceUser @op:DescribeAppInstanceUser
  Scenario: DescribeAppInstanceUser reads back the name and metadata a user was created with
    When CreateAppInstanceUser is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceUserId": "dana", "Name": "Dana Scully",
       "Metadata": "department: support", "ClientRequestToken": "{token}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserArn" is "{app}/user/dana"
    When DescribeAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{app}/user/dana"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceUser": {"AppInstanceUserArn": "{app}/user/dana", "Name": "Dana Scully",
                           "Metadata": "department: support"}}
      """
    And the response field "/AppInstanceUser/CreatedTimestamp" is a time within 60 seconds of now
    And the response field "/AppInstanceUser/LastUpdatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @B-RES-03 @doc @needs:clock @op:DescribeAppInstanceUser @op:UpdateAppInstanceUser
  Scenario: UpdateAppInstanceUser changes the name and metadata, moves LastUpdatedTimestamp and keeps CreatedTimestamp
    Given the user alice
    When DescribeAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    And the response field "/AppInstanceUser/CreatedTimestamp" is remembered as "created"
    And 1 hour passes
    And UpdateAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{alice}", "Name": "Alice Liddell", "Metadata": "status: away"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUserArn" is "{alice}"
    When DescribeAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the response contains:
      """
      {"AppInstanceUser": {"AppInstanceUserArn": "{alice}", "Name": "Alice Liddell", "Metadata": "status: away"}}
      """
    And the response field "/AppInstanceUser/CreatedTimestamp" equals {created}
    And the response field "/AppInstanceUser/LastUpdatedTimestamp" is later than {created}

  @B-RES-01 @doc @needs:clock @op:DescribeAppInstanceUser @op:ListAppInstanceUsers
  Scenario: Reading a user does not move its LastUpdatedTimestamp
    Given the user alice
    When DescribeAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    And the response field "/AppInstanceUser/LastUpdatedTimestamp" is remembered as "updated"
    And 1 hour passes
    And ListAppInstanceUsers is called
      """
      {"AppInstanceArn": "{app}"}
      """
    And DescribeAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{alice}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceUser/LastUpdatedTimestamp" equals {updated}

  @B-RES-01 @B-WIRE-11 @doc @op:CreateAppInstanceUser @op:UpdateAppInstanceUser @op:ListAppInstanceUsers
  Scenario: ListAppInstanceUsers summarises each user with the name and metadata it has now
    When CreateAppInstanceUser is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceUserId": "dana", "Name": "Dana Scully",
       "Metadata": "department: support", "ClientRequestToken": "{token}"}
      """
    And UpdateAppInstanceUser is called
      """
      {"AppInstanceUserArn": "{app}/user/dana", "Name": "Dana K. Scully", "Metadata": "department: escalations"}
      """
    And ListAppInstanceUsers is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceArn": "{app}",
       "AppInstanceUsers": [{"AppInstanceUserArn": "{app}/user/dana", "Name": "Dana K. Scully",
                             "Metadata": "department: escalations"}]}
      """
    And the response field "/NextToken" is absent

  @B-WIRE-11 @model @op:ListAppInstanceUsers
  Scenario: ListAppInstanceUsers with MaxResults smaller than the users carries a NextToken to the rest
    Given the users alice, bob and carol
    When ListAppInstanceUsers is called
      """
      {"AppInstanceArn": "{app}", "MaxResults": 2}
      """
    Then the call succeeds
    And the response field "/AppInstanceUsers" has 2 items
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "next"
    And ListAppInstanceUsers is called
      """
      {"AppInstanceArn": "{app}", "MaxResults": 2, "NextToken": "{next}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceArn" is "{app}"
    And the response field "/AppInstanceUsers" has 1 item
    And the response field "/NextToken" is absent

  # AppInstanceAdmins

  @B-RES-02 @B-RES-03 @doc @op:CreateAppInstanceUser @op:CreateAppInstanceAdmin
  Scenario: CreateAppInstanceAdmin answers the AppInstance and the admin it made, by ARN and name
    When CreateAppInstanceUser is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceUserId": "dana", "Name": "Dana Scully", "ClientRequestToken": "{token}"}
      """
    And CreateAppInstanceAdmin is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdminArn": "{app}/user/dana"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdmin": {"Arn": "{app}/user/dana", "Name": "Dana Scully"}}
      """

  @B-RES-01 @doc @op:CreateAppInstanceUser @op:CreateAppInstanceAdmin @op:DescribeAppInstanceAdmin
  Scenario: DescribeAppInstanceAdmin names the admin, its AppInstance and when it was made an admin
    When CreateAppInstanceUser is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceUserId": "dana", "Name": "Dana Scully", "ClientRequestToken": "{token}"}
      """
    And CreateAppInstanceAdmin is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdminArn": "{app}/user/dana"}
      """
    And DescribeAppInstanceAdmin is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdminArn": "{app}/user/dana"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceAdmin": {"Admin": {"Arn": "{app}/user/dana", "Name": "Dana Scully"}, "AppInstanceArn": "{app}"}}
      """
    And the response field "/AppInstanceAdmin/CreatedTimestamp" is a time within 60 seconds of now

  @B-RES-01 @B-WIRE-11 @doc @op:ListAppInstanceAdmins
  Scenario: ListAppInstanceAdmins names each admin of the AppInstance
    Given alice is an AppInstanceAdmin
    When ListAppInstanceAdmins is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"AppInstanceArn": "{app}", "AppInstanceAdmins": [{"Admin": {"Arn": "{alice}", "Name": "alice"}}]}
      """
    And the response field "/NextToken" is absent

  @B-WIRE-11 @model @op:ListAppInstanceAdmins
  Scenario: ListAppInstanceAdmins with MaxResults smaller than the admins carries a NextToken to the rest
    Given alice is an AppInstanceAdmin
    And bob is an AppInstanceAdmin
    And carol is an AppInstanceAdmin
    When ListAppInstanceAdmins is called
      """
      {"AppInstanceArn": "{app}", "MaxResults": 2}
      """
    Then the call succeeds
    And the response field "/AppInstanceAdmins" has 2 items
    And the response field "/NextToken" is not empty
    When the response field "/NextToken" is remembered as "next"
    And ListAppInstanceAdmins is called
      """
      {"AppInstanceArn": "{app}", "MaxResults": 2, "NextToken": "{next}"}
      """
    Then the call succeeds
    And the response field "/AppInstanceAdmins" has 1 item
    And the response field "/NextToken" is absent

  # Retention settings

  # The developer guide's retention examples: enable with 60 days, update to 30, disable with
  # an empty ChannelRetentionSettings.
  @B-RES-04 @doc @op:PutAppInstanceRetentionSettings @op:GetAppInstanceRetentionSettings
  Scenario: Retention settings read back as they were put, updated and turned off
    When PutAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 60}}}
      """
    Then the call succeeds
    And the response field "/AppInstanceRetentionSettings" equals {"ChannelRetentionSettings": {"RetentionDays": 60}}
    When GetAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response field "/AppInstanceRetentionSettings" equals {"ChannelRetentionSettings": {"RetentionDays": 60}}
    When PutAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 30}}}
      """
    And GetAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response field "/AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays" equals 30
    When PutAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {}}}
      """
    Then the call succeeds
    And the response field "/AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays" is absent
    When GetAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response field "/AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays" is absent

  # InitiateDeletionTimestamp is documented only as "the time at which the API deletes data".
  # The guide keeps messages restorable for 30 days after retention is set or updated, then
  # deletes them; we take the timestamp to be when that deletion starts: after the put and no
  # later than 30 days (and a day of slack) from now, and the same on a later Get.
  @B-RES-04 @assumed @op:PutAppInstanceRetentionSettings @op:GetAppInstanceRetentionSettings @op:DescribeAppInstance
  Scenario: InitiateDeletionTimestamp is when the retained messages start to be deleted, and a Get reads the Put's
    When DescribeAppInstance is called
      """
      {"AppInstanceArn": "{app}"}
      """
    And the response field "/AppInstance/CreatedTimestamp" is remembered as "created"
    And PutAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 60}}}
      """
    Then the call succeeds
    And the response field "/InitiateDeletionTimestamp" is a time within 2678400 seconds of now
    When the response field "/InitiateDeletionTimestamp" is remembered as "deletion"
    And GetAppInstanceRetentionSettings is called
      """
      {"AppInstanceArn": "{app}"}
      """
    Then the response field "/InitiateDeletionTimestamp" equals {deletion}
    And the response field "/InitiateDeletionTimestamp" is later than {created}

  # Tags

  @B-RES-04 @doc @op:CreateAppInstance @op:identity:ListTagsForResource
  Scenario: An AppInstance created with tags lists exactly those tags
    When CreateAppInstance is called
      """
      {"Name": "tagged desk", "ClientRequestToken": "{token}", "Tags": [{"Key": "cost-centre", "Value": "cc-42"}]}
      """
    And the response field "/AppInstanceArn" is remembered as "desk"
    And identity:ListTagsForResource is called
      """
      {"ResourceARN": "{desk}"}
      """
    Then the call succeeds
    And the response field "/Tags" equals [{"Key": "cost-centre", "Value": "cc-42"}]

  @B-RES-04 @doc @op:CreateAppInstanceUser @op:identity:ListTagsForResource @op:identity:TagResource @op:identity:UntagResource
  Scenario: A user's tags read back as created, tagged and untagged
    When CreateAppInstanceUser is called
      """
      {"AppInstanceArn": "{app}", "AppInstanceUserId": "dana", "Name": "Dana Scully",
       "ClientRequestToken": "{token}", "Tags": [{"Key": "team", "Value": "blue"}]}
      """
    And identity:ListTagsForResource is called
      """
      {"ResourceARN": "{app}/user/dana"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Tags": [{"Key": "team", "Value": "blue"}]}
      """
    When identity:TagResource is called
      """
      {"ResourceARN": "{app}/user/dana", "Tags": [{"Key": "shift", "Value": "night"}]}
      """
    And identity:UntagResource is called
      """
      {"ResourceARN": "{app}/user/dana", "TagKeys": ["team"]}
      """
    And identity:ListTagsForResource is called
      """
      {"ResourceARN": "{app}/user/dana"}
      """
    Then the call succeeds
    And the response contains:
      """
      {"Tags": [{"Key": "shift", "Value": "night"}]}
      """
