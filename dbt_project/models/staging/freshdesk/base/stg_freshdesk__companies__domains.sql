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

),

parents as (

    select dlt_id, company_id, loaded_at from {{ ref('stg_freshdesk__companies') }}

),

with_parent_key as (

    select
        parents.company_id,
        renamed.domain,
        renamed.list_index,
        parents.loaded_at

    from renamed
    inner join parents
        on renamed.root_dlt_id = parents.dlt_id

)

select * from with_parent_key
