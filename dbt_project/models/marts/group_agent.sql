with

group_agents as (

    select group_id, agent_id, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__groups__agent_ids') }}
    group by group_id, agent_id

),

groups as (

    select group_id, is_deleted from {{ ref('int_freshdesk__groups_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['group_agents.group_id', 'group_agents.agent_id'],
            loaded_at='group_agents.loaded_at',
            is_deleted='groups.is_deleted'
        ) }},
        {{ remote_id(['group_agents.group_id']) }} as group_remote_id,
        group_agents.group_id as group_id,
        group_agents.agent_id as agent_id

    from group_agents
    inner join groups
        on group_agents.group_id = groups.group_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
