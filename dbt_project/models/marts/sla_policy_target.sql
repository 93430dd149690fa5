with

targets as (

    select * from {{ ref('stg_freshdesk__sla_policies__sla_targets') }}

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['targets.sla_policy_id', 'targets.target_name'],
            loaded_at='targets.loaded_at',
            is_deleted='sla_policies.is_deleted'
        ) }},
        {{ remote_id(['targets.sla_policy_id']) }} as sla_policy_remote_id,
        targets.sla_policy_id as sla_policy_id,
        targets.target_name as target_name,
        targets.respond_within as respond_within,
        targets.resolve_within as resolve_within,
        targets.business_hours as business_hours,
        targets.escalation_enabled as escalation_enabled

    from targets
    inner join sla_policies
        on targets.sla_policy_id = sla_policies.sla_policy_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
