with

source as (

    select * from {{ source('freshdesk', 'sla_policies') }}

),

renamed as (

    select
        id           as sla_policy_id,
        name,
        description,
        active,
        is_default,
        position,
        created_at,
        updated_at,
        _dlt_id      as dlt_id,
        _dlt_load_id as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at

    from source

)

select * from renamed
