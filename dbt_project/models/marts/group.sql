with

groups as (

    select * from {{ ref('int_freshdesk__groups') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['groups.group_id']) }} as remote_id,
        groups.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        groups.is_deleted as is_deleted,
        groups.created_at as when_created,
        groups.updated_at as when_modified,
        groups.group_id as id,
        groups.name as name,
        groups.description as description,
        groups.created_at as created_at,
        groups.updated_at as updated_at,
        groups.escalate_to as escalate_to,
        groups.business_calendar_id as business_calendar_id,
        groups.unassigned_for as unassigned_for,
        groups.type as type,
        groups.allow_agents_to_change_availability as allow_agents_to_change_availability,
        groups.auto_ticket_assign as auto_ticket_assign,
        groups.automatic_agent_assignment_enabled as automatic_agent_assignment_enabled,
        groups.automatic_agent_assignment_type as automatic_agent_assignment_type

    from groups
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(description as {{ dbt.type_string() }}) as "Description",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(escalate_to as {{ dbt.type_bigint() }}) as "EscalateTo",
        cast(business_calendar_id as {{ dbt.type_bigint() }}) as "BusinessCalendarID",
        cast(unassigned_for as {{ dbt.type_string() }}) as "UnassignedFor",
        cast(type as {{ dbt.type_string() }}) as "Type",
        cast(allow_agents_to_change_availability as {{ dbt.type_boolean() }}) as "AllowAgentsToChangeAvailability",
        cast(auto_ticket_assign as {{ dbt.type_int() }}) as "AutoTicketAssign",
        cast(automatic_agent_assignment_enabled as {{ dbt.type_boolean() }}) as "AutomaticAgentAssignmentEnabled",
        cast(automatic_agent_assignment_type as {{ dbt.type_string() }}) as "AutomaticAgentAssignmentType"

    from prepared

)

select * from final
