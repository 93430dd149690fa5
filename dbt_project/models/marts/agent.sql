{{ record_select(ref('int_freshdesk__agents_with_placeholders'), 'agent_id', renames={
    'contact_timezone': 'record.contact_time_zone'
}) }}
