with

source as (

    select * from {{ source('freshdesk', 'companies__domains') }}

),

renamed as (

    select
        value         as domain,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
