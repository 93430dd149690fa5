{{ child_select(
    ref('stg_freshdesk__groups__agent_ids'),
    parent=ref('int_freshdesk__groups_with_placeholders'),
    key=['group_id', 'agent_id'],
    one_row_per_key=true
) }}
