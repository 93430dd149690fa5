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

),

parents as (

    select dlt_id, ticket_id, loaded_at from {{ ref('stg_freshdesk__tickets') }}

),

with_parent_key as (

    select
        parents.ticket_id,
        renamed.field_name,
        renamed.value_type,
        renamed.value_string,
        renamed.value_bool,
        renamed.value_long,
        renamed.list_index,
        parents.loaded_at

    from renamed
    inner join parents
        on renamed.root_dlt_id = parents.dlt_id

)

select * from with_parent_key
