Feature: listing
