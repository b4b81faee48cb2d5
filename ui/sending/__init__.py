"""Sending from the window: the confirmation, the one request on a worker, the result."""
