with

source as (

    select * from {{ source('freshdesk', 'groups__agent_ids') }}

),

renamed as (

    select
        value         as agent_id,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
