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
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
