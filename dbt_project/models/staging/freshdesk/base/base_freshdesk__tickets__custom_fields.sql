with

source as (

    select * from {{ source('freshdesk', 'tickets__custom_fields') }}

),

renamed as (

    select
        name          as field_name,
        value_type,
        value_string,
        value_bool,
        value_long,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
