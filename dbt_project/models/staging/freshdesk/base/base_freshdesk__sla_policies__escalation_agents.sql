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

)

select * from renamed
