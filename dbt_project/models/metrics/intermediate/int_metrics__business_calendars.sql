-- One row per business calendar and open weekday: when it opens and closes, in seconds after
-- local midnight, with the calendar's IANA time zone. A weekday absent from the API's answer is
-- closed and has no row.

with

calendars as (

    select *
    from {{ ref('stg_freshdesk__business_hours') }}

),

-- a full re-read: a calendar the newest load did not return is gone
current_calendars as (

    select *
    from (
        select
            calendars.*,
            {{ is_absent_from_latest_read('loaded_at') }} as is_deleted
        from calendars
    ) as flagged
    where not is_deleted

),

zones as (

    select rails_name, iana_name from {{ ref('rails_time_zones') }}

),

-- Freshdesk names zones the Rails way ("Eastern Time (US & Canada)"); an IANA name is kept as
-- is when it is one we know; anything else leaves the calendar without a zone (no business
-- minutes) rather than failing the build
with_zone as (

    select
        current_calendars.*,
        coalesce(
            by_rails_name.iana_name,
            (select min(iana_name) from zones where zones.iana_name = current_calendars.time_zone)
        ) as time_zone_iana

    from current_calendars
    left join zones as by_rails_name
        on current_calendars.time_zone = by_rails_name.rails_name

),

weekdays as (

    {%- for day in ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] %}
    select
        business_calendar_id,
        is_default,
        time_zone_iana,
        {{ loop.index }} as iso_weekday,
        {{ seconds_of_day(day ~ '_start_time') }} as opens_second,
        {{ seconds_of_day(day ~ '_end_time') }} as closes_second
    from with_zone
    where {{ day }}_start_time is not null and {{ day }}_end_time is not null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select
    business_calendar_id,
    is_default,
    time_zone_iana,
    iso_weekday,
    opens_second,
    -- Freshdesk's "open until midnight" is 11:59:59 pm
    case when closes_second = 86399 then 86400 else closes_second end as closes_second

from weekdays
