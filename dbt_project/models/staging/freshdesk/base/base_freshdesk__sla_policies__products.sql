with

source as (

    select * from {{ source('freshdesk', 'sla_policies__products') }}

),

renamed as (

    select
        value         as product_id,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
