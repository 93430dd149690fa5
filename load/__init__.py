"""freshdesk-warehouse: the dlt loader and the offline Freshdesk API sandbox."""
