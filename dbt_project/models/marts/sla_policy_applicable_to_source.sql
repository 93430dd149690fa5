with

applicable_sources as (

    select sla_policy_id, source, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__sla_policies__sources') }}
    group by sla_policy_id, source

),

sla_policies as (

    select sla_policy_id, is_deleted from {{ ref('int_freshdesk__sla_policies') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['applicable_sources.sla_policy_id', 'applicable_sources.source']) }} as remote_id,
        {{ remote_id(['applicable_sources.sla_policy_id']) }} as sla_policy_remote_id,
        applicable_sources.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        sla_policies.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        applicable_sources.sla_policy_id as sla_policy_id,
        applicable_sources.source as source_id

    from applicable_sources
    inner join sla_policies
        on applicable_sources.sla_policy_id = sla_policies.sla_policy_id
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
        cast(source_id as {{ dbt.type_bigint() }}) as "SourceID"

    from prepared

)

select * from final
