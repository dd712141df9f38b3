Feature: caller_identity
