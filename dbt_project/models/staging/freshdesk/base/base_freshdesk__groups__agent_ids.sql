{{ renamed_nested_source('groups__agent_ids', ['value as agent_id']) }}
