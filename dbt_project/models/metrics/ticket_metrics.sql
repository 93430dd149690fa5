with

tickets as (

    select *
    from {{ ref('ticket') }}
    -- live tickets only: trashed, hard-deleted and placeholder rows are IsDeleted; spam is not
    -- deleted in Freshdesk, but it is not support work either
    where not "IsDeleted" and not coalesce("Spam", false)

),

-- Freshdesk's `include=stats` timestamps reach the raw table but not the published Ticket
stats as (

    select
        ticket_id,
        stats_first_responded_at,
        stats_agent_responded_at,
        stats_requester_responded_at,
        stats_resolved_at,
        stats_closed_at,
        stats_reopened_at
    from {{ ref('stg_freshdesk__tickets') }}

),

account as (

    select * from {{ ref('int_metrics__account') }}

),

-- every conversation of a live ticket as Freshdesk's reports see it: a response (an agent's reply
-- or public note: not incoming, not private, not a forward, source 8) or a customer contact (an
-- incoming public message that is not survey feedback, source 6); private notes are neither
conversation_kinds as (

    select
        "TicketID" as ticket_id,
        "ID" as conversation_id,
        "CreatedAt" as created_at,
        not "Incoming" and not "Private" and "Source" <> 8 as is_response,
        "Incoming" and not "Private" and "Source" <> 6 as is_customer_contact,
        "Private" as is_private_note

    from {{ ref('ticket_conversation') }}
    where not "IsDeleted"

),

conversations as (

    select
        ticket_id,
        count(case when is_response then 1 end) as agent_responses,
        count(case when is_customer_contact then 1 end) as customer_contacts,
        min(case when is_customer_contact then created_at end) as first_customer_contact_at,
        count(case when is_private_note then 1 end) as private_notes

    from conversation_kinds
    group by ticket_id

),

-- Freshdesk's average response time: each wait starts at the first customer contact after the last
-- response (the ticket's creation is one, but not on an outbound e-mail, source 10) and ends at the
-- next response; a ticket's average is over its waits that ended
response_events as (

    select "ID" as ticket_id, "CreatedAt" as event_at, 0 as is_response, 0 as conversation_id
    from tickets
    where "Source" <> 10
    union all
    select conversation_kinds.ticket_id, conversation_kinds.created_at, 0, conversation_kinds.conversation_id
    from conversation_kinds
    where conversation_kinds.is_customer_contact
    union all
    select conversation_kinds.ticket_id, conversation_kinds.created_at, 1, conversation_kinds.conversation_id
    from conversation_kinds
    where conversation_kinds.is_response

),

response_turns as (

    select
        ticket_id,
        event_at,
        is_response,
        -- the responses before this event: the turn it belongs to (a response closes its turn)
        coalesce(sum(is_response) over (
            partition by ticket_id order by event_at, is_response, conversation_id
            rows between unbounded preceding and 1 preceding
        ), 0) as turn

    from response_events

),

response_waits as (

    select
        ticket_id,
        min(case when is_response = 0 then event_at end) as waiting_since,
        min(case when is_response = 1 then event_at end) as responded_at

    from response_turns
    group by ticket_id, turn

),

average_response as (

    select
        ticket_id,
        avg({{ epoch_seconds('responded_at') }} - {{ epoch_seconds('waiting_since') }}) as average_response_seconds

    from response_waits
    where waiting_since is not null and responded_at is not null
    group by ticket_id

),

time_entries as (

    select
        "TicketID" as ticket_id,
        count(*) as time_entries,
        sum("TimeSpentInSeconds") as time_spent_seconds

    from {{ ref('time_entry') }}
    where not "IsDeleted"
    group by "TicketID"

),

groups as (

    select "ID" as group_id, "BusinessCalendarID" as business_calendar_id
    from {{ ref('group') }}

),

calendars as (

    select distinct business_calendar_id, is_default, time_zone_iana
    from {{ ref('int_metrics__business_calendars') }}
    where time_zone_iana is not null

),

default_calendar as (

    select min(business_calendar_id) as business_calendar_id from calendars where is_default

),

sla_policies as (

    select
        ticket_sla.ticket_id,
        ticket_sla.sla_policy_id,
        policy."Name" as sla_policy_name

    from {{ ref('int_metrics__ticket_sla_policies') }} as ticket_sla
    left join {{ ref('sla_policy') }} as policy
        on ticket_sla.sla_policy_id = policy."ID"

),

joined as (

    select
        tickets."ID" as ticket_id,
        tickets."GroupID" as group_id,
        tickets."ResponderID" as agent_id,
        tickets."RequesterID" as requester_id,
        tickets."CompanyID" as company_id,
        tickets."Priority" as priority,
        tickets."Status" as status,
        tickets."Source" as source,
        tickets."CreatedAt" as created_at,
        -- an outbound e-mail's first-response clock starts at the customer's first reply
        case when tickets."Source" = 10 then conversations.first_customer_contact_at else tickets."CreatedAt" end
            as first_response_from,
        stats.stats_first_responded_at as first_responded_at,
        stats.stats_agent_responded_at as agent_responded_at,
        stats.stats_requester_responded_at as requester_responded_at,
        tickets."Status" in (4, 5) as is_resolved,
        -- a reopened ticket keeps its old resolved_at in some answers: only a ticket resolved
        -- or closed now has a resolution
        case when tickets."Status" in (4, 5)
            then coalesce(stats.stats_resolved_at, stats.stats_closed_at) end as resolved_at,
        case when tickets."Status" = 5 then stats.stats_closed_at end as closed_at,
        stats.stats_reopened_at as reopened_at,
        tickets."FrDueBy" as fr_due_by,
        tickets."DueBy" as due_by,
        tickets."FrEscalated" as fr_escalated,
        tickets."IsEscalated" as is_escalated,
        tickets."GroupID" is not null or tickets."ResponderID" is not null as is_assigned,
        coalesce(conversations.agent_responses, 0) as agent_responses,
        -- Freshdesk's inbound count: the customer's contacts, the ticket's creation among them
        -- unless an agent started it (outbound e-mail)
        coalesce(conversations.customer_contacts, 0) + case when tickets."Source" = 10 then 0 else 1 end
            as inbound_count,
        coalesce(conversations.private_notes, 0) as private_notes,
        coalesce(time_entries.time_entries, 0) as time_entries,
        coalesce(time_entries.time_spent_seconds, 0) as time_spent_seconds,
        -- the group's calendar, else the account's default; none known: no business minutes
        coalesce(group_calendar.business_calendar_id, default_calendar.business_calendar_id)
            as business_calendar_id,
        sla_policies.sla_policy_id,
        sla_policies.sla_policy_name,
        average_response.average_response_seconds,
        account.as_of

    from tickets
    cross join account
    cross join default_calendar
    left join stats
        on tickets."ID" = stats.ticket_id
    left join conversations
        on tickets."ID" = conversations.ticket_id
    left join time_entries
        on tickets."ID" = time_entries.ticket_id
    left join groups
        on tickets."GroupID" = groups.group_id
    left join calendars as group_calendar
        on groups.business_calendar_id = group_calendar.business_calendar_id
    left join sla_policies
        on tickets."ID" = sla_policies.ticket_id
    left join average_response
        on tickets."ID" = average_response.ticket_id

),

-- business seconds from the calendar's first day to each instant that needs one
instants as (

    select ticket_id, business_calendar_id, 'created' as instant, created_at as at from joined
    union all
    select ticket_id, business_calendar_id, 'first_response_from', first_response_from from joined
    union all
    select ticket_id, business_calendar_id, 'first_responded', first_responded_at from joined
    union all
    select ticket_id, business_calendar_id, 'resolved', resolved_at from joined

),

business_clock as (

    select
        instants.ticket_id,
        instants.instant,
        days.business_seconds_before + coalesce(least(greatest(
            {{ epoch_seconds('instants.at') }} - {{ epoch_seconds('days.opens_at') }}, 0
        ), days.business_seconds), 0) as business_seconds

    from instants
    inner join calendars
        on instants.business_calendar_id = calendars.business_calendar_id
    inner join {{ ref('int_metrics__business_calendar_days') }} as days
        on instants.business_calendar_id = days.business_calendar_id
        and days.local_date = {{ local_date('instants.at', 'calendars.time_zone_iana') }}
    where instants.at is not null

),

business_seconds as (

    select
        ticket_id,
        max(case when instant = 'created' then business_seconds end) as created,
        max(case when instant = 'first_response_from' then business_seconds end) as first_response_from,
        max(case when instant = 'first_responded' then business_seconds end) as first_responded,
        max(case when instant = 'resolved' then business_seconds end) as resolved

    from business_clock
    group by ticket_id

),

metrics as (

    select
        joined.*,
        {{ epoch_seconds('joined.first_responded_at') }} - {{ epoch_seconds('joined.first_response_from') }}
            as first_response_seconds,
        {{ epoch_seconds('joined.resolved_at') }} - {{ epoch_seconds('joined.created_at') }}
            as resolution_seconds,
        business_seconds.first_responded - business_seconds.first_response_from as first_response_business_seconds,
        business_seconds.resolved - business_seconds.created as resolution_business_seconds,
        -- an outcome only where Freshdesk has one; unknown stays null, never false
        case
            when joined.fr_due_by is null then null
            when joined.first_responded_at is not null then joined.first_responded_at <= joined.fr_due_by
            -- resolved without a response, still within the deadline, or an outbound e-mail the
            -- customer has not answered (its clock has not started): no outcome
            when joined.is_resolved or joined.fr_due_by >= joined.as_of then null
            when joined.source = 10 and joined.first_response_from is null then null
            -- open and running (status 2), or escalated by Freshdesk (the deadline passed while the
            -- clock ran); pending and custom statuses may pause the clock, which the API does not say
            when joined.status = 2 or joined.fr_escalated then false
        end as first_response_sla_met,
        case
            when joined.due_by is null then null
            when joined.resolved_at is not null then joined.resolved_at <= joined.due_by
            when joined.due_by >= joined.as_of then null
            when joined.status = 2 or joined.is_escalated then false
        end as resolution_sla_met

    from joined
    left join business_seconds
        on joined.ticket_id = business_seconds.ticket_id

),

final as (

    select
        cast(ticket_id as {{ dbt.type_bigint() }}) as "TicketID",
        cast(group_id as {{ dbt.type_bigint() }}) as "GroupID",
        cast(agent_id as {{ dbt.type_bigint() }}) as "AgentID",
        cast(requester_id as {{ dbt.type_bigint() }}) as "RequesterID",
        cast(company_id as {{ dbt.type_bigint() }}) as "CompanyID",
        cast(priority as {{ dbt.type_int() }}) as "Priority",
        cast(status as {{ dbt.type_int() }}) as "Status",
        cast(source as {{ dbt.type_int() }}) as "Source",
        cast(created_at as timestamp with time zone) as "CreatedAt",
        cast(first_responded_at as timestamp with time zone) as "FirstRespondedAt",
        cast(agent_responded_at as timestamp with time zone) as "AgentRespondedAt",
        cast(requester_responded_at as timestamp with time zone) as "RequesterRespondedAt",
        cast(resolved_at as timestamp with time zone) as "ResolvedAt",
        cast(closed_at as timestamp with time zone) as "ClosedAt",
        cast(reopened_at as timestamp with time zone) as "ReopenedAt",
        cast(is_resolved as {{ dbt.type_boolean() }}) as "IsResolved",
        cast(reopened_at is not null as {{ dbt.type_boolean() }}) as "IsReopened",
        cast(is_assigned as {{ dbt.type_boolean() }}) as "IsAssigned",
        cast(first_response_seconds as double precision) / 60 as "FirstResponseMinutes",
        cast(first_response_business_seconds as double precision) / 60 as "FirstResponseBusinessMinutes",
        cast(resolution_seconds as double precision) / 60 as "ResolutionMinutes",
        cast(resolution_business_seconds as double precision) / 60 as "ResolutionBusinessMinutes",
        cast(average_response_seconds as double precision) / 60 as "AverageResponseMinutes",
        cast(business_calendar_id as {{ dbt.type_bigint() }}) as "BusinessCalendarID",
        cast(agent_responses as {{ dbt.type_int() }}) as "AgentResponses",
        cast(inbound_count as {{ dbt.type_int() }}) as "InboundCount",
        cast(private_notes as {{ dbt.type_int() }}) as "PrivateNotes",
        cast(time_entries as {{ dbt.type_int() }}) as "TimeEntries",
        cast(time_spent_seconds as double precision) / 60 as "TimeSpentMinutes",
        cast(is_resolved and source <> 10 and inbound_count = 1 as {{ dbt.type_boolean() }})
            as "IsFirstContactResolution",
        cast(fr_due_by as timestamp with time zone) as "FrDueBy",
        cast(due_by as timestamp with time zone) as "DueBy",
        cast(first_response_sla_met as {{ dbt.type_boolean() }}) as "FirstResponseSLAMet",
        cast(resolution_sla_met as {{ dbt.type_boolean() }}) as "ResolutionSLAMet",
        cast(sla_policy_id as {{ dbt.type_bigint() }}) as "SLAPolicyID",
        cast(sla_policy_name as {{ dbt.type_string() }}) as "SLAPolicyName",
        cast(as_of as timestamp with time zone) as "AsOf"

    from metrics

)

select * from final
