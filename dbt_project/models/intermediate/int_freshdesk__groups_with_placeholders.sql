with

groups as (

    select * from {{ ref('stg_freshdesk__groups') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from groups

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'group_id', 'group') }}

)

select * from with_placeholders
