"""Following campaigns: the Campaigns view, its table, detail and actions."""
