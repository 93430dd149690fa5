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

),

parents as (

    select dlt_id, sla_policy_id, loaded_at from {{ ref('stg_freshdesk__sla_policies') }}

),

with_parent_key as (

    select
        parents.sla_policy_id,
        renamed.company_id,
        renamed.list_index,
        parents.loaded_at

    from renamed
    inner join parents
        on renamed.root_dlt_id = parents.dlt_id

)

select * from with_parent_key
