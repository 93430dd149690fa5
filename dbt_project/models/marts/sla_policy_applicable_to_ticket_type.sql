with

applicable_ticket_types as (

    select sla_policy_id, ticket_type, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__sla_policies__ticket_types') }}
    group by sla_policy_id, ticket_type

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['applicable_ticket_types.sla_policy_id', 'applicable_ticket_types.ticket_type'],
            loaded_at='applicable_ticket_types.loaded_at',
            is_deleted='sla_policies.is_deleted'
        ) }},
        {{ remote_id(['applicable_ticket_types.sla_policy_id']) }} as sla_policy_remote_id,
        applicable_ticket_types.sla_policy_id as sla_policy_id,
        applicable_ticket_types.ticket_type as ticket_type

    from applicable_ticket_types
    inner join sla_policies
        on applicable_ticket_types.sla_policy_id = sla_policies.sla_policy_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
