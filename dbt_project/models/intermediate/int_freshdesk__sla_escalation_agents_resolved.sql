with

escalation_agents as (

    select * from {{ ref('stg_freshdesk__sla_policies__escalation_agents') }}

),

deduplicated as (

    select
        sla_policy_id,
        escalation_name,
        agent_id as escalation_agent_id,
        max(escalation_time) as escalation_time,
        max(loaded_at) as loaded_at

    from escalation_agents
    group by sla_policy_id, escalation_name, agent_id

),

resolved as (

    select
        sla_policy_id,
        escalation_name,
        -- kept as Freshdesk sends it, -1 included, to build the row's RemoteID
        escalation_agent_id,
        -- -1 stands for "the ticket's assigned agent", which is no agent record
        case when escalation_agent_id = -1 then null else escalation_agent_id end as agent_id,
        escalation_time,
        loaded_at

    from deduplicated

)

select * from resolved
