-- One row: the instant the metrics are computed as of (the last load) and the account's time
-- zone (its default business calendar's; UTC when no calendar is known), which the daily
-- summaries use to say what a day is.

with

account as (

    select max(loaded_at) as as_of from {{ ref('stg_freshdesk__account') }}

),

default_zone as (

    select min(time_zone_iana) as time_zone_iana
    from {{ ref('int_metrics__business_calendars') }}
    where is_default

)

select
    account.as_of,
    coalesce(default_zone.time_zone_iana, 'UTC') as time_zone

from account
cross join default_zone
