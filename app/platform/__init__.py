"""The computer the program runs on: folders, settings, the keyring, files written safely."""
