with

source as (

    select * from {{ source('freshdesk', 'sla_policies__companies') }}

),

renamed as (

    select
        value         as company_id,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
