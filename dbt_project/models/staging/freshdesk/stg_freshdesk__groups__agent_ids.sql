{{ nested_with_parent_key('base_freshdesk__groups__agent_ids', 'stg_freshdesk__groups', ['group_id']) }}
