"""The campaign itself: its model, its file, its limits, and counting its text and SMS parts."""
