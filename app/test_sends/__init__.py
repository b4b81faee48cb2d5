"""Test sends: the current message to the user's own test phones, one single-message request per phone,
each recorded before it leaves and looked up (never resent) when its answer is lost."""
