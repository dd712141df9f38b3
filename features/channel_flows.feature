Feature: channel_flows
