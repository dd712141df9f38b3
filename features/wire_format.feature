Feature: wire_format
