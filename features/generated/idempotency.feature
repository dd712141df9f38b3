# Generated from the service models by `chime-conformance features generate`.
# Do not edit: the tests fail when this file and the models disagree.
@generated
Feature: Every retry token refuses a retry with other parameters
  B-WIRE-10: a ClientRequestToken repeated with the same parameters returns the first result;
  with different parameters it is a ConflictException. The operations here are those whose
  input has an idempotency token the SDKs fill (7 of them); the member changed is a plain
  string of the input, a required one where there is one. A valid input is the model's sample
  input with its required members, in this scenario's AppInstance: the channel general, alice
  as the caller, bob where a user is named, a message alice sent where one is named, and fresh
  idempotency tokens.

  Background:
    Given the users alice and bob
    And a PRIVATE channel "general" created by alice with member bob

  @B-WIRE-10 @assumed
  Scenario Outline: <operation> refuses its token again with <member> changed
    When alice calls <operation> with a valid input
    Then the call succeeds
    When alice calls <operation> again with the same token and "<member>" set to the text "changed-on-retry"
    Then the call fails with ConflictException

    @op:CreateChannel
    Examples:
      | operation     | member |
      | CreateChannel | /Name  |

    @op:CreateChannelFlow
    Examples:
      | operation         | member |
      | CreateChannelFlow | /Name  |

    @op:SendChannelMessage
    Examples:
      | operation          | member   |
      | SendChannelMessage | /Content |

    @op:CreateAppInstance
    Examples:
      | operation         | member |
      | CreateAppInstance | /Name  |

    @op:CreateAppInstanceBot
    Examples:
      | operation            | member    |
      | CreateAppInstanceBot | /Metadata |

    @op:CreateAppInstanceUser
    Examples:
      | operation             | member             |
      | CreateAppInstanceUser | /AppInstanceUserId |

    @op:RegisterAppInstanceUserEndpoint
    Examples:
      | operation                       | member |
      | RegisterAppInstanceUserEndpoint | /Name  |
