with

sla_policies as (

    select * from {{ ref('stg_freshdesk__sla_policies') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from sla_policies

)

select * from with_deletion_state
