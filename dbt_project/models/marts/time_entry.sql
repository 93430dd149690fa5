{{ record_select(ref('int_freshdesk__time_entries_deletion_flagged'), 'time_entry_id') }}
