with

time_entries as (

    select * from {{ ref('stg_freshdesk__time_entries') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from time_entries

)

select * from with_deletion_state
