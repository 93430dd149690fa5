with

sla_policies as (

    select * from {{ ref('int_freshdesk__sla_policies_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['sla_policies.sla_policy_id'],
            loaded_at='sla_policies.loaded_at',
            is_deleted='sla_policies.is_deleted',
            created_at='sla_policies.created_at',
            updated_at='sla_policies.updated_at'
        ) }},
        sla_policies.sla_policy_id as id,
        sla_policies.name as name,
        sla_policies.description as description,
        sla_policies.active as active,
        sla_policies.is_default as is_default,
        sla_policies.position as position

    from sla_policies
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
