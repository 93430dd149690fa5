with

roles as (

    select * from {{ ref('int_freshdesk__roles_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['roles.role_id'],
            loaded_at='roles.loaded_at',
            is_deleted='roles.is_deleted',
            created_at='roles.created_at',
            updated_at='roles.updated_at'
        ) }},
        roles.role_id as id,
        roles.name as name,
        roles.description as description,
        roles.is_default as {{ adapter.quote('default') }},
        roles.created_at as created_at,
        roles.updated_at as updated_at,
        roles.agent_type as agent_type

    from roles
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
