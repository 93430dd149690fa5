with

source as (

    select * from {{ source('freshdesk', 'sla_policies__ticket_types') }}

),

renamed as (

    select
        value         as ticket_type,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
