with

products as (

    select * from {{ ref('stg_freshdesk__products') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from products

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'product_id', 'product') }}

)

select * from with_placeholders
