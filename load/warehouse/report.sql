-- The support-metrics report's queries (`make report`, load/warehouse/report.py), all of them.
-- Each block starts with `-- name: <dataset>`; its comment lines say what a row is. They read
-- the metrics layer (schema freshdesk_metrics) of the published file and run as written in
-- `make shell` (after `USE freshdesk.freshdesk`, which it does). Rows are per group, by its name
-- ('(no group)' for tickets without one, '(group <id>)' for a group the API no longer returns);
-- the report's group filter picks rows and its charts add them up in the browser. Months are UTC
-- months of the timestamps; days and their months are the account's (the daily tables' `Date`).

-- name: freshness
-- When the load the metrics come from ran, and how many live tickets they cover.
select
    max("AsOf") as as_of,
    count(*) as tickets,
    min("CreatedAt") as first_ticket_at,
    max("CreatedAt") as last_ticket_at
from freshdesk_metrics."TicketMetrics";

-- name: times
-- First response and resolution times by month: the month of the first response (of the
-- resolution), average and median hours in calendar time and in business hours, per group and,
-- where all_groups, over every group (a median cannot be added up across groups).
with spans as (
    select
        'First response' as measure,
        "GroupID" as group_id,
        "FirstRespondedAt" as ended_at,
        "FirstResponseMinutes" as calendar_minutes,
        "FirstResponseBusinessMinutes" as business_minutes
    from freshdesk_metrics."TicketMetrics"
    union all
    select 'Resolution', "GroupID", "ResolvedAt", "ResolutionMinutes", "ResolutionBusinessMinutes"
    from freshdesk_metrics."TicketMetrics"
),

tickets as (
    select
        spans.measure,
        date_trunc('month', spans.ended_at at time zone 'UTC')::date as month,
        coalesce(g."Name", '(group ' || spans.group_id || ')', '(no group)') as group_name,
        spans.calendar_minutes / 60 as calendar_hours,
        spans.business_minutes / 60 as business_hours
    from spans
    left join "Group" g on g."ID" = spans.group_id
    where spans.calendar_minutes is not null
)

select
    measure,
    month,
    grouping(group_name) = 1 as all_groups,
    group_name,
    count(*) as tickets,
    round(avg(calendar_hours), 2) as average_calendar_hours,
    round(median(calendar_hours), 2) as median_calendar_hours,
    round(avg(business_hours), 2) as average_business_hours,
    round(median(business_hours), 2) as median_business_hours
from tickets
group by grouping sets ((measure, month, group_name), (measure, month))
order by measure, month, all_groups, group_name;

-- name: group_months
-- Per group and month: tickets created and resolved, and of the tickets created, how many met
-- and how many missed their first-response and resolution deadlines (pending ones in neither).
select
    date_trunc('month', d."Date")::date as month,
    coalesce(g."Name", '(group ' || d."GroupID" || ')', '(no group)') as group_name,
    sum(d."TicketsCreated") as created,
    sum(d."TicketsResolved") as resolved,
    sum(d."FirstResponseSLAMet") as first_response_met,
    sum(d."FirstResponseSLABreached") as first_response_breached,
    sum(d."ResolutionSLAMet") as resolution_met,
    sum(d."ResolutionSLABreached") as resolution_breached
from freshdesk_metrics."GroupDailyMetrics" d
left join "Group" g on g."ID" = d."GroupID"
group by all
order by month, group_name;

-- name: backlog
-- Per group and day: live tickets created by the end of the day and not resolved by then.
select
    d."Date" as day,
    coalesce(g."Name", '(group ' || d."GroupID" || ')', '(no group)') as group_name,
    d."BacklogAtDayEnd" as backlog
from freshdesk_metrics."GroupDailyMetrics" d
left join "Group" g on g."ID" = d."GroupID"
order by day, group_name;

-- name: volume
-- Tickets created per month (UTC), group, channel and priority.
with channels (source, channel) as (
    values (1, 'Email'), (2, 'Portal'), (3, 'Phone'), (4, 'Forum'), (5, 'Twitter'), (6, 'Facebook'),
        (7, 'Chat'), (8, 'MobiHelp'), (9, 'Feedback widget'), (10, 'Outbound email'), (11, 'Ecommerce'),
        (12, 'Bot'), (13, 'WhatsApp'), (14, 'Internal chat task'), (15, 'Web chat')
)

select
    date_trunc('month', m."CreatedAt" at time zone 'UTC')::date as month,
    coalesce(g."Name", '(group ' || m."GroupID" || ')', '(no group)') as group_name,
    coalesce(c.channel, 'Source ' || m."Source") as channel,
    case m."Priority" when 1 then '1 Low' when 2 then '2 Medium' when 3 then '3 High' when 4 then '4 Urgent'
        else 'unknown' end as priority,
    count(*) as tickets
from freshdesk_metrics."TicketMetrics" m
left join "Group" g on g."ID" = m."GroupID"
left join channels c on c.source = m."Source"
group by all
order by month, group_name, channel, priority;

-- name: agent_months
-- Per agent and month: the agent's public replies and private notes, and the tickets assigned to
-- the agent that were resolved; with the groups the agent belongs to (the group filter's rows).
-- Unassigned tickets are the agent '(unassigned)'.
with agent_groups as (
    select ga."AgentID" as agent_id, list(g."Name" order by g."Name") as group_names
    from "GroupAgent" ga
    join "Group" g on g."ID" = ga."GroupID"
    where not ga."IsDeleted" and not g."IsDeleted"
    group by all
)

select
    date_trunc('month', d."Date")::date as month,
    coalesce(a."ContactName", '(agent ' || d."AgentID" || ')', '(unassigned)') as agent,
    coalesce(ag.group_names, []) as group_names,
    sum(d."AgentResponses") as replies,
    sum(d."PrivateNotes") as notes,
    sum(d."TicketsResolved") as resolved
from freshdesk_metrics."AgentDailyMetrics" d
left join "Agent" a on a."ID" = d."AgentID"
left join agent_groups ag on ag.agent_id = d."AgentID"
group by all
having sum(d."AgentResponses") + sum(d."PrivateNotes") + sum(d."TicketsResolved") > 0
order by month, agent;
