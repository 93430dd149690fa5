with

targets as (

    select * from {{ ref('stg_freshdesk__sla_policies__sla_targets') }}

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['targets.sla_policy_id', 'targets.target_name']) }} as remote_id,
        {{ remote_id(['targets.sla_policy_id']) }} as sla_policy_remote_id,
        targets.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        sla_policies.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        targets.sla_policy_id as sla_policy_id,
        targets.target_name as target_name,
        targets.respond_within as respond_within,
        targets.resolve_within as resolve_within,
        targets.business_hours as business_hours,
        targets.escalation_enabled as escalation_enabled

    from targets
    inner join sla_policies
        on targets.sla_policy_id = sla_policies.sla_policy_id
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
        cast(target_name as {{ dbt.type_string() }}) as "TargetName",
        cast(respond_within as {{ dbt.type_bigint() }}) as "RespondWithin",
        cast(resolve_within as {{ dbt.type_bigint() }}) as "ResolveWithin",
        cast(business_hours as {{ dbt.type_boolean() }}) as "BusinessHours",
        cast(escalation_enabled as {{ dbt.type_boolean() }}) as "EscalationEnabled"

    from prepared

)

select * from final
