with

source as (

    select * from {{ source('freshdesk', 'sla_policies__sla_targets') }}

),

renamed as (

    select
        target_name,
        respond_within,
        resolve_within,
        next_respond_within,
        business_hours,
        escalation_enabled,
        _dlt_root_id        as root_dlt_id,
        _dlt_list_idx       as list_index

    from source

)

select * from renamed
