with

applicable_sources as (

    select sla_policy_id, source, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__sla_policies__sources') }}
    group by sla_policy_id, source

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['applicable_sources.sla_policy_id', 'applicable_sources.source'],
            loaded_at='applicable_sources.loaded_at',
            is_deleted='sla_policies.is_deleted'
        ) }},
        {{ remote_id(['applicable_sources.sla_policy_id']) }} as sla_policy_remote_id,
        applicable_sources.sla_policy_id as sla_policy_id,
        applicable_sources.source as source_id

    from applicable_sources
    inner join sla_policies
        on applicable_sources.sla_policy_id = sla_policies.sla_policy_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
