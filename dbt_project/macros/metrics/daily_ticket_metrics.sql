{% macro daily_ticket_metrics(dimension, with_agent_activity=false) -%}
{#- The body of a daily summary of TicketMetrics by `dimension` ("GroupID" or "AgentID"):
    one row per value of the dimension (null included: no group, no agent) and per day of the
    account's time zone, from the first ticket's day to the last load's. Each event counts on its
    own day, as Freshdesk's reports count it: a ticket's creation, its first response (with that
    response's SLA outcome) and its resolution (with the resolution's SLA outcome). -#}

with

account as (

    select * from {{ ref('int_metrics__account') }}

),

tickets as (

    select
        -- -1 stands for "none" inside the model so that joins stay equi-joins; null again at the end
        coalesce(metrics."{{ dimension }}", -1) as dimension_id,
        {{ local_date('metrics."CreatedAt"', 'account.time_zone') }} as created_day,
        {{ local_date('metrics."FirstRespondedAt"', 'account.time_zone') }} as first_responded_day,
        {{ local_date('metrics."ResolvedAt"', 'account.time_zone') }} as resolved_day,
        metrics."FirstResponseMinutes" as first_response_minutes,
        metrics."ResolutionMinutes" as resolution_minutes,
        metrics."FirstResponseSLAMet" as first_response_sla_met,
        metrics."ResolutionSLAMet" as resolution_sla_met,
        metrics."IsFirstContactResolution" as is_first_contact_resolution

    from {{ ref('ticket_metrics') }} as metrics
    cross join account

),

{%- if with_agent_activity %}

live_tickets as (

    select "TicketID" as ticket_id from {{ ref('ticket_metrics') }}

),

conversation_activity as (

    select
        conversations."UserID" as dimension_id,
        {{ local_date('conversations."CreatedAt"', 'account.time_zone') }} as day,
        -- responses as TicketMetrics.AgentResponses counts them: replies and public notes, no forwards
        count(case when not conversations."Private" and conversations."Source" <> 8 then 1 end)
            as agent_responses,
        count(case when conversations."Private" then 1 end) as private_notes

    from {{ ref('ticket_conversation') }} as conversations
    inner join live_tickets
        on conversations."TicketID" = live_tickets.ticket_id
    cross join account
    where not conversations."IsDeleted" and not conversations."Incoming"
        and conversations."UserID" is not null
    group by 1, 2

),

time_activity as (

    select
        entries."AgentID" as dimension_id,
        {{ local_date('entries."ExecutedAt"', 'account.time_zone') }} as day,
        sum(entries."TimeSpentInSeconds") as time_spent_seconds

    from {{ ref('time_entry') }} as entries
    inner join live_tickets
        on entries."TicketID" = live_tickets.ticket_id
    cross join account
    where not entries."IsDeleted" and entries."AgentID" is not null
    group by 1, 2

),

{%- endif %}

bounds as (

    select
        min(created_day) as first_day,
        max({{ local_date('account.as_of', 'account.time_zone') }}) as last_day
    from tickets
    cross join account

),

days as (

    {{ day_spine('(select first_day from bounds)', '(select last_day from bounds)') }}

),

dimension_values as (

    select dimension_id from tickets
    {%- if with_agent_activity %}
    union
    select dimension_id from conversation_activity
    union
    select dimension_id from time_activity
    {%- endif %}

),

grid as (

    select distinct dimension_values.dimension_id, days.day
    from dimension_values
    cross join days

),

created as (

    select
        dimension_id,
        created_day as day,
        count(*) as tickets_created

    from tickets
    group by dimension_id, created_day

),

first_responded as (

    select
        dimension_id,
        first_responded_day as day,
        count(*) as tickets_first_responded,
        percentile_cont(0.5) within group (order by first_response_minutes) as median_first_response_minutes,
        avg(first_response_minutes) as average_first_response_minutes,
        count(case when first_response_sla_met then 1 end) as first_response_sla_met,
        count(case when not first_response_sla_met then 1 end) as first_response_sla_breached

    from tickets
    where first_responded_day is not null
    group by dimension_id, first_responded_day

),

resolved as (

    select
        dimension_id,
        resolved_day as day,
        count(*) as tickets_resolved,
        count(case when is_first_contact_resolution then 1 end) as tickets_resolved_on_first_contact,
        percentile_cont(0.5) within group (order by resolution_minutes) as median_resolution_minutes,
        avg(resolution_minutes) as average_resolution_minutes,
        count(case when resolution_sla_met then 1 end) as resolution_sla_met,
        count(case when not resolution_sla_met then 1 end) as resolution_sla_breached

    from tickets
    where resolved_day is not null
    group by dimension_id, resolved_day

),

joined as (

    select
        grid.dimension_id,
        grid.day,
        coalesce(created.tickets_created, 0) as tickets_created,
        coalesce(resolved.tickets_resolved, 0) as tickets_resolved,
        sum(coalesce(created.tickets_created, 0) - coalesce(resolved.tickets_resolved, 0)) over (
            partition by grid.dimension_id order by grid.day rows between unbounded preceding and current row
        ) as backlog_at_day_end,
        coalesce(resolved.tickets_resolved_on_first_contact, 0) as tickets_resolved_on_first_contact,
        coalesce(first_responded.tickets_first_responded, 0) as tickets_first_responded,
        first_responded.median_first_response_minutes,
        first_responded.average_first_response_minutes,
        resolved.median_resolution_minutes,
        resolved.average_resolution_minutes,
        coalesce(first_responded.first_response_sla_met, 0) as first_response_sla_met,
        coalesce(first_responded.first_response_sla_breached, 0) as first_response_sla_breached,
        coalesce(resolved.resolution_sla_met, 0) as resolution_sla_met,
        coalesce(resolved.resolution_sla_breached, 0) as resolution_sla_breached
        {%- if with_agent_activity %},
        coalesce(conversation_activity.agent_responses, 0) as agent_responses,
        coalesce(conversation_activity.private_notes, 0) as private_notes,
        coalesce(time_activity.time_spent_seconds, 0) as time_spent_seconds
        {%- endif %}

    from grid
    left join created
        on grid.dimension_id = created.dimension_id and grid.day = created.day
    left join first_responded
        on grid.dimension_id = first_responded.dimension_id and grid.day = first_responded.day
    left join resolved
        on grid.dimension_id = resolved.dimension_id and grid.day = resolved.day
    {%- if with_agent_activity %}
    left join conversation_activity
        on grid.dimension_id = conversation_activity.dimension_id and grid.day = conversation_activity.day
    left join time_activity
        on grid.dimension_id = time_activity.dimension_id and grid.day = time_activity.day
    {%- endif %}

),

final as (

    select
        cast(day as date) as "Date",
        cast(case when dimension_id <> -1 then dimension_id end as {{ dbt.type_bigint() }}) as "{{ dimension }}",
        cast(tickets_created as {{ dbt.type_int() }}) as "TicketsCreated",
        cast(tickets_resolved as {{ dbt.type_int() }}) as "TicketsResolved",
        cast(tickets_resolved_on_first_contact as {{ dbt.type_int() }}) as "TicketsResolvedOnFirstContact",
        cast(backlog_at_day_end as {{ dbt.type_int() }}) as "BacklogAtDayEnd",
        cast(tickets_first_responded as {{ dbt.type_int() }}) as "TicketsFirstResponded",
        cast(median_first_response_minutes as double precision) as "MedianFirstResponseMinutes",
        cast(average_first_response_minutes as double precision) as "AverageFirstResponseMinutes",
        cast(median_resolution_minutes as double precision) as "MedianResolutionMinutes",
        cast(average_resolution_minutes as double precision) as "AverageResolutionMinutes",
        cast(first_response_sla_met as {{ dbt.type_int() }}) as "FirstResponseSLAMet",
        cast(first_response_sla_breached as {{ dbt.type_int() }}) as "FirstResponseSLABreached",
        cast(resolution_sla_met as {{ dbt.type_int() }}) as "ResolutionSLAMet",
        cast(resolution_sla_breached as {{ dbt.type_int() }}) as "ResolutionSLABreached"
        {%- if with_agent_activity %},
        cast(agent_responses as {{ dbt.type_int() }}) as "AgentResponses",
        cast(private_notes as {{ dbt.type_int() }}) as "PrivateNotes",
        cast(time_spent_seconds as double precision) / 60 as "TimeSpentMinutes"
        {%- endif %}

    from joined

)

select * from final
{%- endmacro %}
