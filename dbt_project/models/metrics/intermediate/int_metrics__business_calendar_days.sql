-- One row per business calendar and local date, from the day before the first ticket to the
-- day after the last load: when the calendar opens and closes that day as instants (so daylight
-- saving time and half-hour zones come out right), its business seconds that day, and its
-- business seconds from the first day up to that day's local midnight. Business seconds between
-- two instants are then a difference of two lookups (see `ticket_metrics`), joined on equality.

with

calendars as (

    select * from {{ ref('int_metrics__business_calendars') }}

),

calendar_ids as (

    select distinct business_calendar_id, time_zone_iana
    from calendars
    where time_zone_iana is not null

),

bounds as (

    select
        cast({{ dbt.dateadd('day', -2, 'min("CreatedAt")') }} as date) as first_day,
        cast({{ dbt.dateadd('day', 2, '(select max(as_of) from ' ~ ref('int_metrics__account') ~ ')') }} as date)
            as last_day
    from {{ ref('ticket') }}

),

days as (

    {{ day_spine('(select first_day from bounds)', '(select last_day from bounds)') }}

),

calendar_days as (

    select
        calendar_ids.business_calendar_id,
        days.day as local_date,
        (cast(days.day as timestamp) + calendars.opens_second * interval '1 second')
            at time zone calendar_ids.time_zone_iana as opens_at,
        (cast(days.day as timestamp) + calendars.closes_second * interval '1 second')
            at time zone calendar_ids.time_zone_iana as closes_at

    from calendar_ids
    cross join days
    left join calendars
        on calendars.business_calendar_id = calendar_ids.business_calendar_id
        and calendars.iso_weekday = cast(extract(isodow from days.day) as integer)

),

with_seconds as (

    select
        business_calendar_id,
        local_date,
        opens_at,
        closes_at,
        coalesce(greatest({{ epoch_seconds('closes_at') }} - {{ epoch_seconds('opens_at') }}, 0), 0)
            as business_seconds

    from calendar_days

)

select
    business_calendar_id,
    local_date,
    opens_at,
    closes_at,
    business_seconds,
    coalesce(sum(business_seconds) over (
        partition by business_calendar_id
        order by local_date
        rows between unbounded preceding and 1 preceding
    ), 0) as business_seconds_before

from with_seconds
