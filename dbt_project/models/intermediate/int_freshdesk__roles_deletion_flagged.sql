with

roles as (

    select * from {{ ref('stg_freshdesk__roles') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from roles

)

select * from with_deletion_state
