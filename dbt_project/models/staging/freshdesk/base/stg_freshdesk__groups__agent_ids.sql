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

),

parents as (

    select dlt_id, group_id, loaded_at from {{ ref('stg_freshdesk__groups') }}

),

with_parent_key as (

    select
        parents.group_id,
        renamed.agent_id,
        renamed.list_index,
        parents.loaded_at

    from renamed
    inner join parents
        on renamed.root_dlt_id = parents.dlt_id

)

select * from with_parent_key
