Feature: messages
