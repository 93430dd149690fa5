with

source as (

    select * from {{ source('freshdesk', 'sla_policies__escalation_agents') }}

),

renamed as (

    select
        value          as agent_id,
        _dlt_parent_id as parent_dlt_id,
        _dlt_list_idx  as list_index

    from source

),

escalations as (

    select dlt_id, sla_policy_id, escalation_name, escalation_time, loaded_at
    from {{ ref('stg_freshdesk__sla_policies__escalations') }}

),

with_parent_key as (

    select
        escalations.sla_policy_id,
        escalations.escalation_name,
        escalations.escalation_time,
        renamed.agent_id,
        renamed.list_index,
        escalations.loaded_at

    from renamed
    inner join escalations
        on renamed.parent_dlt_id = escalations.dlt_id

)

select * from with_parent_key
