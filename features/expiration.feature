Feature: expiration
