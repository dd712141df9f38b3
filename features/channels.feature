Feature: channels
