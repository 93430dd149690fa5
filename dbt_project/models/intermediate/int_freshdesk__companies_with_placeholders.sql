with

companies as (

    select * from {{ ref('stg_freshdesk__companies') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from companies

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'company_id', 'company') }}

)

select * from with_placeholders
