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
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
