Feature: idempotency
