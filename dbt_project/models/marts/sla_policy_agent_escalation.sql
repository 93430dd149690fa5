with

escalations as (

    select * from {{ ref('int_freshdesk__sla_policy_agent_escalations') }}

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['escalations.sla_policy_id', 'escalations.escalation_name', 'escalations.escalation_agent_id']) }} as remote_id,
        {{ remote_id(['escalations.sla_policy_id']) }} as sla_policy_remote_id,
        escalations.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        sla_policies.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        escalations.sla_policy_id as sla_policy_id,
        escalations.escalation_name as escalation_name,
        escalations.escalation_time as escalation_time,
        escalations.agent_id as agent_id

    from escalations
    inner join sla_policies
        on escalations.sla_policy_id = sla_policies.sla_policy_id
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(sla_policy_remote_id as {{ dbt.type_string() }}) as "SLAPolicyRemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(sla_policy_id as {{ dbt.type_bigint() }}) as "SLAPolicyID",
        cast(escalation_name as {{ dbt.type_string() }}) as "EscalationName",
        cast(escalation_time as {{ dbt.type_bigint() }}) as "EscalationTime",
        cast(agent_id as {{ dbt.type_bigint() }}) as "AgentID"

    from prepared

)

select * from final
