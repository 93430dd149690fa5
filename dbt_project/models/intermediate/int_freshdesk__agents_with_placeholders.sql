with

agents as (

    select * from {{ ref('stg_freshdesk__agents') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from agents

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'agent_id', 'agent') }}

)

select * from with_placeholders
