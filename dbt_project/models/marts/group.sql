{{ record_select(ref('int_freshdesk__groups_with_placeholders'), 'group_id') }}
