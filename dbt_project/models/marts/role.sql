{{ record_select(ref('int_freshdesk__roles_deletion_flagged'), 'role_id', renames={
    'default': 'record.is_default'
}) }}
