Feature: elastic_channels
