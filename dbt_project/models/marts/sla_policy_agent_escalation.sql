with

escalations as (

    select * from {{ ref('int_freshdesk__sla_escalation_agents_resolved') }}

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['escalations.sla_policy_id', 'escalations.escalation_name', 'escalations.escalation_agent_id'],
            loaded_at='escalations.loaded_at',
            is_deleted='sla_policies.is_deleted'
        ) }},
        {{ remote_id(['escalations.sla_policy_id']) }} as sla_policy_remote_id,
        escalations.sla_policy_id as sla_policy_id,
        escalations.escalation_name as escalation_name,
        escalations.escalation_time as escalation_time,
        escalations.agent_id as agent_id

    from escalations
    inner join sla_policies
        on escalations.sla_policy_id = sla_policies.sla_policy_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
