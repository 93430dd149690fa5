{% macro epoch_seconds(ts) -%}
    {#- Seconds since 1970 of a timestamp with time zone, as a whole number (DuckDB, PostgreSQL). -#}
    cast(extract(epoch from {{ ts }}) as {{ dbt.type_bigint() }})
{%- endmacro %}


{% macro local_date(ts, time_zone) -%}
    {#- The calendar date of instant `ts` in IANA zone `time_zone` (a column or a quoted literal). -#}
    cast(({{ ts }}) at time zone {{ time_zone }} as date)
{%- endmacro %}


{% macro seconds_of_day(clock_time) -%}
    {#- Freshdesk's "08:00:00 am" / "8:00 pm" as seconds after midnight; null stays null. -#}
    (
        mod(cast(split_part(split_part(trim({{ clock_time }}), ' ', 1), ':', 1) as integer), 12) * 3600
        + case when lower(trim({{ clock_time }})) like '%pm' then 43200 else 0 end
        + cast(split_part(split_part(trim({{ clock_time }}), ' ', 1), ':', 2) as integer) * 60
        + coalesce(cast(nullif(split_part(split_part(trim({{ clock_time }}), ' ', 1), ':', 3), '') as integer), 0)
    )
{%- endmacro %}


{% macro day_spine(first_date, last_date) -%}
    {#- One row per date from `first_date` to `last_date` (SQL expressions of type date) as `day`:
        dbt's own `generate_series` (at most 2^15 days, 89 years), portable to every adapter. -#}
    select cast({{ dbt.dateadd('day', 'series.generated_number - 1', first_date) }} as date) as day
    from ({{ dbt.generate_series(32768) }}) as series
    where series.generated_number - 1 <= {{ dbt.datediff(first_date, last_date, 'day') }}
{%- endmacro %}
