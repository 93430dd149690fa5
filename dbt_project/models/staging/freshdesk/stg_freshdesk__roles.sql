with

source as (

    select * from {{ source('freshdesk', 'roles') }}

),

renamed as (

    select
        id                             as role_id,
        name,
        description,
        {{ adapter.quote('default') }} as is_default,
        created_at,
        updated_at,
        agent_type,
        _dlt_id                        as dlt_id,
        _dlt_load_id                   as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at

    from source

)

select * from renamed
