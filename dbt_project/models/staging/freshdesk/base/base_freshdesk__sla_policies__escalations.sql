with

source as (

    select * from {{ source('freshdesk', 'sla_policies__escalations') }}

),

renamed as (

    select
        escalation_name,
        escalation_time,
        _dlt_id         as dlt_id,
        _dlt_root_id    as root_dlt_id,
        _dlt_list_idx   as list_index

    from source

)

select * from renamed
