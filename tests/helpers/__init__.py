"""What the tests share: window harness, test servers, strategies, schema checks."""
